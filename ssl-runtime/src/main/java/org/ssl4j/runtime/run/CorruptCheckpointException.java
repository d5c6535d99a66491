package org.ssl4j.runtime.run;

import java.nio.file.Path;

/** A checkpoint file that is truncated, altered or not a checkpoint at all. */
public final class CorruptCheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    /**
     * @param file the checkpoint
     * @param offset the byte offset where reading found the problem
     * @param problem what was wrong
     */
    public CorruptCheckpointException(Path file, long offset, String problem) {
        super(file + " at byte " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    /**
     * @return the checkpoint file
     */
    public Path file() {
        return file;
    }

    /**
     * @return the byte offset of the problem
     */
    public long offset() {
        return offset;
    }
}
