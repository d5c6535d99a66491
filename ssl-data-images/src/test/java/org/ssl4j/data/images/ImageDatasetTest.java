package org.ssl4j.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A split kept as bytes must hand out, batch by batch, exactly the float32 numbers the pixels
 * give when each is converted on its own in double precision: {@code (float) ((v / 255.0 -
 * mean[c]) / std[c])}, compared bit for bit.
 */
class ImageDatasetTest {

    @Test
    void aBatchIsTheExactFloatConversionOfItsImages() {
        check(1, 5, 4, 40, new double[] {0.2860}, new double[] {0.3530}, new long[] {7, 0, 39, 7, 12});
    }

    @Test
    void everyChannelUsesItsOwnMeanAndStd() {
        check(3, 4, 6, 25, new double[] {0.49, 0.48, 0.45}, new double[] {0.25, 0.0, 0.26}, new long[] {3, 24, 0, 11});
    }

    @Test
    void aReadLargerThanOneChunkIsConvertedPieceByPiece() {
        long[] indices = new Random(3).longs(2_500, 0, 3_000).toArray();
        check(1, 3, 3, 3_000, new double[] {0.1}, new double[] {0.7}, indices);
    }

    @Test
    void singleExamplesAndRangesReadTheSameNumbers() {
        Made made = randomSet(2, 3, 3, 30, 5);
        ImageSet set = made.set();
        int[] split = {29, 4, 17, 4, 0, 8};
        double[] mean = {0.3, 0.6};
        double[] std = {0.2, 0.4};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray pixels = set.pixels(manager);
            assertEquals(DataType.UINT8, pixels.getDataType());
            ArrayDataset dataset = set.toDataset(pixels, ImageDataset.table(mean, std, manager), split);
            assertEquals(split.length, dataset.size());
            try (NDManager read = manager.newSubManager()) {
                Batch range = dataset.getByRange(read, 1, 5);
                assertArrayEquals(
                        expected(made, new int[] {4, 17, 4, 0}, mean, std),
                        bits(range.getData().singletonOrThrow()));
                assertArrayEquals(
                        new int[] {set.label(4), set.label(17), set.label(4), set.label(0)},
                        range.getLabels().singletonOrThrow().toIntArray());
                Record one = dataset.get(read, 5);
                assertEquals(new Shape(2, 3, 3), one.getData().singletonOrThrow().getShape());
                assertArrayEquals(expected(made, new int[] {8}, mean, std), bits(one.getData().singletonOrThrow()));
                assertEquals(set.label(8), one.getLabels().singletonOrThrow().getInt());
                assertThrows(IndexOutOfBoundsException.class, () -> dataset.getByIndices(read, 6));
            }
        }
    }

    private static void check(
            int channels, int height, int width, int count, double[] mean, double[] std, long[] indices) {
        Made made = randomSet(channels, height, width, count, 11);
        ImageSet set = made.set();
        int[] split = new int[count];
        for (int i = 0; i < count; i++) {
            split[i] = count - 1 - i;
        }
        int[] images = new int[indices.length];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            images[i] = split[(int) indices[i]];
            labels[i] = set.label(images[i]);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset dataset = set.toDataset(set.pixels(manager), ImageDataset.table(mean, std, manager), split);
            try (NDManager read = manager.newSubManager()) {
                Batch batch = dataset.getByIndices(read, indices);
                NDArray data = batch.getData().singletonOrThrow();
                NDArray label = batch.getLabels().singletonOrThrow();
                assertEquals(new Shape(indices.length, channels, height, width), data.getShape());
                assertEquals(DataType.FLOAT32, data.getDataType());
                assertEquals(DataType.INT32, label.getDataType());
                assertArrayEquals(expected(made, images, mean, std), bits(data));
                assertArrayEquals(labels, label.toIntArray());
            }
        }
    }

    /** Each pixel converted on its own, in the order of {@code images}, as float bits. */
    private static int[] expected(Made made, int[] images, double[] mean, double[] std) {
        Shape shape = made.set().exampleShape();
        int channels = (int) shape.get(0);
        int plane = (int) (shape.get(1) * shape.get(2));
        byte[] pixels = made.pixels();
        int[] result = new int[images.length * channels * plane];
        int k = 0;
        for (int image : images) {
            for (int c = 0; c < channels; c++) {
                double divisor = std[c] > 0 ? std[c] : 1;
                for (int p = 0; p < plane; p++) {
                    int v = pixels[(image * channels + c) * plane + p] & 0xFF;
                    result[k++] = Float.floatToRawIntBits((float) ((v / 255.0 - mean[c]) / divisor));
                }
            }
        }
        return result;
    }

    private static int[] bits(NDArray array) {
        float[] values = array.toFloatArray();
        int[] result = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Float.floatToRawIntBits(values[i]);
        }
        return result;
    }

    /** A set of random images and a copy of its bytes, to convert them independently. */
    private record Made(ImageSet set, byte[] pixels) {}

    private static Made randomSet(int channels, int height, int width, int count, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * channels * height * width];
        random.nextBytes(pixels);
        pixels[0] = 0;
        pixels[1] = (byte) 255;
        int[] labels = random.ints(count, 0, 10).toArray();
        return new Made(new ImageSet(pixels.clone(), labels, channels, height, width), pixels);
    }
}
