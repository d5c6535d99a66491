package org.ssl4j.spark;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;

/**
 * The images {@code ssl4j label} labels, checked before any work: an image folder (PNG, JPEG,
 * BMP, GIF, searched recursively; ids are paths relative to it), an IDX images file ({@code .gz}
 * too; ids are indices from 0), or a Parquet table with a string column {@code id} and a binary
 * column {@code image} of encoded images (its own ids). Pixels are scaled to {@code [0, 1]}, in
 * {@code (C, H, W)} order, grayscale images give one channel and colour images three.
 *
 * @param kind which of the three
 * @param path the input as a Hadoop URI
 * @param count the examples (-1 for a Parquet table, which Spark counts)
 * @param files the image files of a folder, relative to it, sorted
 * @param idxShape {@code (1, H, W)} of an IDX file, else null
 */
record LabelInput(Kind kind, String path, long count, List<String> files, long[] idxShape) implements Serializable {

    /** The kinds of input. */
    enum Kind { FOLDER, IDX, PARQUET }

    /** Image file endings a folder's images have. */
    private static final List<String> IMAGE_ENDINGS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");
    private static final int IDX_MAGIC = 0x00000803;

    /** An example: its id and its encoded bytes or raw pixels. */
    record Item(String id, byte[] bytes, boolean encoded) implements Serializable {}

