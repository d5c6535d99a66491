package org.ssl4j.app.bench;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.executor.CpuExecutorConfig;
import org.ssl4j.runtime.executor.Executor;
import org.ssl4j.runtime.executor.ExecutorConfig;
import org.ssl4j.runtime.executor.GpuExecutorConfig;
import org.ssl4j.runtime.executor.MultiGpuExecutorConfig;
import org.ssl4j.runtime.network.EngineOps;
import org.ssl4j.runtime.training.StepBenchmark;
import org.ssl4j.runtime.training.StepBenchmark.Case;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ssl4j bench}: times the built-in cases and prints one JSON line each, in the same
 * fields as {@code shared/bench/torch_reference.py}. Each case runs in a fresh JVM so its peak
 * memory is its own; {@code --case} runs one case in this JVM. {@code --run CONFIG} times a real
 * run's steps end to end instead ({@link RunBenchmark}), in the fields of {@code
 * bench/whole_run.py}.
 */
@Command(
        name = "bench",
        description = "Time training and prediction steps (one JSON line per case), or a real run's steps end to end (--run).")
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--case", paramLabel = "NAME", description = "Run only this case, in this JVM.")
    String only;

    @Option(names = "--threads", description = "libtorch threads (default: ${DEFAULT-VALUE}).", defaultValue = "2")
    int threads;

    @Option(names = "--steps", description = "Timed steps (default: ${DEFAULT-VALUE}).", defaultValue = "20")
    int steps;

    @Option(names = "--warmup", description = "Untimed steps first, for the JIT (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int warmup;

    @Option(
            names = "--executor",
            paramLabel = "SPEC",
            description = "Where to run: cpu, cpu:REPLICAS, gpu:ID or multi-gpu:ID,ID,... (default: ${DEFAULT-VALUE}).",
            defaultValue = "cpu")
    String executor;

    @Option(names = "--list", description = "List the cases and the reference script's arguments for each.")
    boolean list;

    @Option(
            names = "--run",
            paramLabel = "CONFIG",
            description = "Time this config's run end to end (data, sampling, augmentation, step, logging) for --warmup + --steps steps; its first seed.")
    Path run;

    @Option(names = "--method", paramLabel = "NAME", description = "With --run: the config's method to run (needed when it has several).")
    String method;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (run != null) {
            out.println(runWhole());
            return 0;
        }
        if (method != null) {
            throw new IllegalArgumentException("--method goes with --run CONFIG");
        }
        Map<String, Case> cases = BenchCases.all();
        if (list) {
            cases.values().forEach(c -> out.println(c.name() + "\t" + BenchCases.referenceArguments(c, threads)));
            return 0;
        }
        if (only != null) {
            Case benchCase = cases.get(only);
            if (benchCase == null) {
                throw new IllegalArgumentException("unknown case '" + only + "'; cases: " + String.join(", ", cases.keySet()));
            }
            out.println(runHere(benchCase));
            return 0;
        }
        for (String name : cases.keySet()) {
            out.println(runInFreshJvm(name));
            out.flush();
        }
        return 0;
    }

    private String runHere(Case benchCase) throws IOException {
        Executor where;
        try {
            where = Executor.of(executorConfig(executor, threads));
        } catch (InvalidConfigException e) {
            throw new IllegalArgumentException("--executor " + executor + ": " + e.problem(), e);
        }
        StepBenchmark.Result r = StepBenchmark.run(benchCase, where, warmup, steps);
        Engine engine = Engine.getInstance();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("impl", "ssl4j-djl");
        json.put("engine", engine.getEngineName() + " " + engine.getVersion());
        json.put("case", benchCase.name());
        json.put("mode", benchCase.mode().name().toLowerCase(java.util.Locale.ROOT));
        json.put("batch", benchCase.batchSize());
        json.put("input", benchCase.exampleShape().getShape());
        json.put("executor", where.describe());
        json.put("threads", r.threads());
        json.put("step_ms_median", round(r.stepMillisMedian()));
        json.put("step_ms_min", round(r.stepMillisMin()));
        json.put("images_per_s", Math.round(r.imagesPerSecond() * 10) / 10.0);
        json.put("peak_rss_mib", Math.round(r.peakRssMib() * 10) / 10.0);
        json.put("reference", "torch_reference.py " + BenchCases.referenceArguments(benchCase, threads));
        return new ObjectMapper().writeValueAsString(json);
    }

    private String runWhole() throws IOException {
        Ssl4j ssl4j = Ssl4j.create();
        RunConfig config = ssl4j.readConfig(run);
        RunBenchmark.Result r = RunBenchmark.run(ssl4j, config, method, warmup, steps);
        Engine engine = Engine.getInstance();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("impl", "ssl4j-djl");
        json.put("engine", engine.getEngineName() + " " + engine.getVersion());
        json.put("config", run.toString());
        json.put("method", r.method());
        json.put("seed", r.seed());
        json.put("threads", EngineOps.threads());
        json.put("warmup", warmup);
        json.put("steps", r.steps());
        json.put("seconds", round(r.seconds()));
        json.put("steps_per_s", round(r.stepsPerSecond()));
        json.put("peak_rss_mib", Math.round(r.peakRssMib() * 10) / 10.0);
        return new ObjectMapper().writeValueAsString(json);
    }

    private String runInFreshJvm(String name) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ProcessHandle.current().info().arguments().map(a -> jvmOptions(a)).orElse(List.of()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.ssl4j.app.Main");
        command.addAll(
                List.of(
                        "bench",
                        "--case",
                        name,
                        "--executor",
                        executor,
                        "--threads",
                        "" + threads,
                        "--steps",
                        "" + steps,
                        "--warmup",
                        "" + warmup));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("case " + name + " failed: " + output);
        }
        return output;
    }

    /**
     * Reads {@code --executor}: {@code cpu}, {@code cpu:REPLICAS}, {@code gpu:ID} or {@code
     * multi-gpu:ID,ID,...}.
     *
     * @param spec the option's value
     * @param threads libtorch's intra-op threads
     * @return the executor's config
     * @throws IllegalArgumentException naming the option and the accepted forms
     */
    static ExecutorConfig executorConfig(String spec, int threads) {
        String[] parts = spec.split(":", 2);
        String argument = parts.length > 1 ? parts[1] : null;
        try {
            return switch (parts[0]) {
                case "cpu" -> new CpuExecutorConfig(threads, argument == null ? 1 : Integer.parseInt(argument));
                case "gpu" -> new GpuExecutorConfig(argument == null ? 0 : Integer.parseInt(argument), threads);
                case "multi-gpu" -> new MultiGpuExecutorConfig(
                        argument == null ? List.of() : Arrays.stream(argument.split(",")).map(Integer::valueOf).toList(),
                        threads);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | InvalidConfigException e) {
            String why = e instanceof InvalidConfigException bad ? " (" + bad.getMessage() + ")" : "";
            throw new IllegalArgumentException(
                    "--executor: cannot read '" + spec + "'" + why + "; use cpu, cpu:REPLICAS, gpu:ID or multi-gpu:ID,ID,...");
        }
    }

    /** The parent JVM's -D and -X options, without its class path and main class. */
    private static List<String> jvmOptions(String[] arguments) {
        List<String> options = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.startsWith("-D") || argument.startsWith("-X")) {
                options.add(argument);
            }
        }
        return options;
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
    }
}
