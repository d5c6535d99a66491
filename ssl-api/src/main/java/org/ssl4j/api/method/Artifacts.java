package org.ssl4j.api.method;

/**
 * Where a phase hands files it produces for people to read (a pseudo-label set), so the runtime
 * places them by the run folder's layout. A run without a folder discards them.
 */
public interface Artifacts {

    /** The kinds of artifact a method can hand over. */
    enum Kind {
        /** A pseudo-labelled set, as CSV with a header line. */
        PSEUDO_LABELS
    }

    /**
     * Writes an artifact, replacing one of the same kind and name.
     *
     * @param kind what it is
     * @param name a file name without folders ({@code round-1.csv})
     * @param text its content
     * @throws IllegalArgumentException when the name is empty or holds a path separator
     * @throws java.io.UncheckedIOException when it cannot be written
     */
    void write(Kind kind, String name, String text);

    /** Artifacts that go nowhere, for runs without a folder. */
    Artifacts NONE = (kind, name, text) -> {};
}
