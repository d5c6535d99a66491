package org.ssl4j.models.efficientnet;

import java.util.Arrays;
import java.util.List;
import org.ssl4j.api.config.InvalidConfigException;

/**
 * The EfficientNet family by config name, each a compound scaling of the B0 network: a width
 * multiplier (channels), a depth multiplier (blocks per stage), the input resolution it was
 * designed for, and the dropout before the classifier.
 *
 * <p>Sources: B0-B7 from the EfficientNet paper's table (Tan and Le, 2019) and torchvision's
 * {@code efficientnet_b0 .. efficientnet_b7}; L2 from Noisy Student (Xie et al., 2020): width
 * 4.3, depth 5.3, resolution 800, dropout 0.5; B6-Wide from Meta Pseudo Labels (Pham et al.,
 * 2021): the reference code's {@code efficientnet-b6-mpl}, B6's depth 2.6 and dropout 0.5 with
 * the width multiplier raised from 1.8 to 5.0, at resolution 800.
 */
enum EfficientNetVariant {
    B0("b0", 1.0, 1.0, 224, 0.2),
    B1("b1", 1.0, 1.1, 240, 0.2),
    B2("b2", 1.1, 1.2, 260, 0.3),
    B3("b3", 1.2, 1.4, 300, 0.3),
    B4("b4", 1.4, 1.8, 380, 0.4),
    B5("b5", 1.6, 2.2, 456, 0.4),
    B6("b6", 1.8, 2.6, 528, 0.5),
    B7("b7", 2.0, 3.1, 600, 0.5),
    /** Meta Pseudo Labels' student and teacher for ImageNet: B6 with width 5.0. */
    B6_WIDE("b6-wide", 5.0, 2.6, 800, 0.5),
    /** Noisy Student's largest network. */
    L2("l2", 4.3, 5.3, 800, 0.5);

    private final String configName;
    private final double width;
    private final double depth;
    private final int resolution;
    private final double dropout;

    EfficientNetVariant(
            String configName, double width, double depth, int resolution, double dropout) {
        this.configName = configName;
        this.width = width;
        this.depth = depth;
        this.resolution = resolution;
        this.dropout = dropout;
    }

    /**
     * @param field the config field that holds the name, for the error message
     * @param name the name as written in a config, e.g. {@code b0} or {@code b6-wide}
     * @return the variant of that name
     * @throws InvalidConfigException when no variant has that name; the message lists them
     */
    static EfficientNetVariant named(String field, String name) {
        for (EfficientNetVariant variant : values()) {
            if (variant.configName.equals(name)) {
                return variant;
            }
        }
        throw new InvalidConfigException(
                field, "must be one of " + configNames() + ", got '" + name + "'");
    }

    /**
     * @return the name a config uses, e.g. {@code b6-wide}
     */
    String configName() {
        return configName;
    }

    /**
     * @return the width multiplier applied to every stage's channels
     */
    double width() {
        return width;
    }

    /**
     * @return the depth multiplier applied to every stage's block count
     */
    double depth() {
        return depth;
    }

    /**
     * @return the input side (pixels) the variant was designed for
     */
    int resolution() {
        return resolution;
    }

    /**
     * @return the dropout rate before the classifier
     */
    double dropout() {
        return dropout;
    }

    private static List<String> configNames() {
        return Arrays.stream(values()).map(variant -> variant.configName).toList();
    }
}
