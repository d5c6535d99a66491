package org.ssl4j.data.images;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Finding and reading local data files. */
final class DataFiles {

    private DataFiles() {}

    /**
     * Checks that a data directory exists.
     *
     * @param directory the directory
     * @param hint how to get the data, appended to the message; empty for none
     * @return the directory
     * @throws NoSuchFileException when it is not a directory, naming it and the hint
     */
    static Path requireDirectory(Path directory, String hint) throws NoSuchFileException {
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(
                    directory.toString(), null, "data directory not found" + hint);
        }
        return directory;
    }

    /**
     * Finds a file in a directory; a name ending in {@code .gz} that is absent falls back to the
     * same name without {@code .gz}.
     *
     * @param directory the directory
     * @param name the file name, or an absolute path
     * @param hint how to get the data, appended to the message; empty for none
     * @return the file that exists
     * @throws NoSuchFileException when neither exists, naming the file and the hint
     */
    static Path resolve(Path directory, String name, String hint) throws NoSuchFileException {
        Path file = directory.resolve(name);
        if (Files.isRegularFile(file)) {
            return file;
        }
        if (name.endsWith(".gz")) {
            Path raw = directory.resolve(name.substring(0, name.length() - 3));
            if (Files.isRegularFile(raw)) {
                return raw;
            }
            throw new NoSuchFileException(
                    file.toString(), null, "file not found (nor " + raw.getFileName() + ")" + hint);
        }
        throw new NoSuchFileException(file.toString(), null, "file not found" + hint);
    }

    /**
     * Checks that a file exists.
     *
     * @param file the file
     * @return the file
     * @throws NoSuchFileException when it is not a regular file
     */
    static Path requireFile(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "file not found");
        }
        return file;
    }

    /**
     * Reads a whole file, gunzipping it when it starts with the gzip magic bytes {@code 1f 8b}
     * (whatever its name).
     *
     * @param file the file
     * @return its bytes, decompressed
     * @throws IOException when it cannot be read or its gzip stream is broken
     */
    static byte[] readAll(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 2 || (bytes[0] & 0xFF) != 0x1f || (bytes[1] & 0xFF) != 0x8b) {
            return bytes;
        }
        try (GZIPInputStream in =
                new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DataFileException(file, "broken gzip stream: " + e.getMessage());
        }
    }
}
