package org.ssl4j.data.images;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Reads a pair of IDX files, the format of MNIST and Fashion-MNIST: an images file (big-endian
 * magic {@code 0x00000803}, then the image count, rows and columns as big-endian int32, then
 * {@code N x rows x cols} unsigned bytes) and a labels file (magic {@code 0x00000801}, the count,
 * then {@code N} unsigned bytes). Either may be gzipped; the gzip magic bytes decide, not the
 * name.
 */
final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with three dimensions. */
    static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with one dimension. */
    static final int LABELS_MAGIC = 0x00000801;

    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;

    private IdxReader() {}

    /**
     * Reads and checks one images file and its labels file.
     *
     * @param imagesFile the images file
     * @param labelsFile the labels file
     * @param classes labels must be below this; 256 accepts every byte
     * @return the images, one channel
     * @throws DataFileException on a bad magic number, a size that does not match the header,
     *     counts that disagree between the files, or a label {@code >= classes}
     * @throws IOException when a file cannot be read
     */
    static ImageSet read(Path imagesFile, Path labelsFile, int classes) throws IOException {
        ByteBuffer images = ByteBuffer.wrap(DataFiles.readAll(imagesFile));
        checkHeader(imagesFile, images, IMAGES_MAGIC, IMAGES_HEADER);
        int count = dimension(imagesFile, images, 4, "image count");
        int rows = dimension(imagesFile, images, 8, "rows");
        int columns = dimension(imagesFile, images, 12, "columns");
        checkLength(
                imagesFile, images, IMAGES_HEADER, (long) count * rows * columns,
                String.format("%d images of %dx%d", count, rows, columns));

        ByteBuffer labels = ByteBuffer.wrap(DataFiles.readAll(labelsFile));
        checkHeader(labelsFile, labels, LABELS_MAGIC, LABELS_HEADER);
        int labelCount = dimension(labelsFile, labels, 4, "label count");
        checkLength(labelsFile, labels, LABELS_HEADER, labelCount, labelCount + " labels");
        if (labelCount != count) {
            throw new DataFileException(
                    labelsFile,
                    String.format(
                            "has %d labels but the images file %s has %d images",
                            labelCount, imagesFile, count));
        }

        int[] labelValues = new int[count];
        for (int i = 0; i < count; i++) {
            int label = labels.get(LABELS_HEADER + i) & 0xFF;
            if (label >= classes) {
                throw new DataFileException(
                        labelsFile,
                        String.format(
                                "label %d of example %d (byte offset %d) is out of range [0, %d)",
                                label, i, LABELS_HEADER + i, classes));
            }
            labelValues[i] = label;
        }
        byte[] pixels = new byte[count * rows * columns];
        images.get(IMAGES_HEADER, pixels);
        return new ImageSet(pixels, labelValues, 1, rows, columns);
    }

    private static void checkHeader(Path file, ByteBuffer bytes, int magic, int headerSize)
            throws DataFileException {
        if (bytes.limit() < 4) {
            throw new DataFileException(
                    file,
                    String.format(
                            "truncated: expected at least %d header bytes, got %d",
                            headerSize, bytes.limit()));
        }
        int found = bytes.getInt(0);
        if (found != magic) {
            throw new DataFileException(
                    file,
                    String.format(
                            "bad magic number at byte offset 0: expected 0x%08x, got 0x%08x",
                            magic, found));
        }
        if (bytes.limit() < headerSize) {
            throw new DataFileException(
                    file,
                    String.format(
                            "truncated: expected at least %d header bytes, got %d",
                            headerSize, bytes.limit()));
        }
    }

    private static int dimension(Path file, ByteBuffer bytes, int offset, String name)
            throws DataFileException {
        int value = bytes.getInt(offset);
        if (value < 0) {
            throw new DataFileException(
                    file, String.format("negative %s %d at byte offset %d", name, value, offset));
        }
        return value;
    }

    private static void checkLength(
            Path file, ByteBuffer bytes, int headerSize, long payload, String what)
            throws DataFileException {
        long expected = headerSize + payload;
        if (bytes.limit() != expected) {
            throw new DataFileException(
                    file,
                    String.format(
                            "%s: expected %d bytes (%d header + %d for %s), got %d",
                            bytes.limit() < expected ? "truncated" : "too long",
                            expected, headerSize, payload, what, bytes.limit()));
        }
    }
}
