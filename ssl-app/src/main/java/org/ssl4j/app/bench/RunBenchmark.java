package org.ssl4j.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.config.TrainSettings;
import org.ssl4j.runtime.result.RunListener;
import org.ssl4j.runtime.result.StepEvent;
import org.ssl4j.runtime.training.StepBenchmark;

/**
 * Times a real run's steps end to end: {@code ssl4j train} of one method of a config, with its
 * data, sampling, both augmented views, the method's step and the run's logging, cut to {@code
 * warmup + steps} steps. The clock starts when warm-up step {@code warmup} has finished and stops
 * when the last step has; loading the data before and the final evaluation and checkpoint after
 * are outside it. Peak memory is the process's peak resident set (VmHWM) read at the last step,
 * so it includes loading the data set but not the final evaluation. The run folder is temporary.
 * A benchmark: it measures, it asserts nothing.
 */
final class RunBenchmark {

    /**
     * What one timed run gave.
     *
     * @param method the method's name in the config
     * @param seed the seed it ran with
     * @param steps the timed steps
     * @param seconds their wall time
     * @param peakRssMib the peak resident memory at the last step, MiB
     */
    record Result(String method, long seed, long steps, double seconds, double peakRssMib) {

        /** @return timed steps per second */
        double stepsPerSecond() {
            return steps / seconds;
        }
    }

    private RunBenchmark() {}

    /**
     * @param ssl4j the API with the plugins loaded
     * @param config the config, read and checked
     * @param method the method to run; may be null when the config has one
     * @param warmup untimed steps first (at least 1: the clock starts at the end of one)
     * @param steps timed steps, at least 1
     * @return the timing
     * @throws IllegalArgumentException naming the methods when {@code method} is not one of them
     *     (or is null with several)
     */
    static Result run(Ssl4j ssl4j, RunConfig config, String method, int warmup, int steps) {
        if (warmup < 1 || steps < 1) {
            throw new IllegalArgumentException("--warmup and --steps must be at least 1 for --run");
        }
        String name = method;
        if (name == null) {
            if (config.methods().size() != 1) {
                throw new IllegalArgumentException(
                        "--run: the config has " + config.methods().size() + " methods " + config.methods().keySet()
                                + "; name one with --method");
            }
            name = config.methods().keySet().iterator().next();
        }
        MethodConfig chosen = config.methods().get(name);
        if (chosen == null) {
            throw new IllegalArgumentException(
                    "--method " + name + ": not a method of the config; it has " + config.methods().keySet());
        }
        long total = (long) warmup + steps;
        TrainSettings train = config.train();
        TrainSettings cut = TrainSettings.builder(total, train.batchSize())
                .unlabeledRatio(train.unlabeledRatio())
                .evaluateEvery(total)
                .logEvery(Math.min(train.logEvery(), total))
                .checkpointEvery(total)
                .onNonFinite(train.onNonFinite())
                .build();
        long seed = config.seeds().get(0);
        RunConfig one = new RunConfig(
                config.name(), List.of(seed), config.data(), config.augment(), Map.of(name, chosen), cut, config.executor());
        Clock clock = new Clock(warmup - 1, total - 1);
        Path folder;
        try {
            folder = Files.createTempDirectory("ssl4j-bench-run-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            ssl4j.train(one, folder.resolve("run"), clock);
        } finally {
            delete(folder);
        }
        return new Result(name, seed, steps, (clock.stopped - clock.started) / 1e9, clock.peakRssMib);
    }

    /** Notes the time at the end of two steps and the peak memory at the second. */
    private static final class Clock implements RunListener {
        private final long startAfter;
        private final long stopAfter;
        long started;
        long stopped;
        double peakRssMib;

        Clock(long startAfter, long stopAfter) {
            this.startAfter = startAfter;
            this.stopAfter = stopAfter;
        }

        @Override
        public void stepFinished(StepEvent step) {
            if (step.globalStep() == startAfter) {
                started = System.nanoTime();
            } else if (step.globalStep() == stopAfter) {
                stopped = System.nanoTime();
                peakRssMib = StepBenchmark.peakRssMib();
            }
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the benchmark's run folder " + folder, e);
        }
    }
}
