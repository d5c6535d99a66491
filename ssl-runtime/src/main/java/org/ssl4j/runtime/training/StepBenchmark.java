package org.ssl4j.runtime.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.model.Network;
import org.ssl4j.runtime.executor.Executor;
import org.ssl4j.runtime.network.EngineOps;
import org.ssl4j.runtime.network.NetworkFactory;

/**
 * Times a method's real training step (or its evaluated network's prediction) on fixed random
 * tensors, through the same code path a run takes: {@link NetworkFactory}, the method's first
 * phase, one sub-manager per step. What it leaves out is what a run adds around the step: data
 * sampling and augmentation, and diagnostics: its steps are those of a run without {@code
 * train.diagnostics}. A benchmark, not a test: it measures, it asserts nothing.
 */
public final class StepBenchmark {

    /** What to time. */
    public enum Mode {
        /** One step of the method's first phase. */
        TRAIN,
        /** A forward pass of the evaluated network in evaluation mode, softmax and max. */
        PREDICT
    }

    /**
     * One benchmark case.
     *
     * @param name the case's name
     * @param mode train step or prediction
     * @param method the method whose step is timed (for prediction, whose network)
     * @param exampleShape one example's shape, e.g. (3, 32, 32)
     * @param classes the class count
     * @param batchSize labeled examples per step (for prediction: examples per forward pass)
     * @param unlabeledRatio unlabeled examples per labeled one, for methods that use them
     */
    public record Case(
            String name,
            Mode mode,
            MethodConfig method,
            Shape exampleShape,
            int classes,
            int batchSize,
            int unlabeledRatio) {}

    /**
     * The figures of one case.
     *
     * @param stepMillisMedian median wall time of a step
     * @param stepMillisMin fastest step
     * @param imagesPerSecond examples per second at the median step time
     * @param peakRssMib the process's peak resident memory so far (VmHWM), MiB
     * @param threads libtorch's intra-op threads
     */
    public record Result(
            double stepMillisMedian, double stepMillisMin, double imagesPerSecond, double peakRssMib, int threads) {}

    private StepBenchmark() {}

    /**
     * Runs a case.
     *
     * @param benchCase the case
     * @param executor where to run (its thread setting applies)
     * @param warmup untimed steps first
     * @param steps timed steps
     * @return the figures
     */
    public static Result run(Case benchCase, Executor executor, int warmup, int steps) {
        executor.prepare();
        boolean previous = EngineOps.setGradMode(false);
        Engine.getInstance().setRandomSeed(0);
        DataSpec data =
                new DataSpec(
                        benchCase.exampleShape(),
                        benchCase.classes(),
                        IntStream.range(0, benchCase.classes()).mapToObj(i -> "class " + i).toList(),
                        "random tensors " + benchCase.exampleShape());
        Budget budget = new Budget((long) warmup + steps, benchCase.batchSize(), benchCase.unlabeledRatio());
        try (NDManager run = NDManager.newBaseManager(executor.device())) {
            NetworkFactory networks = new NetworkFactory(data, budget, 0, run, executor.devices(), null);
            TrainingMethod method = benchCase.method().expand().create(networks);
            Phase phase = method.phases().get(0);
            BatchPlan plan = phase.batches();
            int batch = benchCase.mode() == Mode.PREDICT ? benchCase.batchSize() : plan.labeled();
            Shape labeledShape = new Shape(batch).addAll(data.exampleShape());
            NDArray x = run.randomNormal(labeledShape);
            NDArray y = run.randomInteger(0, data.classes(), new Shape(batch), DataType.INT32);
            long[] indices = new long[batch];
            UnlabeledBatch unlabeled = null;
            if (plan.unlabeled() > 0) {
                NDArray u = run.randomNormal(new Shape(plan.unlabeled()).addAll(data.exampleShape()));
                NDArray s = plan.strongView() ? run.randomNormal(u.getShape()) : null;
                unlabeled = new UnlabeledBatch(u, u, s, new long[plan.unlabeled()]);
            }
            double[] millis = new double[steps];
            long examples = 0;
            for (int i = 0; i < warmup + steps; i++) {
                long start = System.nanoTime();
                try (NDManager step = run.newSubManager()) {
                    // As in a run, the step's inputs belong to the step's manager, and so does
                    // every array computed from them.
                    NDArray inputs = inStep(x, step);
                    if (benchCase.mode() == Mode.PREDICT) {
                        predict(method.evaluated(), inputs);
                        examples = batch;
                    } else {
                        LabeledBatch labeled = new LabeledBatch(inputs, inStep(y, step), indices);
                        UnlabeledBatch views = unlabeled == null ? null : inStep(unlabeled, step);
                        StepScope context =
                                new StepScope(
                                        phase.name(),
                                        i,
                                        warmup + steps,
                                        step,
                                        labeled,
                                        views,
                                        new Random(i),
                                        networks::newGradientCollector,
                                        false);
                        try {
                            StepResult result = phase.step(context);
                            examples = result.examples();
                            hostRead(result);
                        } finally {
                            networks.endStep();
                        }
                    }
                }
                if (i >= warmup) {
                    millis[i - warmup] = (System.nanoTime() - start) / 1e6;
                }
            }
            Arrays.sort(millis);
            double median = millis[steps / 2];
            return new Result(median, millis[0], examples / (median / 1000), peakRssMib(), EngineOps.threads());
        } finally {
            EngineOps.setGradMode(previous);
        }
    }

    /**
     * Reads the step's losses on the host, as a run does every step to check them: it also waits
     * for work queued on a GPU, so that the clock measures the step and not its launch.
     */
    private static void hostRead(StepResult result) {
        NDArray total = null;
        for (NDArray loss : result.losses().values()) {
            NDArray term = loss.toType(DataType.FLOAT32, false).sum();
            total = total == null ? term : total.add(term);
        }
        if (total != null) {
            total.getFloat();
        }
    }

    private static NDArray inStep(NDArray array, NDManager step) {
        NDArray copy = array.duplicate();
        copy.attach(step);
        return copy;
    }

    private static UnlabeledBatch inStep(UnlabeledBatch batch, NDManager step) {
        NDArray clean = inStep(batch.clean(), step);
        NDArray strong = batch.strong() == null ? null : inStep(batch.strong(), step);
        return new UnlabeledBatch(clean, clean, strong, batch.indices());
    }

    private static void predict(Network network, NDArray inputs) {
        NDArray logits = network.forward(inputs, false);
        logits.softmax(1).max(new int[] {1}).getFloat(0);
    }

    /**
     * @return the peak resident memory of this process in MiB (Linux VmHWM), or NaN elsewhere
     */
    public static double peakRssMib() {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8);
            for (String line : status) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
