package org.ssl4j.runtime.network;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;

/**
 * The copies of one network on the executor's other devices: data parallelism, invisible to the
 * method that uses the network.
 *
 * <ul>
 *   <li><b>Forward</b>: the batch is split along its first axis into as many nearly equal parts
 *       as there are devices (fewer when the batch is smaller); the primary computes the first
 *       part, each replica one of the others on its device; the outputs are joined in order on
 *       the primary device. The losses are then computed on the whole batch, exactly as on one
 *       device; replica outputs reach them through {@link GradientBridges}.
 *   <li><b>Gradients</b>: {@link #addGradients} adds every replica's parameter gradients to the
 *       primary's, so the primary's optimizer makes one update with the whole batch's gradient.
 *   <li><b>Parameters</b>: {@link #copyFrom} makes every replica equal to the primary after each
 *       update, copy or restore; replicas never have optimizer state.
 *   <li><b>Batch normalisation</b>: each device normalises its part with its part's statistics
 *       (as PyTorch's DataParallel does without SyncBatchNorm). After a training-mode forward,
 *       the running mean and variance of every replica that computed are averaged and written to
 *       all: with equal parts the running mean is the one of the whole batch; the running variance
 *       is the mean of the parts' variances, which leaves out the spread between the parts' means.
 * </ul>
 *
 * <p>Limits: gradients do not flow back into a network's inputs (forward refuses inputs that are
 * leaves requiring a gradient; inputs computed by recorded operations are not detected, the
 * engine does not tell); randomness inside the network (dropout) draws per part, so it differs from a
 * single-device run.
 */
final class Replicas {

    private final String name;
    private final List<DjlNetwork> copies;
    private final GradientBridges bridges;
    /** Positions (in block order) of every parameter. */
    private final List<Integer> all;
    /** Positions (in block order) of the batch-norm running statistics. */
    private final List<Integer> statistics;

    private Replicas(
            String name, List<DjlNetwork> copies, GradientBridges bridges, List<Integer> all, List<Integer> statistics) {
        this.name = name;
        this.copies = copies;
        this.bridges = bridges;
        this.all = all;
        this.statistics = statistics;
    }

