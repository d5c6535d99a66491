package org.ssl4j.data.images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.data.SslData;

/**
 * The {@code cifar-10} data source: 32x32 colour images in 10 classes, from the binary version
 * of the data set ({@code data_batch_1.bin} .. {@code data_batch_5.bin} for training, {@code
 * test_batch.bin} for testing; records of 1 label byte and 3072 pixel bytes, the red, green
 * and blue 32x32 planes row-major). The files must be on this machine;
 * nothing is downloaded.
 *
 * <p>Splits are made as {@link SplitSettings} describes; example shape {@code (3, 32, 32)}.
 *
 * @param directory the folder holding the {@code .bin} files; required
 * @param trainBatches how many training batches to read, {@code data_batch_1.bin} onwards;
 *     default 5 (all), in [1, 5]
 * @param labeledPerClass see {@link SplitSettings}; required
 * @param validationPerClass see {@link SplitSettings}; default 0
 * @param normalize see {@link SplitSettings}; default true
 */
public record Cifar10Config(
        String directory,
        Integer trainBatches,
        Integer labeledPerClass,
        Integer validationPerClass,
        Boolean normalize)
        implements DataSourceConfig {

    /** The class names, in label order. */
    public static final List<String> CLASS_NAMES =
            List.of(
                    "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse",
                    "ship", "truck");

    /** Applies the defaults and checks the directory, the batch count and the split settings. */
    public Cifar10Config {
        Checks.required("directory", directory);
        trainBatches = trainBatches == null ? 5 : trainBatches;
        Checks.inRange("trainBatches", trainBatches, 1, 5);
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
     * Reads the batch files and makes the splits in {@code context.manager()}.
     *
     * @param context the seed and the run's manager
     * @return the splits, classes {@link #CLASS_NAMES}
     * @throws IOException when the directory or a file is missing or a file is malformed ({@link
     *     DataFileException})
     */
    @Override
    public SslData load(DataContext context) throws IOException {
        Path folder = DataFiles.requireDirectory(Path.of(directory), "");
        List<Path> trainFiles = new ArrayList<>();
        for (int batch = 1; batch <= trainBatches; batch++) {
            trainFiles.add(DataFiles.requireFile(folder.resolve("data_batch_" + batch + ".bin")));
        }
        Path testFile = DataFiles.requireFile(folder.resolve("test_batch.bin"));
        ImageSet train = CifarReader.read(trainFiles);
        ImageSet test = CifarReader.read(List.of(testFile));
        return ImageSplitter.split(
                "cifar-10 (" + folder + ")", train, test, CLASS_NAMES, splitSettings(), context);
    }
}
