package org.ssl4j.data.images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.data.SslData;

/**
 * The {@code fashion-mnist} data source: Zalando's 28x28 grey clothing images in 10 classes,
 * 60,000 for training and 10,000 for testing, read from the four IDX files as distributed (see
 * {@link IdxConfig}). The files must be on this machine; nothing is downloaded. On Debian-style
 * systems {@code apt-get install dataset-fashion-mnist} puts them in the default directory.
 *
 * <p>Splits are made as {@link SplitSettings} describes; example shape {@code (1, 28, 28)}.
 *
 * @param directory the folder holding the files; default {@code /usr/share/datasets/fashion-mnist}
 * @param trainImages training images file in {@code directory}; default {@code
 *     train-images-idx3-ubyte.gz} (the name without {@code .gz} is used when only it exists)
 * @param trainLabels training labels file; default {@code train-labels-idx1-ubyte.gz}
 * @param testImages test images file; default {@code t10k-images-idx3-ubyte.gz}
 * @param testLabels test labels file; default {@code t10k-labels-idx1-ubyte.gz}
 * @param labeledPerClass see {@link SplitSettings}; required
 * @param validationPerClass see {@link SplitSettings}; default 0
 * @param normalize see {@link SplitSettings}; default true
 */
public record FashionMnistConfig(
        String directory,
        String trainImages,
        String trainLabels,
        String testImages,
        String testLabels,
        Integer labeledPerClass,
        Integer validationPerClass,
        Boolean normalize)
        implements DataSourceConfig {

    /** The default data directory, where the {@code dataset-fashion-mnist} package installs. */
    public static final String DEFAULT_DIRECTORY = "/usr/share/datasets/fashion-mnist";

    /** The class names, in label order. */
    public static final List<String> CLASS_NAMES =
            List.of(
                    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                    "Sneaker", "Bag", "Ankle boot");

    private static final String HINT =
            "; `apt-get install dataset-fashion-mnist` provides it in " + DEFAULT_DIRECTORY;

    /** Applies the defaults and checks the split settings. */
    public FashionMnistConfig {
        directory = directory == null ? DEFAULT_DIRECTORY : directory;
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
     * @throws IOException when the directory or a file is missing (the message says how to
     *     install it) or a file is malformed ({@link DataFileException})
     */
    @Override
    public SslData load(DataContext context) throws IOException {
        return IdxSource.loadDirectory(
                "fashion-mnist",
                Path.of(directory),
                List.of(trainImages, trainLabels, testImages, testLabels),
                HINT,
                CLASS_NAMES,
                splitSettings(),
                context);
    }
}
