package org.ssl4j.data.images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.SslData;

/** Loads the four IDX files of a training and a test set and splits them; shared by the IDX sources. */
final class IdxSource {

    /** Default training images file name, as distributed. */
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    /** Default training labels file name, as distributed. */
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    /** Default test images file name, as distributed. */
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    /** Default test labels file name, as distributed. */
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    private IdxSource() {}

    /**
     * Loads the four files from one directory; each name ending in {@code .gz} falls back to the
     * name without it when absent.
     *
     * @param source the source's name for the description, e.g. {@code fashion-mnist}
     * @param directory the directory
     * @param names training images, training labels, test images, test labels
     * @param hint how to get the data, appended to a missing-file message; empty for none
     * @param classNames one name per class; labels must be below their count
     * @param settings the label counts and normalisation
     * @param context the seed and the run's manager
     * @return the splits
     * @throws IOException when the directory or a file is missing, unreadable or malformed
     */
    static SslData loadDirectory(
            String source,
            Path directory,
            List<String> names,
            String hint,
            List<String> classNames,
            SplitSettings settings,
            DataContext context)
            throws IOException {
        DataFiles.requireDirectory(directory, hint);
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            files.add(DataFiles.resolve(directory, name, hint));
        }
        return load(source + " (" + directory + ")", files, classNames, settings, context);
    }

    /**
     * Loads four IDX files and splits them.
     *
     * @param source the source's name and location for the description
     * @param files training images, training labels, test images, test labels; all must exist
     * @param classNames one name per class; null to name the classes {@code 0 .. k-1} with
     *     {@code k} one more than the largest training label
     * @param settings the label counts and normalisation
     * @param context the seed and the run's manager
     * @return the splits
     * @throws IOException when a file is missing, unreadable or malformed, or the test images'
     *     size differs from the training images'
     */
    static SslData load(
            String source,
            List<Path> files,
            List<String> classNames,
            SplitSettings settings,
            DataContext context)
            throws IOException {
        for (Path file : files) {
            DataFiles.requireFile(file);
        }
        ImageSet train =
                IdxReader.read(
                        files.get(0), files.get(1), classNames == null ? 256 : classNames.size());
        List<String> names = classNames;
        if (names == null) {
            int classes = train.maxLabel() + 1;
            if (classes < 2) {
                throw new DataFileException(
                        files.get(1), "needs labels of at least 2 classes, the largest is "
                                + train.maxLabel());
            }
            names = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                names.add(Integer.toString(c));
            }
        }
        ImageSet test = IdxReader.read(files.get(2), files.get(3), names.size());
        if (!test.exampleShape().equals(train.exampleShape())) {
            throw new DataFileException(
                    files.get(2),
                    String.format(
                            "images are %s but the training images in %s are %s",
                            test.exampleShape(), files.get(0), train.exampleShape()));
        }
        return ImageSplitter.split(source, train, test, names, settings, context);
    }
}
