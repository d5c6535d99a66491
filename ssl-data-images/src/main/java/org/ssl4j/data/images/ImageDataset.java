package org.ssl4j.data.images;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.translate.Batchifier;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * One split of an image set whose pixels stay unsigned bytes until a batch is read.
 *
 * <p>The pixels are one native {@link DataType#UINT8} array {@code (M, C, H, W)} that the splits
 * of the same set share; the split is a list of image numbers into it with their labels. Every
 * read ({@link #getByIndices}, {@link #getByRange}, {@link #get}) gathers the bytes of the asked
 * images and turns each byte {@code v} of channel {@code c} into the float32 {@code (float) ((v /
 * 255.0 - mean[c]) / std[c])} by looking it up in a table of the 256 values per channel computed
 * once in double precision: the batch holds exactly the numbers a float32 copy of the whole split
 * would hold, at a quarter of the resident memory and without a float copy of the split. Labels
 * come as int32 {@code (N)}, as from an {@link ArrayDataset}.
 *
 * <p>Large reads are converted {@value #CHUNK} images at a time into the result, so the
 * temporary 64-bit lookup codes stay small. The dataset's own sampler yields the whole split as
 * one batch, in order; the runtime reads batches by index instead.
 */
final class ImageDataset extends ArrayDataset {

    private static final int CHUNK = 1024;

    private final NDArray pixels;
    private final NDArray table;
    private final NDArray planes;
    private final long[] images;
    private final int[] classes;

    /**
     * @param pixels the set's images, {@code (M, C, H, W)} uint8; owned by the caller
     * @param table the lookup table from {@link #table}; owned by the caller
     * @param images the split's images, as numbers into {@code pixels}, in split order
     * @param classes the label of each of the split's images, in split order
     */
    ImageDataset(NDArray pixels, NDArray table, int[] images, int[] classes) {
        super(new Settings().setSampling(images.length, false));
        if (images.length != classes.length) {
            throw new IllegalArgumentException(images.length + " images but " + classes.length + " labels");
        }
        this.pixels = pixels;
        this.table = table;
        this.images = new long[images.length];
        for (int i = 0; i < images.length; i++) {
            this.images[i] = images[i];
        }
        this.classes = classes.clone();
        long channels = pixels.getShape().get(1);
        NDManager manager = pixels.getManager();
        this.planes =
                channels == 1
                        ? null
                        : manager.arange(0, (int) channels * 256, 256, DataType.INT64).reshape(1, channels, 1, 1);
    }

    /**
     * The float32 value of every byte of every channel: entry {@code c * 256 + v} is {@code (float)
     * ((v / 255.0 - mean[c]) / std[c])}, a zero standard deviation counting as one.
     *
     * @param mean per-channel value subtracted (zeros for none)
     * @param std per-channel divisor (ones for none)
     * @param manager owns the table; the caller closes it
     * @return the table, {@code (C * 256)} float32
     */
    static NDArray table(double[] mean, double[] std, NDManager manager) {
        float[] values = new float[mean.length * 256];
        for (int c = 0; c < mean.length; c++) {
            double divisor = std[c] > 0 ? std[c] : 1;
            for (int v = 0; v < 256; v++) {
                values[c * 256 + v] = (float) ((v / 255.0 - mean[c]) / divisor);
            }
        }
        return manager.create(values);
    }

    /** {@inheritDoc} */
    @Override
    protected long availableSize() {
        return images.length;
    }

    /**
     * @param manager owns the record's arrays
     * @param index the example's position in the split
     * @return its image {@code (C, H, W)} float32 and its label, a scalar int32
     */
    @Override
    public Record get(NDManager manager, long index) {
        Batch one = getByIndices(manager, index);
        return new Record(
                new NDList(one.getData().singletonOrThrow().squeeze(0)),
                new NDList(one.getLabels().singletonOrThrow().squeeze(0)));
    }

    /**
     * @param manager owns the batch's arrays
     * @param indices positions in the split, in the order wanted
     * @return the images {@code (N, C, H, W)} float32 and their labels {@code (N)} int32
     */
    @Override
    public Batch getByIndices(NDManager manager, long... indices) {
        long[] picked = new long[indices.length];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int position = Math.toIntExact(indices[i]);
            if (position < 0 || position >= images.length) {
                throw new IndexOutOfBoundsException(
                        "example " + indices[i] + " of a split of " + images.length + " images");
            }
            picked[i] = images[position];
            labels[i] = classes[position];
        }
        NDArray data = convert(picked, manager);
        NDArray label = manager.create(labels);
        return new Batch(
                manager,
                new NDList(data),
                new NDList(label),
                indices.length,
                Batchifier.STACK,
                Batchifier.STACK,
                -1,
                -1);
    }

    /**
     * @param manager owns the batch's arrays
     * @param fromIndex the first position, inclusive
     * @param toIndex the last position, exclusive
     * @return the images and labels at those positions, as {@link #getByIndices}
     */
    @Override
    public Batch getByRange(NDManager manager, long fromIndex, long toIndex) {
        return getByIndices(manager, LongStream.range(fromIndex, toIndex).toArray());
    }

    /** The float32 images {@code picked} of {@link #pixels}, in {@code manager}. */
    private NDArray convert(long[] picked, NDManager manager) {
        if (picked.length <= CHUNK) {
            try (NDManager scratch = manager.newSubManager()) {
                return convert(picked, 0, picked.length, scratch, manager);
            }
        }
        Shape shape = new Shape(picked.length).addAll(pixels.getShape().slice(1));
        NDArray result = manager.create(shape, DataType.FLOAT32);
        for (int from = 0; from < picked.length; from += CHUNK) {
            int to = Math.min(picked.length, from + CHUNK);
            try (NDManager scratch = manager.newSubManager()) {
                result.set(new NDIndex().addSliceDim(from, to), convert(picked, from, to, scratch, scratch));
            }
        }
        return result;
    }

    /** Gathers {@code picked[from, to)} as bytes in {@code scratch}, looks them up into {@code out}. */
    private NDArray convert(long[] picked, int from, int to, NDManager scratch, NDManager out) {
        long[] part = from == 0 && to == picked.length ? picked : Arrays.copyOfRange(picked, from, to);
        NDArray rows = pixels.get(scratch, new NDIndex("{}", scratch.create(part)));
        NDArray codes = rows.toType(DataType.INT64, false);
        if (planes != null) {
            codes.addi(planes);
        }
        return table.take(out, codes);
    }

    /** The sampling settings a dataset is built from; the data is the split's own. */
    private static final class Settings extends RandomAccessDataset.BaseBuilder<Settings> {
        @Override
        protected Settings self() {
            return this;
        }
    }
}
