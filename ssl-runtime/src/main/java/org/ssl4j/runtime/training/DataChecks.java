package org.ssl4j.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import java.util.stream.LongStream;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.data.SslData;

/**
 * Checks loaded data before training, so that bad data is one clear message rather than a
 * native error or silent nonsense mid-run: every split's examples have the declared shape and
 * finite values, labels of the labeled, test and validation splits are class ids in {@code [0, classes)},
 * and every class has at least one labeled example. Reads each split once, in chunks, in a
 * manager closed at the end.
 */
final class DataChecks {

    private static final int CHUNK = 4096;

    private DataChecks() {}

    /**
     * @param data the loaded data
     * @param manager where temporary chunks go (a sub-manager is closed per chunk)
     * @throws InvalidConfigException naming the split and the first offending example
     */
    static void check(SslData data, NDManager manager) {
        DataSpec spec = data.spec();
        long[] labeledPerClass = new long[spec.classes()];
        check("labeled", data.labeled(), spec, true, labeledPerClass, manager);
        check("unlabeled", data.unlabeled(), spec, false, null, manager);
        check("test", data.test(), spec, true, null, manager);
        if (data.validation() != null) {
            check("validation", data.validation(), spec, true, null, manager);
        }
        for (int c = 0; c < labeledPerClass.length; c++) {
            if (labeledPerClass[c] == 0) {
                throw new InvalidConfigException(
                        "", "the labeled split has no example of class " + c + " ('" + name(spec, c)
                                + "'); every class needs at least one label");
            }
        }
    }

    private static void check(
            String split, ArrayDataset dataset, DataSpec spec, boolean labeled, long[] counts, NDManager manager) {
        long size = dataset.size();
        for (long from = 0; from < size; from += CHUNK) {
            long[] indices = LongStream.range(from, Math.min(size, from + CHUNK)).toArray();
            try (NDManager chunk = manager.newSubManager()) {
                Batch batch = dataset.getByIndices(chunk, indices);
                NDArray inputs = batch.getData().singletonOrThrow();
                Shape example = inputs.getShape().slice(1);
                if (!example.equals(spec.exampleShape())) {
                    throw new InvalidConfigException(
                            "", "the " + split + " split's examples have shape " + example
                                    + ", the data declares " + spec.exampleShape());
                }
                NDArray values = inputs.toType(DataType.FLOAT32, false);
                NDArray bad = values.isNaN().logicalOr(values.isInfinite()).toType(DataType.INT32, false)
                        .reshape(indices.length, -1).max(new int[] {1});
                if (bad.max().getInt() > 0) {
                    long first = from + bad.argMax().getLong();
                    throw new InvalidConfigException(
                            "", "the " + split + " split's example " + first + " holds NaN or infinite values");
                }
                if (labeled) {
                    checkLabels(split, batch.getLabels().singletonOrThrow(), from, spec.classes(), counts);
                }
            }
        }
    }

    private static void checkLabels(String split, NDArray labels, long from, int classes, long[] counts) {
        long[] ids = labels.toType(DataType.INT64, false).flatten().toLongArray();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= classes) {
                throw new InvalidConfigException(
                        "", "the " + split + " split's example " + (from + i) + " has label " + ids[i]
                                + ", outside the class ids [0, " + classes + ")");
            }
            if (counts != null) {
                counts[(int) ids[i]]++;
            }
        }
    }

    private static String name(DataSpec spec, int c) {
        return spec.classNames() != null && c < spec.classNames().size() ? spec.classNames().get(c) : String.valueOf(c);
    }
}