    /** An image that does not decode. */
    static final class CorruptImageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CorruptImageException(String message) {
            super(message);
        }
    }

    /**
     * Finds out what the input is and checks that every part of it can be read.
     *
     * @param text the input, a path or Hadoop URI
     * @param conf Hadoop's settings
     * @return the input
     * @throws IllegalArgumentException naming the input (and the file) when it is missing, of no
     *     known kind, unreadable, or a malformed IDX file
     */
    static LabelInput open(String text, Configuration conf) {
        Path path = HadoopFiles.qualify(text);
        FileSystem fs = HadoopFiles.fs(path, conf);
        try {
            if (!fs.exists(path)) {
                throw new IllegalArgumentException("--input " + text + ": no such file or folder");
            }
            FileStatus status = fs.getFileStatus(path);
            if (status.isDirectory()) {
                List<String> files = new ArrayList<>();
                boolean parquet = list(fs, path, path, files);
                if (parquet) {
                    return new LabelInput(Kind.PARQUET, path.toString(), -1, List.of(), null);
                }
                if (files.isEmpty()) {
                    throw new IllegalArgumentException("--input " + text + ": the folder holds no images (" + String.join(", ", IMAGE_ENDINGS)
                            + ") and no Parquet files");
                }
                files.sort(null);
                return new LabelInput(Kind.FOLDER, path.toString(), files.size(), List.copyOf(files), null);
            }
            readable(fs, status, text);
            if (path.getName().endsWith(".parquet")) {
                return new LabelInput(Kind.PARQUET, path.toString(), -1, List.of(), null);
            }
            try (DataInputStream in = new DataInputStream(stream(fs, path))) {
                int magic = in.readInt();
                if (magic != IDX_MAGIC) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "--input %s: not an image folder, Parquet table or IDX images file (first 4 bytes 0x%08x, an IDX images file has 0x%08x)",
                            text, magic, IDX_MAGIC));
                }
                int n = in.readInt();
                int h = in.readInt();
                int w = in.readInt();
                if (n < 0 || h <= 0 || w <= 0) {
                    throw new IllegalArgumentException("--input " + text + ": IDX header at byte 4 gives " + n + " images of " + h + "x" + w);
                }
                if (!path.getName().endsWith(".gz") && status.getLen() < 16 + (long) n * h * w) {
                    throw new IllegalArgumentException("--input " + text + ": IDX file of " + status.getLen() + " bytes is cut short: its header gives "
                            + n + " images of " + h + "x" + w + ", which need " + (16 + (long) n * h * w));
                }
                return new LabelInput(Kind.IDX, path.toString(), n, List.of(), new long[] {1, h, w});
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--input " + text + ": cannot read it: " + e.getMessage(), e);
        }
    }

    /** Collects the image files below a folder; true when it is a Parquet table. */
    private static boolean list(FileSystem fs, Path root, Path folder, List<String> files) throws IOException {
        for (FileStatus status : fs.listStatus(folder)) {
            String name = status.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (status.isDirectory()) {
                if (list(fs, root, status.getPath(), files)) {
                    return true;
                }
            } else if (name.endsWith(".parquet")) {
                readable(fs, status, status.getPath().toString());
                return true;
            } else if (IMAGE_ENDINGS.stream().anyMatch(e -> name.toLowerCase(Locale.ROOT).endsWith(e))) {
                readable(fs, status, status.getPath().toString());
                files.add(root.toUri().relativize(status.getPath().toUri()).getPath());
            }
        }
        return false;
    }

    private static void readable(FileSystem fs, FileStatus status, String name) throws IOException {
        try {
            fs.access(status.getPath(), FsAction.READ);
        } catch (org.apache.hadoop.security.AccessControlException e) {
            throw new IllegalArgumentException("--input: " + name + " cannot be read (permission denied)");
        }
    }

    private static InputStream stream(FileSystem fs, Path path) throws IOException {
        FSDataInputStream raw = fs.open(path);
        return path.getName().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    /**
     * Reads examples {@code [from, to)} of an IDX file or a folder.
     *
     * @param from the first
     * @param to past the last
     * @param conf Hadoop's settings
     * @return the items, pixels raw for IDX, encoded for a folder
     */
    List<Item> read(long from, long to, Configuration conf) {
        Path root = new Path(path);
        FileSystem fs = HadoopFiles.fs(root, conf);
        List<Item> items = new ArrayList<>();
        try {
            if (kind == Kind.IDX) {
                int size = (int) (idxShape[1] * idxShape[2]);
                try (InputStream in = stream(fs, root)) {
                    in.skipNBytes(16 + from * size);
                    for (long i = from; i < to; i++) {
                        items.add(new Item(Long.toString(i), in.readNBytes(size), false));
                    }
                }
            } else {
                for (long i = from; i < to; i++) {
                    String file = files.get((int) i);
                    try (InputStream in = fs.open(new Path(root, file))) {
                        items.add(new Item(file, in.readAllBytes(), true));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return items;
    }

    /**
     * @param item an example
     * @param shape the {@code (C, H, W)} the network takes
     * @param where how to name the input in an error
     * @return its pixels in {@code [0, 1]}, {@code (C, H, W)} order
     * @throws CorruptImageException naming it when it does not decode or has another size
     */
    static float[] pixels(Item item, long[] shape, String where) {
        int c = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        float[] out = new float[c * h * w];
        if (!item.encoded()) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (item.bytes()[i % item.bytes().length] & 0xFF) / 255f;
            }
            return out;
        }
        BufferedImage image;
        try {
            image = item.bytes() == null ? null : ImageIO.read(new ByteArrayInputStream(item.bytes()));
        } catch (IOException | RuntimeException e) {
            throw new CorruptImageException(where + " '" + item.id() + "' does not decode: " + e.getMessage());
        }
        if (image == null) {
            throw new CorruptImageException(where + " '" + item.id() + "' is not an image that decodes (PNG, JPEG, BMP, GIF)");
        }
        if (image.getHeight() != h || image.getWidth() != w) {
            throw new CorruptImageException(where + " '" + item.id() + "' is " + image.getWidth() + "x" + image.getHeight()
                    + " pixels; the network takes " + w + "x" + h);
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (c == 1) {
                    out[y * w + x] = (image.getRaster().getNumBands() == 1 ? image.getRaster().getSample(x, y, 0) : (r + g + b) / 3) / 255f;
                } else {
                    out[y * w + x] = r / 255f;
                    out[h * w + y * w + x] = g / 255f;
                    out[2 * h * w + y * w + x] = b / 255f;
                }
            }
        }
        return out;
    }
}
