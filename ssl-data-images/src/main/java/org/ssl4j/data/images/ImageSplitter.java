package org.ssl4j.data.images;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.data.SslData;

/**
 * Turns a training set and a test set of images into the three SSL splits, the same way for every
 * image source, as {@link SplitSettings} describes.
 */
final class ImageSplitter {

    private static final long LABEL_SPLIT_STREAM = 1;

    private ImageSplitter() {}

    /**
     * Makes the splits in {@code context.manager()}.
     *
     * @param source the source's name and location for the description, e.g. {@code
     *     "fashion-mnist (/data/fm)"}
     * @param train the training set; labels in {@code [0, classNames.size())}
     * @param test the test set, with the training set's image shape
     * @param classNames one name per class, in label order
     * @param settings the label counts and normalisation
     * @param context the seed and the run's manager
     * @return the splits
     * @throws InvalidConfigException when a class has fewer training images than {@code
     *     labeledPerClass + validationPerClass}, naming the class and the counts
     */
    static SslData split(
            String source,
            ImageSet train,
            ImageSet test,
            List<String> classNames,
            SplitSettings settings,
            DataContext context) {
        int classes = classNames.size();
        int labeledPerClass = settings.labeledPerClass();
        int validationPerClass = settings.validationPerClass();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < train.size(); i++) {
            byClass.get(train.label(i)).add(i);
        }
        for (int c = 0; c < classes; c++) {
            int available = byClass.get(c).size();
            if (available < labeledPerClass + validationPerClass) {
                throw new InvalidConfigException(
                        "labeledPerClass",
                        String.format(
                                "class '%s' has %d training examples, fewer than labeledPerClass"
                                        + " + validationPerClass = %d + %d",
                                classNames.get(c), available, labeledPerClass,
                                validationPerClass));
            }
        }
        Random random = new Random(derive(context.seed(), LABEL_SPLIT_STREAM));
        int[] validation = new int[classes * validationPerClass];
        int[] labeled = new int[classes * labeledPerClass];
        boolean[] heldOut = new boolean[train.size()];
        for (int c = 0; c < classes; c++) {
            List<Integer> shuffled = new ArrayList<>(byClass.get(c));
            Collections.shuffle(shuffled, random);
            for (int k = 0; k < validationPerClass; k++) {
                validation[c * validationPerClass + k] = shuffled.get(k);
                heldOut[shuffled.get(k)] = true;
            }
            for (int k = 0; k < labeledPerClass; k++) {
                labeled[c * labeledPerClass + k] = shuffled.get(validationPerClass + k);
            }
        }
        Arrays.sort(validation);
        Arrays.sort(labeled);
        int[] pool = new int[train.size() - validation.length];
        for (int i = 0, k = 0; i < train.size(); i++) {
            if (!heldOut[i]) {
                pool[k++] = i;
            }
        }

        int channels = (int) train.exampleShape().get(0);
        double[] mean = new double[channels];
        double[] std = new double[channels];
        Arrays.fill(std, 1);
        if (settings.normalize()) {
            double[][] statistics = train.channelStatistics(pool);
            mean = statistics[0];
            std = statistics[1];
        }
        var manager = context.manager();
        NDArray table = ImageDataset.table(mean, std, manager);
        NDArray trainPixels = train.pixels(manager);
        var labeledSet = train.toDataset(trainPixels, table, labeled);
        var unlabeledSet = train.toDataset(trainPixels, table, pool);
        var testSet = test.toDataset(test.pixels(manager), table, all(test.size()));
        var validationSet = validationPerClass > 0 ? train.toDataset(trainPixels, table, validation) : null;

        String shape = String.join("x", Arrays.stream(train.exampleShape().getShape())
                .mapToObj(Long::toString).toList());
        String testPart =
                validationPerClass > 0
                        ? String.format(
                                "%d test, %d validation (%d per class, held out of the training set and of"
                                        + " every training split)",
                                test.size(), validation.length, validationPerClass)
                        : test.size() + " test";
        String normalisation =
                settings.normalize()
                        ? String.format(
                                Locale.ROOT,
                                "normalized per channel (pool mean %s, std %s)",
                                format(mean),
                                format(std))
                        : "scaled to [0, 1], not normalized";
        String description =
                String.format(
                        "%s: %s images, %d classes, %d unlabeled, %d labeled (%d per class), %s,"
                                + " %s, split seed %d",
                        source, shape, classes, pool.length, labeled.length, labeledPerClass,
                        testPart, normalisation, context.seed());
        DataSpec spec = new DataSpec(train.exampleShape(), classes, classNames, description);
        return new SslData(spec, labeledSet, unlabeledSet, testSet, validationSet);
    }

    private static int[] all(int size) {
        int[] indices = new int[size];
        Arrays.setAll(indices, i -> i);
        return indices;
    }

    private static String format(double[] values) {
        List<String> parts = new ArrayList<>();
        for (double value : values) {
            parts.add(String.format(Locale.ROOT, "%.4f", value));
        }
        return String.join("/", parts);
    }

    /** Mixes the run's seed and a stream number into an independent seed (SplitMix64). */
    private static long derive(long seed, long stream) {
        long z = seed + stream * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
