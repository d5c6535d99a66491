package org.ssl4j.api.data;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.ssl4j.api.config.InvalidConfigException;

/**
 * What a data source holds, as the backbones and the runtime need to know it.
 *
 * @param exampleShape shape of one input example without the batch axis: {@code (D)} for
 *     vectors, {@code (C, H, W)} for images
 * @param classes the number of classes; labels are {@code 0 .. classes-1}
 * @param classNames one name per class, in label order
 * @param description a human-readable line for run summaries (name, sizes, split seed)
 */
public record DataSpec(Shape exampleShape, int classes, List<String> classNames, String description) {

    /** Checks that there are at least two classes and one name per class. */
    public DataSpec {
        if (classes < 2) {
            throw new InvalidConfigException("classes", "must be at least 2, got " + classes);
        }
        classNames = List.copyOf(classNames);
        if (classNames.size() != classes) {
            throw new IllegalArgumentException(
                    classes + " classes but " + classNames.size() + " class names");
        }
    }
}
