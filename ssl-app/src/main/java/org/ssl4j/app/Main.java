package org.ssl4j.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.runtime.report.Report;
import org.ssl4j.runtime.result.CompareResult;
import org.ssl4j.runtime.result.Metric;
import org.ssl4j.runtime.run.ComparisonFiles;
import org.ssl4j.app.bench.BenchCommand;
import org.ssl4j.app.spark.LabelCommand;
import org.ssl4j.app.spark.SparkSupport;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.result.TrainResult;
import org.ssl4j.runtime.config.ConfigException;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.engine.EngineReport;
import org.ssl4j.runtime.registry.ComponentKind;
import org.ssl4j.runtime.registry.PluginFailure;
import org.ssl4j.runtime.registry.RegisteredComponent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code ssl4j} command line: a thin shell over {@link Ssl4j}.
 *
 * <p>Exit codes: 0 success, 1 a run failed, 2 a bad config or bad usage.
 */
@Command(
        name = "ssl4j",
        mixinStandardHelpOptions = true,
        version = "ssl4j 0.1.0",
        description = "Semi-supervised learning on the JVM.",
        subcommands = {
            Main.Plugins.class,
            Main.Validate.class,
            Main.Train.class,
            Main.Compare.class,
            Main.ReportCommand.class,
            Main.Schema.class,
            Main.Preview.class,
            BenchCommand.class,
            LabelCommand.class,
            DoctorCommand.class
        })
public final class Main {

