package org.ssl4j.data.images;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small data files in the real formats, with pixel values known in advance. */
final class TestFiles {

    private TestFiles() {}

    /**
     * The pixel value every generated image holds at a position.
     *
     * @param image the image's index in its file
     * @param offset the byte's offset inside the image, {@code (c * H + row) * W + column}
     * @return 0 to 255
     */
    static int pixel(int image, int offset) {
        return (image * 37 + offset * 11 + image * offset) % 256;
    }

    /**
     * @param count images
     * @param rows rows per image
     * @param columns columns per image
     * @return an IDX images file's bytes, pixels from {@link #pixel}
     */
    static byte[] idxImages(int count, int rows, int columns) {
        ByteBuffer bytes = ByteBuffer.allocate(16 + count * rows * columns);
        bytes.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(columns);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * columns; p++) {
                bytes.put((byte) pixel(i, p));
            }
        }
        return bytes.array();
    }

    /**
     * @param labels the labels, each 0 to 255
     * @return an IDX labels file's bytes
     */
    static byte[] idxLabels(int... labels) {
        ByteBuffer bytes = ByteBuffer.allocate(8 + labels.length);
        bytes.putInt(IdxReader.LABELS_MAGIC).putInt(labels.length);
        for (int label : labels) {
            bytes.put((byte) label);
        }
        return bytes.array();
    }

    /**
     * @param count examples
     * @param classes classes
     * @return labels {@code 0, 1, .., classes-1, 0, 1, ..}
     */
    static int[] cyclicLabels(int count, int classes) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    /**
     * @param labels one label per record
     * @return a CIFAR-10 binary batch's bytes, pixels from {@link #pixel}
     */
    static byte[] cifarBatch(int... labels) {
        ByteBuffer bytes = ByteBuffer.allocate(labels.length * CifarReader.RECORD_SIZE);
        for (int i = 0; i < labels.length; i++) {
            bytes.put((byte) labels[i]);
            for (int p = 0; p < 3072; p++) {
                bytes.put((byte) pixel(i, p));
            }
        }
        return bytes.array();
    }

    /**
     * @param bytes content
     * @return the content gzipped
     */
    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes a file, creating its folders.
     *
     * @param file the file
     * @param bytes its content
     * @return the file
     */
    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
