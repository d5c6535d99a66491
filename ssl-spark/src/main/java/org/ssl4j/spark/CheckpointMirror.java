package org.ssl4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.ssl4j.runtime.result.RunListener;
import org.ssl4j.runtime.result.RunStart;
import org.ssl4j.runtime.run.RunFolder;

/**
 * Keeps a run's shared folder as far as its local one whenever a checkpoint is written: the
 * run's {@code config.yaml} when it starts, then with each checkpoint the checkpoint itself, its
 * {@code metrics.jsonl}, and the removal of the checkpoints the run no longer keeps. A task that
 * dies at any point leaves in the shared folder a run that {@code train --resume} continues from
 * its last checkpoint.
 */
final class CheckpointMirror implements RunListener {

    /**
     * Test hook, read from the system properties of the run's process: when {@code true}, the
     * process halts (exit 137, as if killed) right after its first checkpoint reached the shared
     * folder. {@link RunTask} sets it only for the run and first attempt that the test property
     * {@value RunTask#FAIL_PROPERTY} names.
     */
    static final String HALT_PROPERTY = "ssl4j.spark.haltAfterFirstCheckpoint";

    private final Path local;
    private final FileSystem fs;
    private final org.apache.hadoop.fs.Path shared;
    private final boolean haltAfterFirst;

    /**
     * @param local the run's local folder
     * @param fs the shared file system
     * @param shared the run's shared folder
     */
    CheckpointMirror(Path local, FileSystem fs, org.apache.hadoop.fs.Path shared) {
        this.local = local;
        this.fs = fs;
        this.shared = shared;
        this.haltAfterFirst = Boolean.getBoolean(HALT_PROPERTY);
    }

    @Override
    public void runStarted(RunStart start) {
        HadoopFiles.upload(fs, local.resolve(RunFolder.CONFIG), new org.apache.hadoop.fs.Path(shared, RunFolder.CONFIG));
    }

    @Override
    public void checkpointed(Path file, long globalStep) {
        org.apache.hadoop.fs.Path checkpoints = new org.apache.hadoop.fs.Path(shared, RunFolder.CHECKPOINTS);
        Path metrics = local.resolve(RunFolder.METRICS);
        if (Files.isRegularFile(metrics)) {
            HadoopFiles.upload(fs, metrics, new org.apache.hadoop.fs.Path(shared, RunFolder.METRICS));
        }
        HadoopFiles.upload(fs, file, new org.apache.hadoop.fs.Path(checkpoints, file.getFileName().toString()));
        try (Stream<Path> kept = Files.list(file.getParent())) {
            Set<String> names = kept.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            for (FileStatus status : fs.listStatus(checkpoints)) {
                String name = status.getPath().getName();
                if (!name.startsWith(".") && !names.contains(name)) {
                    fs.delete(status.getPath(), false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune the checkpoints in " + checkpoints + ": " + e.getMessage(), e);
        }
        if (haltAfterFirst) {
            System.err.println("halting after the first checkpoint (" + HALT_PROPERTY + ")");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
