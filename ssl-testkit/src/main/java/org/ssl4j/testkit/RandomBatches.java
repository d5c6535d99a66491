package org.ssl4j.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.stream.IntStream;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.UnlabeledBatch;

/**
 * Random inputs and labels for the kit's runs, drawn from the engine's seeded generator: images
 * (rank 3 examples) uniform in [0, 1], vectors standard normal; labels uniform over the classes.
 */
final class RandomBatches {

    private RandomBatches() {}

    /**
     * @param exampleShape one example's shape
     * @param classes the class count
     * @return a spec for random data of that shape
     */
    static DataSpec spec(Shape exampleShape, int classes) {
        return new DataSpec(
                exampleShape,
                classes,
                IntStream.range(0, classes).mapToObj(i -> "class " + i).toList(),
                "testkit random data " + exampleShape);
    }

    /**
     * @param manager where the array is created
     * @param spec the data's shapes
     * @param count how many examples
     * @return {@code (count, ...exampleShape)} float32 inputs
     */
    static NDArray inputs(NDManager manager, DataSpec spec, long count) {
        Shape shape = new Shape(count).addAll(spec.exampleShape());
        return spec.exampleShape().dimension() == 3
                ? manager.randomUniform(0f, 1f, shape)
                : manager.randomNormal(shape);
    }

    /**
     * @param manager where the array is created
     * @param spec the data's class count
     * @param count how many labels
     * @return {@code (count)} int32 class ids
     */
    static NDArray labels(NDManager manager, DataSpec spec, long count) {
        return manager.randomInteger(0, spec.classes(), new Shape(count), DataType.INT32);
    }

    /**
     * @return a labeled batch of {@code count} examples in {@code manager}
     */
    static LabeledBatch labeled(NDManager manager, DataSpec spec, int count) {
        return new LabeledBatch(inputs(manager, spec, count), labels(manager, spec, count), new long[count]);
    }

    /**
     * @param strong whether to add a strong view
     * @return an unlabeled batch of {@code count} examples in {@code manager}, the weak view a
     *     second draw (the kit does not augment)
     */
    static UnlabeledBatch unlabeled(NDManager manager, DataSpec spec, int count, boolean strong) {
        NDArray clean = inputs(manager, spec, count);
        NDArray weak = inputs(manager, spec, count);
        return new UnlabeledBatch(clean, weak, strong ? inputs(manager, spec, count) : null, new long[count]);
    }

    /**
     * Random splits for a method's {@code PhaseContext}: 4 labeled examples per class, 32
     * unlabeled, 16 test.
     *
     * @param manager the run-long manager the arrays are created in
     * @param spec the data's shapes
     * @return the splits
     */
    static SslData data(NDManager manager, DataSpec spec) {
        int labeled = 4 * spec.classes();
        return new SslData(
                spec,
                dataset(inputs(manager, spec, labeled), labels(manager, spec, labeled)),
                dataset(inputs(manager, spec, 32), labels(manager, spec, 32)),
                dataset(inputs(manager, spec, 16), labels(manager, spec, 16)));
    }

    private static ArrayDataset dataset(NDArray inputs, NDArray labels) {
        return new ArrayDataset.Builder()
                .setData(inputs)
                .optLabels(labels)
                .setSampling(4, false)
                .build();
    }
}
