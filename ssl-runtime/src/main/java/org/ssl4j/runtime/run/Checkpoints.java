package org.ssl4j.runtime.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints of a run: {@code checkpoints/step-NNNNNNNNNN.ckpt} in the run folder, named by
 * the global step they were written after. The newest {@link #KEEP} are kept, so when the newest
 * is found damaged the one before it is still there.
 */
public final class Checkpoints {

    /** How many checkpoints are kept. */
    public static final int KEEP = 2;

    private static final Pattern NAME = Pattern.compile("step-(\\d{10})\\.ckpt");

    private final Path folder;

    /**
     * @param folder the checkpoints folder (created on the first write)
     */
    public Checkpoints(Path folder) {
        this.folder = folder;
    }

    /**
     * A checkpoint that read back whole, and the newer ones that did not.
     *
     * @param file the checkpoint used
     * @param step the global step it was written after
     * @param contents its verified contents
     * @param rejected one message per newer checkpoint that was damaged (file, offset, problem)
     */
    public record Loaded(Path file, long step, CheckpointFile contents, List<String> rejected) {

        /** Copies the list. */
        public Loaded {
            rejected = List.copyOf(rejected);
        }
    }

    /**
     * @return the folder
     */
    public Path folder() {
        return folder;
    }

    /**
     * @param step a global step
     * @return the path of that step's checkpoint
     */
    public Path file(long step) {
        return folder.resolve(String.format("step-%010d.ckpt", step));
    }

    /**
     * Writes a checkpoint atomically, then deletes all but the newest {@link #KEEP} and any
     * temporary file a killed write left behind.
     *
     * @param step the global step it follows
     * @param contents what to write
     * @return the file written
     * @throws UncheckedIOException when it cannot be written
     */
    public Path write(long step, CheckpointFile contents) {
        Path file = file(step);
        try {
            Files.createDirectories(folder);
            contents.write(file);
            List<Path> all = list();
            for (Path old : all.subList(Math.min(KEEP, all.size()), all.size())) {
                Files.deleteIfExists(old);
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path temp : files.filter(p -> p.toString().endsWith(".tmp")).toList()) {
                    Files.deleteIfExists(temp);
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return the checkpoint files, newest first (none when the folder does not exist)
     */
    public List<Path> list() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(Checkpoints::stepOf).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the newest checkpoint that verifies, skipping damaged newer ones.
     *
     * @return the checkpoint, with the problems of the newer ones it skipped
     * @throws IllegalStateException when there is no checkpoint, or none verifies (naming each
     *     file, offset and problem)
     */
    public Loaded latestGood() {
        List<String> rejected = new ArrayList<>();
        for (Path file : list()) {
            try {
                return new Loaded(file, stepOf(file), CheckpointFile.read(file), rejected);
            } catch (CorruptCheckpointException | UncheckedIOException e) {
                rejected.add(e.getMessage());
            }
        }
        throw new IllegalStateException(
                rejected.isEmpty()
                        ? "no checkpoint in " + folder
                        : "no usable checkpoint in " + folder + ": " + String.join("; ", rejected));
    }

    /**
     * @param file a checkpoint file
     * @return the global step in its name
     */
    public static long stepOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a checkpoint file name: " + file.getFileName());
        }
        return Long.parseLong(m.group(1));
    }
}