    /** Exit code of a failed run. */
    static final int RUN_FAILED = 1;
    /** Exit code of a bad config or bad usage. */
    static final int BAD_INPUT = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean verbose;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs a command line and returns its exit code (for tests and embedding).
     *
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    if (main.verbose) {
                        e.printStackTrace(err);
                    }
                    if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                        err.println("error: " + e.getMessage());
                        return BAD_INPUT;
                    }
                    err.println("error: " + describe(e));
                    if (!main.verbose) {
                        err.println("(run with --verbose for the stack trace)");
                    }
                    return RUN_FAILED;
                });
        cli.setExitCodeExceptionMapper(e -> BAD_INPUT);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("error: the Java heap is full (" + describe(e) + "); give the JVM more, e.g. JAVA_OPTS=-Xmx4g");
            return RUN_FAILED;
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** A timestamped folder under {@code runs/} for a config. */
    private static Path defaultOut(RunConfig config) {
        return Path.of("runs", config.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    private static ProgressBar progress() {
        return new ProgressBar(System.err, System.console() != null);
    }

    /** {@code ssl4j plugins}. */
    @Command(name = "plugins", description = "List the components of every plugin found, by kind.")
    static final class Plugins implements Callable<Integer> {

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Ssl4j ssl4j = Ssl4j.create();
            PrintWriter out = spec.commandLine().getOut();
            for (ComponentKind kind : ComponentKind.values()) {
                List<RegisteredComponent> components =
                        ssl4j.plugins().components(kind).stream()
                                .sorted(Comparator.comparing(RegisteredComponent::name))
                                .toList();
                if (components.isEmpty()) {
                    continue;
                }
                out.println(kind.pluralName() + ":");
                for (RegisteredComponent c : components) {
                    String aliases = c.aliases().isEmpty() ? "" : " (also " + String.join(", ", c.aliases()) + ")";
                    out.printf("  %-16s %s%s  [%s %s]%n", c.name(), c.description(), aliases, c.pluginName(), c.pluginVersion());
                }
            }
            List<PluginFailure> failures = ssl4j.plugins().failures();
            for (PluginFailure failure : failures) {
                spec.commandLine().getErr().println("plugin not loaded: " + failure.message());
            }
            out.println("engine: " + EngineReport.collect(ssl4j.plugins()).summary() + " (details: ssl4j doctor)");
            return 0;
        }
    }

    /**
     * A subcommand that reads one config file: the file argument, the plugins and the reading are
     * shared; {@link #run} does the command's own work.
     */
    abstract static class ConfigCommand implements Callable<Integer> {

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "CONFIG", description = "A YAML or JSON config file.")
        Path config;

        @Override
        public final Integer call() throws java.io.IOException {
            Ssl4j ssl4j = Ssl4j.create();
            run(ssl4j, ssl4j.readConfig(config), spec.commandLine().getOut());
            return 0;
        }

        /**
         * @param ssl4j the API with the plugins loaded
         * @param run the config, read and checked
         * @param out standard output
         * @throws java.io.IOException when a file cannot be read or written
         */
        abstract void run(Ssl4j ssl4j, RunConfig run, PrintWriter out) throws java.io.IOException;
    }

    /** {@code ssl4j validate CONFIG}. */
    @Command(name = "validate", description = "Check a config and that it fits its data, without training.")
    static final class Validate extends ConfigCommand {

        @Override
        void run(Ssl4j ssl4j, RunConfig run, PrintWriter out) {
            String data = ssl4j.validate(run);
            out.printf(
                    "%s is valid: %d method(s) %s x %d seed(s), %d steps each, on %s%n",
                    config, run.methods().size(), run.methods().keySet(), run.seeds().size(), run.train().steps(), data);
        }
    }

    /** {@code ssl4j train CONFIG} or {@code ssl4j train --resume RUN_DIR}. */
    @Command(
            name = "train",
            description = "Train the one method of a config with its one seed, or resume a run from its newest good checkpoint.")
    static final class Train implements Callable<Integer> {

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "CONFIG", arity = "0..1", description = "A YAML or JSON config file.")
        Path config;

        @Option(names = "--out", paramLabel = "DIR", description = "The run folder (default: runs/NAME-TIME).")
        Path out;

        @Option(
                names = "--resume",
                paramLabel = "RUN_DIR",
                description = "Continue the run in this folder from its newest good checkpoint, with its config.yaml.")
        Path resume;

        @Override
        public Integer call() {
            if ((config == null) == (resume == null)) {
                throw new IllegalArgumentException("train: give either CONFIG or --resume RUN_DIR");
            }
            if (resume != null && out != null) {
                throw new IllegalArgumentException("train: --out cannot be combined with --resume (the run stays in RUN_DIR)");
            }
            Ssl4j ssl4j = Ssl4j.create();
            TrainResult result;
            if (resume != null) {
                result = ssl4j.resume(resume, progress());
            } else {
                RunConfig run = ssl4j.readConfig(config);
                result = ssl4j.train(run, out == null ? defaultOut(run) : out, progress());
            }
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%s seed %d: test accuracy %.4f (%d steps, %.1f s); run folder %s, report %s%n",
                            result.method(), result.seed(), result.accuracy(), result.steps(), result.wallSeconds(), result.runDir(),
                            result.runDir().resolve(Report.HTML));
            return 0;
        }
    }

    /** {@code ssl4j preview CONFIG}. */
    @Command(name = "preview", description = "Write a PNG grid of originals, weak and strong views of a config's images.")
    static final class Preview extends ConfigCommand {

        @Option(names = "--out", paramLabel = "PNG", description = "The image file (default: preview.png).", defaultValue = "preview.png")
        Path out;

        @Option(names = "--count", description = "Examples to show (default: ${DEFAULT-VALUE}).", defaultValue = "12")
        int count;

        @Override
        void run(Ssl4j ssl4j, RunConfig run, PrintWriter stdout) throws java.io.IOException {
            ssl4j.preview(run, count, out);
            stdout.println("wrote " + out + ": rows are original, weak, strong");
        }
    }

    /** {@code ssl4j report DIR}. */
    @Command(
            name = "report",
            description = "Write report.html (and plots/) of a comparison folder again, e.g. after it was stopped: from the runs that finished, naming the others.")
    static final class ReportCommand implements Callable<Integer> {

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "A comparison folder (written by compare).")
        Path dir;

        @Option(names = "--metric", paramLabel = "NAME", description = "The metric of the table (default: accuracy).")
        String metric;

        @Option(names = "--baseline", paramLabel = "METHOD", description = "The method the differences are against.")
        String baseline;

        @Override
        public Integer call() {
            Metric chosen = metric == null ? Metric.ACCURACY : Metric.fromName(metric);
            Path page = Ssl4j.create().report(dir, chosen, baseline);
            spec.commandLine().getOut().println("report: " + page);
            return 0;
        }
    }

    /** {@code ssl4j schema}. */
    @Command(
            name = "schema",
            description = "Print the JSON Schema of configs, built from the components of every plugin found (for YAML editors).")
    static final class Schema implements Callable<Integer> {

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", paramLabel = "FILE", description = "Write it to a file instead of standard output.")
        Path out;

        @Override
        public Integer call() throws java.io.IOException {
            String schema = Ssl4j.create().schema();
            if (out == null) {
                spec.commandLine().getOut().println(schema);
            } else {
                Files.writeString(out, schema + System.lineSeparator());
                spec.commandLine().getOut().println("wrote " + out);
            }
            return 0;
        }
    }

    /** {@code ssl4j compare CONFIG}. */
    @Command(name = "compare", description = "Run every method of a config with every seed and print a table.")
    static final class Compare extends ConfigCommand {

        @Option(names = "--out", paramLabel = "DIR", description = "The comparison folder (default: runs/NAME-TIME).")
        String out;

        @Option(
                names = "--metric",
                paramLabel = "NAME",
                description = "The metric of the table: accuracy (default), top5Accuracy, balancedAccuracy, macroF1, calibrationError.")
        String metric;

        @Option(
                names = "--baseline",
                paramLabel = "METHOD",
                description = "The method every other is compared with, paired over seeds (default: supervised if present, else the first).")
        String baseline;

        @Option(
                names = "--boundaries",
                paramLabel = "PNG",
                description = "Also draw each method's decision regions for one seed (2-D data only).")
        Path boundaries;

        @Option(
                names = "--boundaries-seed",
                paramLabel = "SEED",
                description = "The seed the --boundaries plot shows (default: the config's first).")
        Long boundariesSeed;

        @Option(
                names = "--spark",
                arity = "0..1",
                fallbackValue = "",
                paramLabel = "MASTER",
                description = "Run each (method, seed) as a Spark task (local[N], spark://HOST:PORT, k8s://...; alone: spark-submit's master); --out may then be an hdfs:// or s3a:// URI.")
        String spark;

        @Override
        void run(Ssl4j ssl4j, RunConfig run, PrintWriter stdout) throws java.io.IOException {
            if (spark != null) {
                if (boundaries != null) {
                    throw new IllegalArgumentException("compare: --boundaries cannot be combined with --spark (draw them with a local compare)");
                }
                Metric chosen = metric == null ? Metric.ACCURACY : Metric.fromName(metric);
                String table = SparkSupport.load().compare(
                        ssl4j, run, out == null ? defaultOut(run).toString() : out, spark, chosen, baseline, stdout);
                stdout.println();
                stdout.print(table.lines().skip(2).collect(java.util.stream.Collectors.joining(System.lineSeparator(), "", System.lineSeparator())));
                stdout.flush();
                return;
            }
            long seed = boundariesSeed == null ? run.seeds().get(0) : boundariesSeed;
            if (boundaries != null && !run.seeds().contains(seed)) {
                throw new InvalidConfigException(
                        "--boundaries-seed", "seed " + seed + " is not among the config's seeds " + run.seeds());
            }
            Metric chosen = metric == null ? Metric.ACCURACY : Metric.fromName(metric);
            CompareResult result = ssl4j.compare(run, out == null ? defaultOut(run) : Path.of(out), chosen, baseline, progress());
            stdout.println();
            stdout.print(Files.readString(result.outDir().resolve(ComparisonFiles.RESULTS_MD)).lines().skip(2)
                    .collect(java.util.stream.Collectors.joining(System.lineSeparator(), "", System.lineSeparator())));
            stdout.println();
            stdout.println("results: " + result.outDir().resolve(ComparisonFiles.RESULTS_MD) + ", "
                    + result.outDir().resolve(ComparisonFiles.RESULTS_JSON) + "; report: " + result.outDir().resolve(Report.HTML));
            if (boundaries != null) {
                ssl4j.plotBoundaries(run, result, seed, boundaries);
                stdout.println("decision boundaries of seed " + seed + ": " + boundaries);
            }
        }
    }
}
