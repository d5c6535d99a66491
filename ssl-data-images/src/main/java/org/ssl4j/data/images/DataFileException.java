package org.ssl4j.data.images;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that exists but does not hold what its format promises: a wrong magic number, too
 * few bytes, counts that disagree, a label out of range, images of different sizes. The message
 * starts with the file and says where (byte offset, index) and what was expected.
 */
public final class DataFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file the file at fault
     * @param problem what is wrong, where and what was expected
     */
    public DataFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /**
     * @return the file at fault
     */
    public Path file() {
        return file;
    }
}
