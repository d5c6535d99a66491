package org.ssl4j.data.images;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import java.util.Arrays;

/** A split copied back into Java arrays, for assertions. */
final class Split {

    final float[] data;
    final int[] labels;
    final Shape shape;
    final DataType dataType;
    final DataType labelType;

    private Split(float[] data, int[] labels, Shape shape, DataType dataType, DataType labelType) {
        this.data = data;
        this.labels = labels;
        this.shape = shape;
        this.dataType = dataType;
        this.labelType = labelType;
    }

    /**
     * @param split the split
     * @param manager a manager; the batch is read into a sub-manager that is closed here
     * @return its data and labels
     */
    static Split read(ArrayDataset split, NDManager manager) {
        // closing a batch closes the manager it was read into
        try (Batch batch = split.getByRange(manager.newSubManager(), 0, split.size())) {
            NDArray data = batch.getData().singletonOrThrow();
            NDArray labels = batch.getLabels().singletonOrThrow();
            return new Split(
                    data.toFloatArray(),
                    labels.toIntArray(),
                    data.getShape(),
                    data.getDataType(),
                    labels.getDataType());
        }
    }

    /** @return the number of examples */
    int size() {
        return labels.length;
    }

    /** @return values per example */
    int exampleSize() {
        return data.length / labels.length;
    }

    /**
     * @param index an example
     * @return a copy of its values
     */
    float[] example(int index) {
        return Arrays.copyOfRange(data, index * exampleSize(), (index + 1) * exampleSize());
    }

    /**
     * @param index an example
     * @param channel a channel
     * @param row a row
     * @param column a column
     * @return the value there
     */
    float at(int index, int channel, int row, int column) {
        long height = shape.get(2);
        long width = shape.get(3);
        return data[(int) (((index * shape.get(1) + channel) * height + row) * width + column)];
    }

    /**
     * @param classes the number of classes
     * @return examples per class
     */
    int[] classCounts(int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * @param channel a channel
     * @return {mean, population std} of the channel over all examples
     */
    double[] channelMeanStd(int channel) {
        int plane = (int) (shape.get(2) * shape.get(3));
        int channels = (int) shape.get(1);
        double sum = 0;
        double squares = 0;
        long count = 0;
        for (int i = 0; i < size(); i++) {
            int from = (i * channels + channel) * plane;
            for (int p = from; p < from + plane; p++) {
                sum += data[p];
                squares += (double) data[p] * data[p];
                count++;
            }
        }
        double mean = sum / count;
        return new double[] {mean, Math.sqrt(squares / count - mean * mean)};
    }
}
