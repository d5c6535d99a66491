package org.ssl4j.data.images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.data.SslData;

/**
 * The {@code idx} data source: any grey image set in the IDX format of MNIST, from four
 * explicitly named files, gzipped or not (the gzip magic bytes decide, not the name). An images
 * file is the big-endian magic {@code 0x00000803}, the image count, rows and columns as
 * big-endian int32, then {@code count x rows x columns} unsigned bytes; a labels file is the
 * magic {@code 0x00000801}, the count, then one unsigned byte per label. The files must be on this
 * machine; nothing is downloaded.
 *
 * <p>Splits are made as {@link SplitSettings} describes; example shape {@code (1, rows,
 * columns)}.
 *
 * @param trainImages path of the training images file; required
 * @param trainLabels path of the training labels file; required
 * @param testImages path of the test images file; required
 * @param testLabels path of the test labels file; required
 * @param classNames one name per class in label order, at least 2; default {@code 0 .. k-1} with
 *     {@code k} one more than the largest training label
 * @param labeledPerClass see {@link SplitSettings}; required
 * @param validationPerClass see {@link SplitSettings}; default 0
 * @param normalize see {@link SplitSettings}; default true
 */
public record IdxConfig(
        String trainImages,
        String trainLabels,
        String testImages,
        String testLabels,
        List<String> classNames,
        Integer labeledPerClass,
        Integer validationPerClass,
        Boolean normalize)
        implements DataSourceConfig {

    /** Checks the paths, the class names and the split settings, and applies the defaults. */
    public IdxConfig {
        Checks.required("trainImages", trainImages);
        Checks.required("trainLabels", trainLabels);
        Checks.required("testImages", testImages);
        Checks.required("testLabels", testLabels);
        if (classNames != null) {
            classNames = Checks.listOf("classNames", classNames);
            if (classNames.size() < 2) {
                throw new InvalidConfigException(
                        "classNames", "must name at least 2 classes, got " + classNames.size());
            }
        }
        SplitSettings split = new SplitSettings(labeledPerClass, validationPerClass, normalize);
        validationPerClass = split.validationPerClass();
        normalize = split.normalize();
    }

    /**
     * @return the shared split fields
     */
    public SplitSettings splitSettings() {
        return new SplitSettings(labeledPerClass, validationPerClass, normalize);
    }

    /**
     * Reads the files and makes the splits in {@code context.manager()}.
     *
     * @param context the seed and the run's manager
     * @return the splits
     * @throws IOException when a file is missing or malformed ({@link DataFileException})
     */
    @Override
    public SslData load(DataContext context) throws IOException {
        return IdxSource.load(
                "idx (" + trainImages + ")",
                List.of(Path.of(trainImages), Path.of(trainLabels), Path.of(testImages),
                        Path.of(testLabels)),
                classNames,
                splitSettings(),
                context);
    }
}
