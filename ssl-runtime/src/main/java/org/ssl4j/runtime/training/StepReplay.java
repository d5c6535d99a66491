package org.ssl4j.runtime.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.Batch;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.ssl4j.api.method.Artifacts;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.runtime.network.DjlNetwork;
import org.ssl4j.runtime.network.EngineOps;

/**
 * Exports a method's starting point and a few real batches to a file, and replays the method's
 * first phase on exactly those, so that another implementation of the same step (a PyTorch
 * reference, {@code bench/mpl_reference.py}) can start from the same weights, see the same
 * pre-augmented inputs and be compared parameter for parameter. A tool for equivalence checks:
 * it runs the real step code on the real networks, with nothing sampled or augmented during the
 * replay.
 *
 * <p>The file is NumPy's {@code .npz} (DJL's {@link NDList#encode(OutputStream, boolean)}), one
 * array per entry, float32 unless said:
 *
 * <ul>
 *   <li>{@code init/NETWORK/PARAMETER}: every parameter of every network of the method (running
 *       statistics of batch norm included), by DJL's parameter name, e.g. {@code
 *       init/teacher/01BatchNorm_gamma};
 *   <li>{@code step/T/labeled}, {@code step/T/labels} (int32), {@code step/T/weak}, {@code
 *       step/T/strong} for steps {@code T = 0..steps-1}: the batches as the driver makes them
 *       (the labeled batch in its weak view; the weak and strong views of the unlabeled batch;
 *       the views the phase's plan does not ask for are left out).
 * </ul>
 *
 * The replay's result has {@code after/T/NETWORK/PARAMETER} (every parameter after step {@code
 * T}) and {@code loss/T/NAME} (each loss term the step reported).
 */
public final class StepReplay {

    private StepReplay() {}

    /**
     * Writes the method's initial parameters and {@code steps} batches of its first phase, drawn
     * and augmented from the run's data the way the driver draws them (seeded samplers, the
     * step's seeded generator for the augmentations).
     *
     * @param data the run's data
     * @param method the method, built and not yet trained
     * @param steps how many steps' batches, at least 1
     * @param file the {@code .npz} file to write
     * @throws IOException when the file cannot be written
     */
    public static void export(PreparedData data, PreparedMethod method, int steps, Path file) throws IOException {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        boolean previous = EngineOps.setGradMode(false);
        try (NDManager scratch = method.manager().newSubManager()) {
            NDList out = new NDList();
            for (DjlNetwork network : method.networks().networks().values()) {
                for (Pair<String, Parameter> parameter : network.block().getParameters()) {
                    NDArray copy = parameter.getValue().getArray().duplicate();
                    copy.attach(scratch);
                    out.add(named(copy, "init/" + network.name() + "/" + parameter.getKey()));
                }
            }
            Phase phase = method.phases().get(0);
            BatchPlan plan = phase.batches();
            long phaseSeed = data.seed() * 1_000_003L;
            BatchSampler labeled = new BatchSampler(data.data().labeled().size(), phaseSeed * 2);
            BatchSampler unlabeled =
                    plan.unlabeled() > 0 ? new BatchSampler(data.data().unlabeled().size(), phaseSeed * 2 + 1) : null;
            for (int t = 0; t < steps; t++) {
                long stepSeed = data.seed() * 6_364_136_223_846_793_005L + t;
                Random random = new Random(stepSeed);
                Engine.getInstance().setRandomSeed(Long.hashCode(stepSeed ^ (stepSeed >>> 31)));
                Batch batch = data.data().labeled().getByIndices(scratch, labeled.next(plan.labeled()));
                out.add(named(data.weak().apply(batch.getData().singletonOrThrow(), random), "step/" + t + "/labeled"));
                out.add(named(batch.getLabels().singletonOrThrow().toType(DataType.INT32, false), "step/" + t + "/labels"));
                if (unlabeled != null) {
                    NDArray clean = data.data().unlabeled().getByIndices(scratch, unlabeled.next(plan.unlabeled()))
                            .getData().singletonOrThrow();
                    out.add(named(data.weak().apply(clean, random), "step/" + t + "/weak"));
                    if (plan.strongView()) {
                        out.add(named(data.strong().apply(clean, random), "step/" + t + "/strong"));
                    }
                }
            }
            write(out, file);
        } finally {
            EngineOps.setGradMode(previous);
        }
    }

