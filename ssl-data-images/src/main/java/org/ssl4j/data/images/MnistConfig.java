package org.ssl4j.data.images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.data.SslData;

/**
 * The {@code mnist} data source: 28x28 grey handwritten digits in 10 classes ({@code 0 .. 9}),
 * 60,000 for training and 10,000 for testing, read from the four IDX files as distributed (see
 * {@link IdxConfig}). The files must be on this machine; nothing is downloaded.
 *
 * <p>Splits are made as {@link SplitSettings} describes; example shape {@code (1, 28, 28)}.
 *
 * @param directory the folder holding the files; required
 * @param trainImages training images file in {@code directory}; default {@code
 *     train-images-idx3-ubyte.gz} (the name without {@code .gz} is used when only it exists)
 * @param trainLabels training labels file; default {@code train-labels-idx1-ubyte.gz}
 * @param testImages test images file; default {@code t10k-images-idx3-ubyte.gz}
 * @param testLabels test labels file; default {@code t10k-labels-idx1-ubyte.gz}
 * @param labeledPerClass see {@link SplitSettings}; required
 * @param validationPerClass see {@link SplitSettings}; default 0
 * @param normalize see {@link SplitSettings}; default true
 */
public record MnistConfig(
        String directory,
        String trainImages,
        String trainLabels,
        String testImages,
        String testLabels,
        Integer labeledPerClass,
        Integer validationPerClass,
        Boolean normalize)
        implements DataSourceConfig {

    /** The class names, in label order. */
    public static final List<String> CLASS_NAMES =
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** Applies the defaults and checks the directory and the split settings. */
    public MnistConfig {
        Checks.required("directory", directory);
        trainImages = trainImages == null ? IdxSource.TRAIN_IMAGES : trainImages;
        trainLabels = trainLabels == null ? IdxSource.TRAIN_LABELS : trainLabels;
        testImages = testImages == null ? IdxSource.TEST_IMAGES : testImages;
        testLabels = testLabels == null ? IdxSource.TEST_LABELS : testLabels;
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
     * @return the splits, classes {@link #CLASS_NAMES}
     * @throws IOException when the directory or a file is missing or a file is malformed ({@link
     *     DataFileException})
     */
    @Override
    public SslData load(DataContext context) throws IOException {
        return IdxSource.loadDirectory(
                "mnist",
                Path.of(directory),
                List.of(trainImages, trainLabels, testImages, testLabels),
                "",
                CLASS_NAMES,
                splitSettings(),
                context);
    }
}
