package org.ssl4j.data.images;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.nio.ByteBuffer;

/**
 * Labeled images as read from files, held as unsigned bytes (in memory and in the datasets made
 * of them).
 *
 * <p>Pixels are laid out {@code (N, C, H, W)} row-major, one byte each, 0 to 255.
 */
final class ImageSet {

    private final byte[] pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;

    /**
     * @param pixels {@code labels.length * channels * height * width} bytes, {@code (N, C, H, W)}
     * @param labels one class index per image, each at least 0
     * @param channels channels per image
     * @param height rows per image
     * @param width columns per image
     */
    ImageSet(byte[] pixels, int[] labels, int channels, int height, int width) {
        if ((long) labels.length * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(
                    pixels.length + " pixel bytes for " + labels.length + " images of "
                            + channels + "x" + height + "x" + width);
        }
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /**
     * @return the number of images
     */
    int size() {
        return labels.length;
    }

    /**
     * @param index an image's index
     * @return its class
     */
    int label(int index) {
        return labels[index];
    }

    /**
     * @return the largest label, -1 when empty
     */
    int maxLabel() {
        int max = -1;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return max;
    }

    /**
     * @return the shape of one image, {@code (C, H, W)}
     */
    Shape exampleShape() {
        return new Shape(channels, height, width);
    }

    /**
     * Per-channel mean and population standard deviation of the images at {@code indices}, on
     * the {@code [0, 1]} scale.
     *
     * @param indices the images to measure, at least one
     * @return {@code {mean, std}}, each of length {@code C}
     */
    double[][] channelStatistics(int[] indices) {
        int plane = height * width;
        long[][] histogram = new long[channels][256];
        for (int index : indices) {
            int start = index * channels * plane;
            for (int c = 0; c < channels; c++) {
                long[] counts = histogram[c];
                int from = start + c * plane;
                for (int p = from; p < from + plane; p++) {
                    counts[pixels[p] & 0xFF]++;
                }
            }
        }
        double count = (double) indices.length * plane;
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int v = 0; v < 256; v++) {
                sum += histogram[c][v] * (v / 255.0);
            }
            mean[c] = sum / count;
            double squares = 0;
            for (int v = 0; v < 256; v++) {
                double deviation = v / 255.0 - mean[c];
                squares += histogram[c][v] * deviation * deviation;
            }
            std[c] = Math.sqrt(squares / count);
        }
        return new double[][] {mean, std};
    }

    /**
     * Copies every image into one native array, one byte per pixel, for {@link ImageDataset}s
     * to share.
     *
     * @param manager owns the array; the caller closes it
     * @return the pixels, {@code (N, C, H, W)} uint8
     */
    NDArray pixels(NDManager manager) {
        return manager.create(ByteBuffer.wrap(pixels), new Shape(size(), channels, height, width), DataType.UINT8);
    }

    /**
     * One split of this set, converted to float32 per batch as {@link ImageDataset} describes.
     *
     * @param pixels this set's {@link #pixels}
     * @param table the lookup table from {@link ImageDataset#table}
     * @param indices the images, in the order wanted
     * @return the split
     */
    ArrayDataset toDataset(NDArray pixels, NDArray table, int[] indices) {
        int[] picked = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = labels[indices[i]];
        }
        return new ImageDataset(pixels, table, indices, picked);
    }
}