    /**
     * Sets the method's networks to the file's initial parameters and runs its first phase on the
     * file's batches, one step per batch, each in its own manager as in a run.
     *
     * @param data the run's data (what the phase's context offers when it begins)
     * @param method the method, built and not yet trained (its networks are overwritten)
     * @param inputs a file {@link #export} wrote for a method of the same networks
     * @param result the {@code .npz} file to write the parameters after each step and the losses
     *     to
     * @return the loss terms of each step, read on the host
     * @throws IOException when a file cannot be read or written
     * @throws IllegalArgumentException when the file lacks a parameter of a network or a batch
     */
    public static List<Map<String, Double>> replay(
            PreparedData data, PreparedMethod method, Path inputs, Path result) throws IOException {
        boolean previous = EngineOps.setGradMode(false);
        try (NDManager files = method.manager().newSubManager()) {
            Map<String, NDArray> read = read(inputs, files);
            Map<String, DjlNetwork> networks = method.networks().networks();
            for (DjlNetwork network : networks.values()) {
                Map<String, NDArray> values = new HashMap<>();
                for (Pair<String, Parameter> parameter : network.block().getParameters()) {
                    values.put(parameter.getKey(), require(read, "init/" + network.name() + "/" + parameter.getKey()));
                }
                network.loadParameters(values);
            }
            Phase phase = method.phases().get(0);
            BatchPlan plan = phase.batches();
            int steps = 0;
            while (read.containsKey("step/" + steps + "/labeled")) {
                steps++;
            }
            if (steps == 0) {
                throw new IllegalArgumentException(inputs + " has no batches (step/0/labeled)");
            }
            phase.begin(new PhaseScope(data, files, new Random(data.seed() * 1_000_003L), false, Artifacts.NONE));
            NDList out = new NDList();
            List<Map<String, Double>> losses = new ArrayList<>();
            for (int t = 0; t < steps; t++) {
                try (NDManager step = files.newSubManager()) {
                    String prefix = "step/" + t + "/";
                    LabeledBatch labeled = new LabeledBatch(
                            inStep(require(read, prefix + "labeled"), step), inStep(require(read, prefix + "labels"), step), new long[plan.labeled()]);
                    UnlabeledBatch unlabeled = null;
                    if (plan.unlabeled() > 0) {
                        NDArray weak = inStep(require(read, prefix + "weak"), step);
                        NDArray strong = plan.strongView() ? inStep(require(read, prefix + "strong"), step) : null;
                        unlabeled = new UnlabeledBatch(weak, weak, strong, new long[plan.unlabeled()]);
                    }
                    StepScope context = new StepScope(
                            phase.name(), t, phase.steps(), step, labeled, unlabeled, new Random(t),
                            method.networks()::newGradientCollector);
                    StepResult stepResult;
                    try {
                        stepResult = phase.step(context);
                    } finally {
                        method.networks().endStep();
                    }
                    Map<String, Double> values = new TreeMap<>();
                    for (Map.Entry<String, NDArray> term : stepResult.losses().entrySet()) {
                        values.put(term.getKey(), (double) term.getValue().toType(DataType.FLOAT32, false).getFloat());
                        NDArray copy = term.getValue().toType(DataType.FLOAT32, true);
                        copy.attach(files);
                        out.add(named(copy, "loss/" + t + "/" + term.getKey()));
                    }
                    losses.add(values);
                }
                for (DjlNetwork network : networks.values()) {
                    for (Pair<String, Parameter> parameter : network.block().getParameters()) {
                        NDArray copy = parameter.getValue().getArray().duplicate();
                        copy.attach(files);
                        out.add(named(copy, "after/" + t + "/" + network.name() + "/" + parameter.getKey()));
                    }
                }
            }
            write(out, result);
            return losses;
        } finally {
            EngineOps.setGradMode(previous);
        }
    }

    /**
     * Reads a {@code .npz} file into arrays by name.
     *
     * @param file the file
     * @param manager where the arrays go
     * @return the arrays, in the file's order
     * @throws IOException when it cannot be read
     */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            for (NDArray array : NDList.decode(manager, in)) {
                arrays.put(array.getName(), array);
            }
            return arrays;
        }
    }

    private static void write(NDList arrays, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".part");
        try {
            try (OutputStream stream = Files.newOutputStream(temporary)) {
                arrays.encode(stream, NDList.Encoding.NPZ);
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    private static NDArray require(Map<String, NDArray> arrays, String name) {
        NDArray array = arrays.get(name);
        if (array == null) {
            throw new IllegalArgumentException("the replay's input has no array '" + name + "'");
        }
        return array;
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    private static NDArray inStep(NDArray array, NDManager step) {
        NDArray copy = array.duplicate();
        copy.attach(step);
        return copy;
    }
}
