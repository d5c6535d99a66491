package org.ssl4j.data.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads CIFAR-10 binary batch files: records of 3073 bytes, one label byte (0 to 9) then 3072
 * pixel bytes, 1024 red, 1024 green and 1024 blue, each a 32x32 plane row-major, which is the
 * {@code (C, H, W)} layout already. The distributed files hold 10,000 records each; any whole
 * number of records is accepted.
 */
final class CifarReader {

    /** Bytes per record: the label and the pixels. */
    static final int RECORD_SIZE = 1 + 3 * 32 * 32;

    private static final int CLASSES = 10;

    private CifarReader() {}

    /**
     * Reads the files one after the other into one set.
     *
     * @param files the batch files, in order; each must exist
     * @return their records, 3 channels of 32x32
     * @throws DataFileException when a file's size is not a multiple of 3073 or a label is above
     *     9, naming the file, the record and the byte offset
     * @throws IOException when a file cannot be read
     */
    static ImageSet read(List<Path> files) throws IOException {
        long total = 0;
        for (Path file : files) {
            long size = Files.size(file);
            if (size % RECORD_SIZE != 0) {
                throw new DataFileException(
                        file,
                        String.format(
                                "size %d bytes is not a multiple of the record size %d (1 label"
                                        + " + 3072 pixel bytes); %d bytes after the last whole"
                                        + " record at byte offset %d",
                                size, RECORD_SIZE, size % RECORD_SIZE,
                                size - size % RECORD_SIZE));
            }
            total += size / RECORD_SIZE;
        }
        int count = Math.toIntExact(total);
        int pixelsPerImage = RECORD_SIZE - 1;
        byte[] pixels = new byte[count * pixelsPerImage];
        int[] labels = new int[count];
        int image = 0;
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (int record = 0; record * RECORD_SIZE < bytes.length; record++, image++) {
                int offset = record * RECORD_SIZE;
                int label = bytes[offset] & 0xFF;
                if (label >= CLASSES) {
                    throw new DataFileException(
                            file,
                            String.format(
                                    "label %d of record %d (byte offset %d) is out of range"
                                            + " [0, %d)",
                                    label, record, offset, CLASSES));
                }
                labels[image] = label;
                System.arraycopy(
                        bytes, offset + 1, pixels, image * pixelsPerImage, pixelsPerImage);
            }
        }
        return new ImageSet(pixels, labels, 3, 32, 32);
    }
}