    /**
     * Builds one copy of a network per extra device, with the primary's parameters.
     *
     * @param name the network's name
     * @param backbone its architecture
     * @param inputs what it is built for
     * @param inputShape the shape it is initialised with, {@code (1, ...exampleShape)}
     * @param primary the primary's block, initialised
     * @param devices the extra devices, one copy each (a device may repeat)
     * @param manager the primary's manager; each copy gets a sub-manager of it on its device
     * @param bridges the run's gradient bridges
     * @return the copies
     */
    static Replicas build(
            String name,
            BackboneConfig backbone,
            DataSpec inputs,
            Shape inputShape,
            Block primary,
            List<Device> devices,
            NDManager manager,
            GradientBridges bridges) {
        List<DjlNetwork> copies = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            Block block = backbone.build(inputs);
            // Constant initial values: a replica draws nothing from the generator, so a run's
            // networks start the same with and without replicas.
            block.setInitializer(Initializer.ZEROS, parameter -> true);
            NDManager own = manager.newSubManager(devices.get(i));
            block.initialize(own, DataType.FLOAT32, inputShape);
            List<Parameter> mine = block.getParameters().values();
            List<Parameter> theirs = primary.getParameters().values();
            for (int p = 0; p < mine.size(); p++) {
                if (!theirs.get(p).requiresGradient()) {
                    mine.get(p).freeze(true);
                }
            }
            copies.add(new DjlNetwork(name + "@replica" + (i + 1), backbone, block, own, null, null, null));
        }
        List<Parameter> parameters = primary.getParameters().values();
        List<Integer> all = new ArrayList<>();
        List<Integer> statistics = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            all.add(i);
            Parameter.Type type = parameters.get(i).getType();
            if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
                statistics.add(i);
            }
        }
        Replicas replicas = new Replicas(name, copies, bridges, List.copyOf(all), List.copyOf(statistics));
        replicas.copyFrom(parameters);
        return replicas;
    }

    /**
     * @param index from 0
     * @return the copy on the {@code index + 1}-th device
     */
    DjlNetwork copy(int index) {
        return copies.get(index);
    }

    /**
     * Runs the network data parallel.
     *
     * @param primary runs a part on the primary device, recording a graph as usual
     * @param inputs the whole batch, on the primary device
     * @param training the forward mode
     * @param primaryParameters the primary's parameters, in block order
     * @return the whole batch's outputs on the primary device, in {@code inputs}' manager
     * @throws IllegalStateException when {@code inputs} record a gradient
     */
    NDArray forward(
            Function<NDArray, NDArray> primary, NDArray inputs, boolean training, List<Parameter> primaryParameters) {
        if (EngineOps.requiresGradient(inputs)) {
            throw new IllegalStateException(
                    "network '" + name + "' runs data parallel, which cannot carry gradients back into its inputs; "
                            + "use a single-device executor for a method that differentiates with respect to them");
        }
        long size = inputs.getShape().get(0);
        int parts = (int) Math.min(copies.size() + 1, size);
        if (parts <= 1) {
            NDArray outputs = primary.apply(inputs);
            if (training) {
                averageRunningStatistics(primaryParameters, 1);
            }
            return outputs;
        }
        long[] bounds = new long[parts - 1];
        for (int i = 1; i < parts; i++) {
            bounds[i - 1] = size * i / parts;
        }
        // A replica's output is in a graph exactly when autograd records and the network learns.
        boolean recorded = EngineOps.isGradMode() && primaryParameters.stream().anyMatch(Parameter::requiresGradient);
        NDList chunks = inputs.split(bounds, 0);
        NDList outputs = new NDList(parts);
        outputs.add(primary.apply(chunks.get(0)));
        for (int i = 1; i < parts; i++) {
            DjlNetwork copy = copies.get(i - 1);
            Device device = copy.manager().getDevice();
            // The part lives in a manager of the replica's device (closed with the step's), so
            // that arrays a block creates from its input's manager (a drop-path mask) land on
            // the replica's device, not on the primary's.
            NDManager local = inputs.getManager().newSubManager(device);
            NDArray part = chunks.get(i).toDevice(device, false);
            part.attach(local);
            NDArray out = copy.forwardHere(part, training);
            // Detached in both cases, so replicas on one CPU behave as replicas on several GPUs,
            // where the engine's copy between devices records nothing.
            NDArray onPrimary =
                    recorded
                            ? bridges.bridge(out, inputs.getDevice())
                            : out.toDevice(inputs.getDevice(), false).stopGradient();
            onPrimary.attach(inputs.getManager());
            outputs.add(onPrimary);
        }
        NDArray joined = NDArrays.concat(outputs, 0);
        if (training) {
            averageRunningStatistics(primaryParameters, parts);
        }
        return joined;
    }

    /**
     * Adds each replica's gradients to the primary's and clears the replicas'.
     *
     * @param indices positions (in block order) of the parameters that learn
     * @param gradients the primary's gradients of those parameters, added to in place
     */
    void addGradients(List<Integer> indices, List<NDArray> gradients) {
        for (DjlNetwork copy : copies) {
            List<Parameter> mine = copy.block().getParameters().values();
            for (int k = 0; k < indices.size(); k++) {
                NDArray weight = mine.get(indices.get(k)).getArray();
                NDArray gradient = EngineOps.gradientIfReached(weight);
                if (gradient == null) {
                    continue;
                }
                NDArray target = gradients.get(k);
                NDArray moved = gradient.toDevice(target.getDevice(), false);
                target.addi(moved);
                if (moved != gradient) {
                    moved.close();
                }
                gradient.close();
                EngineOps.zeroGradient(weight);
            }
        }
    }

    /**
     * Clears the replicas' gradients.
     *
     * @param indices positions (in block order) of the parameters that learn
     */
    void zeroGradients(List<Integer> indices) {
        for (DjlNetwork copy : copies) {
            DjlNetwork.zeroReachedGradients(copy.block().getParameters().values(), indices);
        }
    }

    /**
     * Makes every parameter of the replicas equal to the primary's.
     *
     * @param primaryParameters the primary's parameters, in block order
     */
    void copyFrom(List<Parameter> primaryParameters) {
        copyFrom(primaryParameters, all);
    }

    /**
     * Makes the replicas' parameters equal to the primary's.
     *
     * @param primaryParameters the primary's parameters, in block order
     * @param which positions of the parameters to copy
     */
    void copyFrom(List<Parameter> primaryParameters, List<Integer> which) {
        boolean previous = EngineOps.setGradMode(false);
        try {
            for (DjlNetwork copy : copies) {
                List<Parameter> mine = copy.block().getParameters().values();
                for (int index : which) {
                    NDArray source = primaryParameters.get(index).getArray();
                    NDArray target = mine.get(index).getArray();
                    NDArray moved = source.toDevice(target.getDevice(), false);
                    target.set(new NDIndex("..."), moved);
                    if (moved != source) {
                        moved.close();
                    }
                }
            }
        } finally {
            EngineOps.setGradMode(previous);
        }
    }

    /**
     * Averages the running statistics of the primary and the first {@code computed - 1} replicas
     * into all of them. The arrays are replaced, not written in place: the forward pass that just
     * ran saved them for its backward pass, which the engine refuses once they change.
     */
    private void averageRunningStatistics(List<Parameter> primaryParameters, int computed) {
        if (statistics.isEmpty()) {
            return;
        }
        boolean previous = EngineOps.setGradMode(false);
        try (NDManager scratch = primaryParameters.get(0).getArray().getManager().newSubManager()) {
            for (int index : statistics) {
                NDArray mine = primaryParameters.get(index).getArray();
                NDArray sum = mine.duplicate();
                sum.attach(scratch);
                for (int r = 0; r < computed - 1; r++) {
                    NDArray theirs = copies.get(r).block().getParameters().valueAt(index).getArray();
                    NDArray moved = theirs.toDevice(mine.getDevice(), false);
                    sum.addi(moved);
                    if (moved != theirs) {
                        moved.close();
                    }
                }
                mine.intern(sum.divi(computed));
                for (DjlNetwork copy : copies) {
                    NDArray theirs = copy.block().getParameters().valueAt(index).getArray();
                    theirs.intern(freshCopy(mine, theirs.getDevice()));
                }
            }
        } finally {
            EngineOps.setGradMode(previous);
        }
    }

    /** A copy with storage of its own, also when the device is the same. */
    private static NDArray freshCopy(NDArray source, Device device) {
        return source.getDevice().equals(device) ? source.duplicate() : source.toDevice(device, false);
    }
}
