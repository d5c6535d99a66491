package org.ssl4j.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.report.Report;
import org.ssl4j.runtime.result.Metric;
import org.ssl4j.runtime.run.ComparisonFiles;
import org.ssl4j.runtime.run.RunFolder;

/**
 * {@code ssl4j compare CONFIG --spark MASTER}: every (method, seed) run of a config is a Spark
 * job of one task ({@link RunTask}), so each finishes on its own and the driver prints its line
 * as it does. The run folders are {@code OUT/METHOD/seed-N} on a Hadoop file system; when every
 * run has ended, the driver copies the finished folders' summaries, metrics and last checkpoint
 * to a local staging folder, writes {@code results.json}, {@code results.md}, {@code
 * report.html} and {@code plots/} there with the runtime's own code ({@link Ssl4j#collect}) and
 * copies them up beside the runs.
 */
final class SparkCompare {

    /** Spark setting: extra JVM options of each run's process (space-separated). */
    static final String JAVA_OPTIONS = "spark.ssl4j.run.javaOptions";

    private SparkCompare() {}

    /**
     * @param ssl4j the API
     * @param config the config, checked
     * @param out the comparison's folder (path or Hadoop URI); must not exist
     * @param master the master URL, or empty for spark-submit's
     * @param metric the table's metric
     * @param baseline the baseline, or null
     * @param progress where per-run lines go
     * @return the text of {@code results.md}
     */
    static String run(Ssl4j ssl4j, RunConfig config, String out, String master, Metric metric, String baseline, PrintWriter progress) {
        List<String> methods = List.copyOf(config.methods().keySet());
        if (baseline != null && !methods.contains(baseline)) {
            throw new IllegalArgumentException("baseline '" + baseline + "' is not a method of the config; methods: " + methods);
        }
        org.apache.hadoop.fs.Path root = HadoopFiles.qualify(out);
        if (!master.isEmpty()) {
            SparkMasters.check(master);
        }
        ssl4j.validate(config);
        boolean created = !SparkMasters.running();
        SparkSession spark = SparkMasters.start(master, "ssl4j compare " + config.name());
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Map<String, String> hadoop = HadoopFiles.asMap(sc.hadoopConfiguration());
            FileSystem fs = HadoopFiles.fs(root, sc.hadoopConfiguration());
            if (HadoopFiles.exists(fs, root)) {
                throw new IllegalArgumentException("--out " + out + " exists; give a new folder (a comparison never mixes its runs with older ones)");
            }
            writeShared(fs, new org.apache.hadoop.fs.Path(root, RunFolder.CONFIG), ssl4j.toYaml(config));
            int threads = spark.sparkContext().getConf().getInt("spark.task.cpus", 1);
            List<String> javaOptions = List.of(spark.sparkContext().getConf().get(JAVA_OPTIONS, "").split(" ")).stream()
                    .filter(s -> !s.isBlank()).toList();
            List<RunTask> tasks = new ArrayList<>();
            for (long seed : config.seeds()) {
                for (String method : methods) {
                    RunConfig single = new RunConfig(config.name(), List.of(seed), config.data(), config.augment(),
                            Map.of(method, config.methods().get(method)), config.train(), config.executor());
                    String shared = new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(root, method), "seed-" + seed).toString();
                    tasks.add(new RunTask(method, seed, ssl4j.toYaml(single), shared, hadoop, threads, javaOptions));
                }
            }
            progress.printf("spark %s: %d runs (%d methods x %d seeds) in %s%n",
                    spark.sparkContext().master(), tasks.size(), methods.size(), config.seeds().size(), root);
            RuntimeException failure = runAll(sc, tasks, progress);
            String table;
            try {
                table = gather(ssl4j, config, fs, root, metric, baseline);
            } catch (RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                    throw failure;
                }
                throw e;
            }
            if (failure != null) {
                throw failure;
            }
            progress.println("results: " + new org.apache.hadoop.fs.Path(root, ComparisonFiles.RESULTS_MD) + ", "
                    + new org.apache.hadoop.fs.Path(root, ComparisonFiles.RESULTS_JSON) + "; report: "
                    + new org.apache.hadoop.fs.Path(root, Report.HTML));
            return table;
        } finally {
            SparkMasters.stop(spark, created);
        }
    }

    /** Submits every run as its own job and prints each line as its job ends. */
    private static RuntimeException runAll(JavaSparkContext sc, List<RunTask> tasks, PrintWriter progress) {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        ExecutorCompletionService<RunTask.Outcome> done = new ExecutorCompletionService<>(pool);
        List<Future<RunTask.Outcome>> futures = new ArrayList<>();
        for (RunTask task : tasks) {
            futures.add(done.submit(() -> {
                sc.setJobDescription(task.method() + " seed " + task.seed());
                return sc.parallelize(List.of(task), 1).map(RunTask::call).collect().get(0);
            }));
        }
        RuntimeException failure = null;
        try {
            for (int i = 0; i < tasks.size(); i++) {
                Future<RunTask.Outcome> next = done.take();
                try {
                    RunTask.Outcome o = next.get();
                    String retry = o.attempt() == 0 ? "" : o.resumedAfter() >= 0
                            ? String.format(" (attempt %d, resumed after step %d)", o.attempt() + 1, o.resumedAfter())
                            : String.format(" (attempt %d)", o.attempt() + 1);
                    progress.printf("%s seed %d: test accuracy %.4f after %d steps in %.1f s on %s%s%n",
                            o.method(), o.seed(), o.accuracy(), o.steps(), o.wallSeconds(), o.host(), retry);
                } catch (ExecutionException e) {
                    RunTask task = tasks.get(futures.indexOf(next));
                    String message = e.getCause() == null ? e.toString() : e.getCause().getMessage();
                    progress.printf("%s seed %d: failed: %s%n", task.method(), task.seed(), message);
                    if (failure == null) {
                        failure = new IllegalStateException(task.method() + " seed " + task.seed() + " failed after Spark's retries: "
                                + message, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        return failure;
    }

    /**
     * Writes the comparison's files from the finished runs: in a local staging folder with the
     * runtime's code, then copied up.
     */
    private static String gather(Ssl4j ssl4j, RunConfig config, FileSystem fs, org.apache.hadoop.fs.Path root, Metric metric,
            String baseline) {
        Path staging;
        try {
            staging = Files.createTempDirectory("ssl4j-compare-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a staging folder", e);
        }
        try {
            for (String method : config.methods().keySet()) {
                for (long seed : config.seeds()) {
                    org.apache.hadoop.fs.Path run = new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(root, method), "seed-" + seed);
                    if (!HadoopFiles.exists(fs, new org.apache.hadoop.fs.Path(run, RunFolder.SUMMARY))) {
                        continue;
                    }
                    Path local = staging.resolve(method).resolve("seed-" + seed);
                    HadoopFiles.downloadFolder(fs, run, local, RunFolder.CHECKPOINTS);
                    String last = RunTask.newestCheckpoint(fs, new org.apache.hadoop.fs.Path(run, RunFolder.CHECKPOINTS));
                    if (last != null) {
                        HadoopFiles.download(fs, new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(run, RunFolder.CHECKPOINTS), last),
                                local.resolve(RunFolder.CHECKPOINTS).resolve(last));
                    }
                }
            }
            ssl4j.collect(config, staging, metric, baseline);
            for (String name : List.of(RunFolder.CONFIG, ComparisonFiles.RESULTS_JSON, ComparisonFiles.RESULTS_MD, Report.HTML)) {
                HadoopFiles.upload(fs, staging.resolve(name), new org.apache.hadoop.fs.Path(root, name));
            }
            if (Files.isDirectory(staging.resolve(Report.PLOTS))) {
                HadoopFiles.uploadFolder(fs, staging.resolve(Report.PLOTS), new org.apache.hadoop.fs.Path(root, Report.PLOTS), null);
            }
            return Files.readString(staging.resolve(ComparisonFiles.RESULTS_MD), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the results in " + staging + ": " + e.getMessage(), e);
        } finally {
            HadoopFiles.deleteLocal(staging);
        }
    }

    private static void writeShared(FileSystem fs, org.apache.hadoop.fs.Path target, String text) {
        try {
            Path tmp = Files.createTempFile("ssl4j-", ".yaml");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                HadoopFiles.upload(fs, tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
