package org.ssl4j.spark;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.ssl4j.runtime.run.RunFolder;

/**
 * One (method, seed) run of a distributed compare, as a Spark task. It trains in a local
 * folder, in a process of its own ({@link RunProcess}, same class path and Java), and its
 * checkpoints reach the run's shared folder as they are written. A retried task (its first
 * attempt failed, or its executor died) finds the checkpoints there, copies the folder down and
 * resumes the run from the last one; a task whose run already finished (a summary in the shared
 * folder) only reports it.
 *
 * @param method the method's display name
 * @param seed the seed
 * @param configYaml the resolved config of this one run
 * @param shared the run's shared folder, a Hadoop URI
 * @param hadoop Hadoop's settings of the driver (the shared file system's, credentials included)
 * @param threads libtorch's threads in the run's process (the task's cores)
 * @param javaOptions extra JVM options of the run's process
 */
record RunTask(
        String method,
        long seed,
        String configYaml,
        String shared,
        Map<String, String> hadoop,
        int threads,
        List<String> javaOptions) implements Serializable {

    /**
     * Test-only system property of the executor JVM: {@code METHOD/seed-N} makes that run's
     * process halt right after its first checkpoint in its first attempt (see {@link
     * CheckpointMirror#HALT_PROPERTY}), to test that Spark's retry resumes it.
     */
    static final String FAIL_PROPERTY = "ssl4j.spark.test.failAfterFirstCheckpoint";

    /**
     * What a task reports to the driver.
     *
     * @param method the method
     * @param seed the seed
     * @param accuracy the final test accuracy
     * @param steps steps trained
     * @param wallSeconds the run's wall time in its last process
     * @param attempt Spark's attempt number of the task that finished it (0: the first)
     * @param resumedAfter the step it resumed after, or -1 when it started fresh
     * @param host the executor's host
     */
    record Outcome(String method, long seed, double accuracy, long steps, double wallSeconds, int attempt, long resumedAfter,
            String host) implements Serializable {}

    /**
     * Runs the task (on an executor).
     *
     * @return what happened
     * @throws IllegalStateException naming the run, the exit code and the last lines of its log
     *     when its process fails (Spark then retries the task)
     */
    Outcome call() {
        Configuration conf = HadoopFiles.configuration(hadoop);
        org.apache.hadoop.fs.Path sharedDir = new org.apache.hadoop.fs.Path(shared);
        FileSystem fs = HadoopFiles.fs(sharedDir, conf);
        int attempt = TaskContext.get() == null ? 0 : TaskContext.get().attemptNumber();
        String host = hostName();
        Path work;
        try {
            work = Files.createTempDirectory("ssl4j-" + method.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + seed + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a local folder for " + method + " seed " + seed, e);
        }
        try {
            Path runDir = work.resolve("run");
            Path confXml = work.resolve("hadoop.xml");
            try (var out = Files.newOutputStream(confXml)) {
                conf.writeXml(out);
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(javaOptions);
            command.add("-Dai.djl.offline=true");
            command.add("-Djava.awt.headless=true");
            command.add("-Dai.djl.pytorch.num_threads=" + threads);
            command.add("-Dai.djl.pytorch.num_interop_threads=1");
            if ((method + "/seed-" + seed).equals(System.getProperty(FAIL_PROPERTY)) && attempt == 0) {
                command.add("-D" + CheckpointMirror.HALT_PROPERTY + "=true");
            }
            command.add("-cp");
            command.add(classPath());
            command.add(RunProcess.class.getName());
            long resumedAfter = -1;
            if (HadoopFiles.exists(fs, new org.apache.hadoop.fs.Path(sharedDir, RunFolder.SUMMARY))) {
                return finished(fs, sharedDir, attempt, host, work);
            }
            org.apache.hadoop.fs.Path checkpoints = new org.apache.hadoop.fs.Path(sharedDir, RunFolder.CHECKPOINTS);
            String newest = newestCheckpoint(fs, checkpoints);
            if (newest != null) {
                HadoopFiles.downloadFolder(fs, sharedDir, runDir, null);
                resumedAfter = Long.parseLong(newest.replaceAll("\\D", ""));
                command.addAll(List.of("resume", confXml.toString(), runDir.toString(), shared));
            } else {
                Path config = work.resolve("config.yaml");
                Files.writeString(config, configYaml, StandardCharsets.UTF_8);
                command.addAll(List.of("fresh", confXml.toString(), config.toString(), runDir.toString(), shared));
            }
            Path log = work.resolve("run.log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            Process process = builder.start();
            int code;
            try {
                code = process.waitFor();
            } finally {
                if (process.isAlive()) { // the task was killed or interrupted: its run stops with it
                    process.destroyForcibly();
                }
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (code != 0) {
                throw new IllegalStateException(method + " seed " + seed + ": the run's process exited with code " + code
                        + " on " + host + " (attempt " + attempt + "); its last lines:\n  "
                        + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            }
            HadoopFiles.uploadFolder(fs, runDir, sharedDir, RunFolder.SUMMARY);
            String[] result = lines.stream().filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b).orElseThrow().split(" ");
            return new Outcome(method, seed, Double.parseDouble(result[1]), Long.parseLong(result[2]),
                    Double.parseDouble(result[3]), attempt, resumedAfter, host);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " seed " + seed + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " seed " + seed + ": interrupted", e);
        } finally {
            HadoopFiles.deleteLocal(work);
        }
    }

    private Outcome finished(FileSystem fs, org.apache.hadoop.fs.Path sharedDir, int attempt, String host, Path work) {
        Path summary = work.resolve(RunFolder.SUMMARY);
        HadoopFiles.download(fs, new org.apache.hadoop.fs.Path(sharedDir, RunFolder.SUMMARY), summary);
        try {
            var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary.toFile());
            return new Outcome(method, seed, tree.path("accuracy").asDouble(), tree.path("steps").asLong(),
                    tree.path("wallSeconds").asDouble(), attempt, -1, host);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sharedDir + "/" + RunFolder.SUMMARY + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param fs the shared file system
     * @param checkpoints a run's shared checkpoint folder
     * @return the name of its newest complete checkpoint, or null when it has none
     */
    static String newestCheckpoint(FileSystem fs, org.apache.hadoop.fs.Path checkpoints) {
        if (!HadoopFiles.exists(fs, checkpoints)) {
            return null;
        }
        String newest = null;
        try {
            for (FileStatus status : fs.listStatus(checkpoints)) {
                String name = status.getPath().getName();
                if (!name.startsWith(".") && name.endsWith(".ckpt") && (newest == null || name.compareTo(newest) > 0)) {
                    newest = name;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + checkpoints + ": " + e.getMessage(), e);
        }
        return newest;
    }

    /**
     * The executor's class path: the JVM's own, and the jars Spark added to the task's class
     * loader ({@code --jars}, the application jar), which are not on the JVM's.
     */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()).toString());
                        } catch (URISyntaxException e) {
                            entries.add(url.getPath());
                        }
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }
}
