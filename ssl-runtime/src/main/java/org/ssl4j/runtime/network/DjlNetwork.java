package org.ssl4j.runtime.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.SymbolBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.ResumableOptimizer;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/**
 * The runtime's {@link Network}: a DJL block whose parameters live in the network's own manager,
 * with an optimizer when it is trainable.
 *
 * <p>Updates run with autograd off and read each gradient through a handle that is closed at
 * once, so a step leaves nothing behind in the network's long-lived manager. An update whose
 * gradients hold NaN or infinity is not applied: the gradients are cleared and the refusal is
 * reported to the run's {@link NonFiniteGradients}.
 *
 * <p>Checkpoints: {@link #saveState} and {@link #restoreState} carry every parameter (batch-norm
 * statistics included) by name, the update count and the optimizer's per-parameter state.
 *
 * <p>Data parallelism: with {@link Replicas}, {@link #forward} splits each batch across the
 * devices. Each backward pass leaves every device's part of the gradient on its own copy; every
 * operation that reads or changes gradients ({@link #update()}, {@link #clipGradientNorm}, {@link
 * #gradients}) first adds the replicas' parts into the primary's gradients and clears them
 * ({@link #gatherGradients}), so it sees the whole batch's gradient, the one the update applies.
 * Every change of the parameters (update, copy, average, {@link #setParameters}, restore) is
 * copied to the replicas. Everything else (the block, saving, the optimizer) is the primary's.
 *
 * <p>Fused update: when the optimizer is elementwise ({@link ResumableOptimizer#isElementwise})
 * and the block runs on its own parameter arrays (no TorchScript module), the trainable parameters
 * become views of one flat array and their gradients slices of another ({@link FlatParameters}).
 * An update is then one optimizer call for the whole network, the finiteness check two
 * reductions, clipping one norm and clearing one fill; checkpoints keep the per-parameter layout.
 * The norm's summation order differs from the per-parameter one (float rounding only).
 *
 * <p>Trainable parameters are those that record a gradient; {@link #parameters}, {@link
 * #setParameters} and {@link #gradients} list them in the block's order.
 */
public final class DjlNetwork implements Network {

    private static final NDIndex ALL = new NDIndex("...");

    private final String name;
    private final BackboneConfig backbone;
    private final Block block;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final ResumableOptimizer optimizer;
    private final List<Parameter> parameters;
    private final List<String> parameterNames;
    /** Positions (in block order) of the parameters that record gradients. */
    private final List<Integer> trainable;
    private final NonFiniteGradients nonFinite;
    private final Replicas replicas;
    /** The trainable parameters laid out flat for a fused update; null when updated one by one. */
    private final FlatParameters flat;
    private long updates;

    /**
     * @param name the method's name for it
     * @param backbone the config it was built from
     * @param block the block, already initialised with its parameters in {@code manager}
     * @param manager the network's long-lived manager (closed by the run, not here)
     * @param optimizer its optimizer, or null for a frozen network or a replica
     * @param nonFinite where refused updates are reported (null for a replica)
     * @param replicas its copies on the executor's other devices, or null on a single device
     */
    DjlNetwork(
            String name,
            BackboneConfig backbone,
            Block block,
            NDManager manager,
            ResumableOptimizer optimizer,
            NonFiniteGradients nonFinite,
            Replicas replicas) {
        this.name = name;
        this.nonFinite = nonFinite;
        this.backbone = backbone;
        this.block = block;
        this.manager = manager;
        this.optimizer = optimizer;
        this.parameterStore = new ParameterStore(manager, false);
        this.parameters = block.getParameters().values();
        this.parameterNames = block.getParameters().keys();
        List<Integer> learning = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).requiresGradient()) {
                learning.add(i);
            }
        }
        this.trainable = List.copyOf(learning);
        this.replicas = replicas;
        this.flat = optimizer != null && optimizer.isElementwise() && !trainable.isEmpty() && !hasSymbolBlock(block)
                ? layFlat()
                : null;
    }

    /**
     * Whether the block holds a module that runs on tensors of its own (a TorchScript module):
     * its parameter arrays share those tensors, which a flat layout cannot replace.
     */
    private static boolean hasSymbolBlock(Block block) {
        if (block instanceof SymbolBlock) {
            return true;
        }
        for (Block child : block.getChildren().values()) {
            if (hasSymbolBlock(child)) {
                return true;
            }
        }
        return false;
    }

    /** Lays the trainable parameters out flat, before the network's first step. */
    private FlatParameters layFlat() {
        List<Parameter> learning = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int index : trainable) {
            learning.add(parameters.get(index));
            names.add(parameterNames.get(index));
        }
        return FlatParameters.lay(learning, names, manager);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BackboneConfig backbone() {
        return backbone;
    }

    /**
     * @return the DJL block, for saving and for the runtime's own use; not part of the SPI
     */
    public Block block() {
        return block;
    }

    /**
     * @return whether {@link #update()} is fused: the trainable parameters, their gradients and
     *     the optimizer's state are one flat array each ({@link FlatParameters})
     */
    boolean isFused() {
        return flat != null;
    }

    /**
     * @return its copies on the executor's other devices, or null on a single device
     */
    Replicas replicas() {
        return replicas;
    }

    /**
     * @return the manager that holds the parameters and optimizer state
     */
    NDManager manager() {
        return manager;
    }

    /**
     * Runs the block. A {@link SequentialBlock} runs child by child, each child in a scratch
     * manager that is closed as soon as its output has been moved to the inputs' manager: the
     * Java handles of the child's intermediate arrays are released at once instead of at the
     * end of the step. Autograd keeps whatever backward needs through its own references, so
     * this is safe while gradients are recorded, and it brings the step's peak memory down to
     * what PyTorch's reference counting gives in Python.
     */
    @Override
    public NDArray forward(NDArray inputs, boolean training) {
        if (replicas != null) {
            return replicas.forward(part -> forwardHere(part, training), inputs, training, parameters);
        }
        return forwardHere(inputs, training);
    }

    /** Runs the block on this network's own device, whatever its replicas. */
    NDArray forwardHere(NDArray inputs, boolean training) {
        return forward(block, new NDList(inputs), training, inputs.getManager()).singletonOrThrow();
    }

    private NDList forward(Block current, NDList inputs, boolean training, NDManager target) {
        if (!(current instanceof SequentialBlock sequence)) {
            return current.forward(parameterStore, inputs, training);
        }
        NDList x = inputs;
        for (Block child : sequence.getChildren().values()) {
            NDList out;
            try (NDManager scratch = target.newSubManager()) {
                x.forEach(array -> array.tempAttach(scratch));
                out = forward(child, x, training, scratch);
                out.forEach(array -> array.attach(target));
            }
            if (x != inputs) {
                for (NDArray array : x) {
                    if (!out.contains(array)) {
                        array.close();
                    }
                }
            }
            x = out;
        }
        return x;
    }

    /**
     * {@inheritDoc}
     *
     * <p>First checks that every gradient is finite (the largest absolute value of each, one
     * read for all); if one is not, no parameter is changed, the gradients are cleared, the
     * refusal goes to {@link NonFiniteGradients} and {@link #updates()} does not advance.
     */
    @Override
    public void update() {
        if (optimizer == null) {
            throw new IllegalStateException("network '" + name + "' is frozen and has no optimizer");
        }
        boolean previous = EngineOps.setGradMode(false);
        NonFiniteGradients.Refusal refusal;
        try (NDManager scratch = manager.newSubManager()) {
            gatherGradients();
            refusal = flat != null ? updateFlat(scratch) : updateEach(scratch);
            if (refusal != null) {
                nonFinite.add(refusal);
            } else if (replicas != null) {
                replicas.copyFrom(parameters, trainable);
            }
        } finally {
            EngineOps.setGradMode(previous);
        }
        if (refusal == null) {
            updates++;
        }
    }

    /** The fused update: the optimizer sees all parameters as one; the gradients are cleared. */
    private NonFiniteGradients.Refusal updateFlat(NDManager scratch) {
        NonFiniteGradients.Refusal refusal = flat.firstNonFinite(name, scratch);
        if (refusal == null) {
            optimizer.update(FlatParameters.ID, flat.weights(), flat.gradients());
        }
        flat.zeroGradients();
        return refusal;
    }

    /** The update of one parameter at a time; the gradients are cleared. */
    private NonFiniteGradients.Refusal updateEach(NDManager scratch) {
        List<String> names = new ArrayList<>();
        List<NDArray> gradients = new ArrayList<>();
        for (int index : trainable) {
            NDArray gradient = parameters.get(index).getArray().getGradient();
            gradient.attach(scratch);
            names.add(parameterNames.get(index));
            gradients.add(gradient);
        }
        NonFiniteGradients.Refusal refusal = firstNonFinite(names, gradients);
        for (int k = 0; k < trainable.size(); k++) {
            Parameter parameter = parameters.get(trainable.get(k));
            NDArray weight = parameter.getArray();
            if (refusal == null) {
                optimizer.update(parameter.getId(), weight, gradients.get(k));
            }
            EngineOps.zeroGradient(weight);
        }
        return refusal;
    }

    /**
     * Adds the gradients the replicas' backward passes left into the primary's and clears the
     * replicas', so that the primary holds the whole batch's gradient. Adding a replica's cleared
     * (zero) gradient again changes nothing, so operations may call this one after another.
     */
    private void gatherGradients() {
        if (replicas == null || trainable.isEmpty()) {
            return;
        }
        try (NDManager scratch = manager.newSubManager()) {
            List<NDArray> gradients = new ArrayList<>();
            for (int index : trainable) {
                NDArray gradient = parameters.get(index).getArray().getGradient();
                gradient.attach(scratch);
                gradients.add(gradient);
            }
            replicas.addGradients(trainable, gradients);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The norm is read from the device once for all parameters; the gradients are scaled by
     * {@code maxNorm / (norm + 1e-6)} when the norm exceeds {@code maxNorm} (PyTorch's {@code
     * clip_grad_norm_}). With replicas, their gradients are first gathered into the primary's,
     * so the norm is the one of the whole batch's gradient.
     *
     * @throws IllegalArgumentException when {@code maxNorm} is not positive and finite
     */
    @Override
    public double clipGradientNorm(double maxNorm) {
        if (!(maxNorm > 0 && Double.isFinite(maxNorm))) {
            throw new IllegalArgumentException("maxNorm must be positive and finite, got " + maxNorm);
        }
        if (trainable.isEmpty()) {
            return 0;
        }
        boolean previous = EngineOps.setGradMode(false);
        try (NDManager scratch = manager.newSubManager()) {
            gatherGradients();
            if (flat != null) {
                return clipFlat(maxNorm, scratch);
            }
            List<NDArray> gradients = new ArrayList<>();
            NDList squares = new NDList();
            for (int index : trainable) {
                NDArray gradient = parameters.get(index).getArray().getGradient();
                gradient.attach(scratch);
                gradients.add(gradient);
                squares.add(gradient.square().sum());
            }
            double norm = Math.sqrt(NDArrays.stack(squares).sum().getFloat());
            if (norm > maxNorm) {
                float scale = (float) (maxNorm / (norm + 1e-6));
                for (NDArray gradient : gradients) {
                    gradient.muli(scale);
                }
            }
            return norm;
        } finally {
            EngineOps.setGradMode(previous);
        }
    }

    /** Norm clipping on the flat gradients: one sum of squares, one scaling. */
    private double clipFlat(double maxNorm, NDManager scratch) {
        NDArray squares = flat.gradients().square();
        squares.attach(scratch);
        NDArray sum = squares.sum();
        sum.attach(scratch);
        double norm = Math.sqrt(sum.getFloat());
        if (norm > maxNorm) {
            flat.gradients().muli((float) (maxNorm / (norm + 1e-6)));
        }
        return norm;
    }

    @Override
    public List<NDArray> parameters(NDManager target) {
        boolean previous = EngineOps.setGradMode(false);
        try {
            List<NDArray> copies = new ArrayList<>();
            for (int index : trainable) {
                NDArray copy = parameters.get(index).getArray().duplicate();
                copy.attach(target);
                copies.add(copy);
            }
            return copies;
        } finally {
            EngineOps.setGradMode(previous);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the count or a shape does not match
     */
    @Override
    public void setParameters(List<NDArray> values) {
        if (values.size() != trainable.size()) {
            throw new IllegalArgumentException(
                    "network '" + name + "' has " + trainable.size() + " trainable parameters, got " + values.size()
                            + " values");
        }
        for (int k = 0; k < values.size(); k++) {
            NDArray mine = parameters.get(trainable.get(k)).getArray();
            if (!mine.getShape().equals(values.get(k).getShape())) {
                throw new IllegalArgumentException(
                        "parameter '" + parameterNames.get(trainable.get(k)) + "' of network '" + name + "' has shape "
                                + mine.getShape() + ", the value has " + values.get(k).getShape());
            }
        }
        boolean previous = EngineOps.setGradMode(false);
        try {
            for (int k = 0; k < values.size(); k++) {
                NDArray mine = parameters.get(trainable.get(k)).getArray();
                NDArray value = values.get(k);
                NDArray moved = value.toDevice(mine.getDevice(), false);
                // an indexed assignment copies inside libtorch and keeps the parameter's storage
                mine.set(ALL, moved);
                if (moved != value) {
                    moved.close();
                }
            }
        } finally {
            EngineOps.setGradMode(previous);
        }
        if (replicas != null) {
            replicas.copyFrom(parameters, trainable);
        }
    }

    @Override
    public List<NDArray> gradients(NDManager target) {
        boolean previous = EngineOps.setGradMode(false);
        try {
            gatherGradients();
            List<NDArray> copies = new ArrayList<>();
            for (int index : trainable) {
                try (NDArray gradient = parameters.get(index).getArray().getGradient()) {
                    NDArray copy = gradient.duplicate();
                    copy.attach(target);
                    copies.add(copy);
                }
            }
            return copies;
        } finally {
            EngineOps.setGradMode(previous);
        }
    }

    @Override
    public void zeroGradients() {
        if (flat != null) {
            boolean previous = EngineOps.setGradMode(false);
            try {
                flat.zeroGradients();
            } finally {
                EngineOps.setGradMode(previous);
            }
        } else {
            zeroReachedGradients(parameters, trainable);
        }
        if (replicas != null) {
            replicas.zeroGradients(trainable);
        }
    }

    /**
     * Clears the gradients that backward passes left on the given parameters, leaving those no
     * pass reached without one.
     *
     * @param parameters a block's parameters, in block order
     * @param indices the positions to clear
     */
    static void zeroReachedGradients(List<Parameter> parameters, List<Integer> indices) {
        for (int index : indices) {
            NDArray weight = parameters.get(index).getArray();
            NDArray gradient = EngineOps.gradientIfReached(weight);
            if (gradient != null) {
                gradient.close();
                EngineOps.zeroGradient(weight);
            }
        }
    }

    /** The first parameter whose gradient is not finite, or null; one host read when all are. */
    private NonFiniteGradients.Refusal firstNonFinite(List<String> names, List<NDArray> gradients) {
        if (gradients.isEmpty()) {
            return null;
        }
        NDList largest = new NDList();
        for (NDArray gradient : gradients) {
            largest.add(gradient.abs().max());
        }
        if (Float.isFinite(NDArrays.stack(largest).max().getFloat())) {
            return null;
        }
        for (int i = 0; i < names.size(); i++) {
            float value = largest.get(i).getFloat();
            if (!Float.isFinite(value)) {
                return new NonFiniteGradients.Refusal(name, names.get(i), value);
            }
        }
        return null;
    }

    @Override
    public long updates() {
        return updates;
    }

    @Override
    public void copyFrom(Network source) {
        List<Pair<NDArray, NDArray>> pairs = pairWith(source);
        boolean previous = EngineOps.setGradMode(false);
        try {
            for (Pair<NDArray, NDArray> pair : pairs) {
                pair.getKey().muli(0).addi(pair.getValue());
            }
        } finally {
            EngineOps.setGradMode(previous);
        }
        toReplicas();
    }

    @Override
    public void averageFrom(Network source, float decay) {
        if (!(decay >= 0 && decay <= 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1], got " + decay);
        }
        List<Pair<NDArray, NDArray>> pairs = pairWith(source);
        boolean previous = EngineOps.setGradMode(false);
        try (NDManager scratch = manager.newSubManager()) {
            for (Pair<NDArray, NDArray> pair : pairs) {
                NDArray step = pair.getValue().mul(1 - decay);
                step.attach(scratch);
                pair.getKey().muli(decay).addi(step);
            }
        } finally {
            EngineOps.setGradMode(previous);
        }
        toReplicas();
    }

    /**
     * Writes the network into a checkpoint: {@code updates}, {@code param.NAME} for every
     * parameter (running statistics included), and {@code optimizer.NAME.*} for every trainable
     * parameter (the optimizer's state, {@link ResumableOptimizer}). Called between steps.
     *
     * @param state where to write
     */
    public void saveState(StateWriter state) {
        state.putLong("updates", updates);
        for (Pair<String, Parameter> pair : block.getParameters()) {
            state.putArray("param." + pair.getKey(), pair.getValue().getArray());
        }
        if (flat != null) {
            try (NDManager scratch = manager.newSubManager()) {
                optimizer.saveState(FlatParameters.ID, flat.splitting(state, "optimizer.", scratch));
            }
        } else if (optimizer != null) {
            for (Pair<String, Parameter> pair : block.getParameters()) {
                if (pair.getValue().requiresGradient()) {
                    optimizer.saveState(pair.getValue().getId(), state.under("optimizer." + pair.getKey() + "."));
                }
            }
        }
    }

    /**
     * Restores what {@link #saveState} wrote, in place, bit for bit.
     *
     * @param state what {@link #saveState} wrote for a network of the same architecture
     * @throws IllegalStateException naming the parameter when one is missing or has another
     *     shape or data type
     */
    public void restoreState(StateReader state) {
        boolean previous = EngineOps.setGradMode(false);
        try (NDManager scratch = manager.newSubManager()) {
            for (Pair<String, Parameter> pair : block.getParameters()) {
                NDArray weight = pair.getValue().getArray();
                String key = "param." + pair.getKey();
                if (!state.contains(key)) {
                    throw new IllegalStateException(
                            "the checkpoint has no parameter '" + pair.getKey() + "' for network '" + name + "'");
                }
                NDArray saved = state.getArray(key, scratch);
                if (!saved.getShape().equals(weight.getShape()) || saved.getDataType() != weight.getDataType()) {
                    throw new IllegalStateException(
                            "parameter '" + pair.getKey() + "' of network '" + name + "' is " + weight.getShape()
                                    + " " + weight.getDataType() + ", the checkpoint has " + saved.getShape()
                                    + " " + saved.getDataType());
                }
                // copied in place: the parameter may be a view of the flat layout
                weight.set(ALL, saved);
                if (flat == null && optimizer != null && pair.getValue().requiresGradient()) {
                    optimizer.restoreState(
                            pair.getValue().getId(), state.under("optimizer." + pair.getKey() + "."), weight);
                }
            }
            if (flat != null) {
                optimizer.restoreState(FlatParameters.ID, flat.joining(state, "optimizer.", name), flat.weights());
            }
        } finally {
            EngineOps.setGradMode(previous);
        }
        toReplicas();
        updates = state.getLong("updates");
    }

    /**
     * Sets parameters in place from values already checked to fit (same names, shapes and data
     * types: {@code FinishedRun.parametersFor}); the optimizer's state and the update count stay
     * as they are, so the network trains on from these values as from an initialisation.
     *
     * @param values arrays by parameter name; a parameter not among them keeps its value
     */
    public void loadParameters(Map<String, NDArray> values) {
        boolean previous = EngineOps.setGradMode(false);
        try {
            for (Pair<String, Parameter> pair : block.getParameters()) {
                NDArray value = values.get(pair.getKey());
                if (value != null) {
                    pair.getValue().getArray().set(ALL, value);
                }
            }
        } finally {
            EngineOps.setGradMode(previous);
        }
        toReplicas();
    }

    /** Copies every parameter to the replicas, if any. */
    private void toReplicas() {
        if (replicas != null) {
            replicas.copyFrom(parameters);
        }
    }

    private List<Pair<NDArray, NDArray>> pairWith(Network source) {
        if (!(source instanceof DjlNetwork djl)) {
            throw new IllegalArgumentException(
                    "network '" + source.name() + "' was not made by this run's factory");
        }
        List<Parameter> theirs = djl.block().getParameters().values();
        if (theirs.size() != parameters.size()) {
            throw new IllegalArgumentException(
                    "network '" + source.name() + "' has " + theirs.size() + " parameters, '"
                            + name + "' has " + parameters.size());
        }
        List<Pair<NDArray, NDArray>> pairs = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            NDArray mine = parameters.get(i).getArray();
            NDArray other = theirs.get(i).getArray();
            if (!mine.getShape().equals(other.getShape())) {
                throw new IllegalArgumentException(
                        "parameter " + parameters.get(i).getName() + " of '" + name + "' has shape "
                                + mine.getShape() + ", '" + source.name() + "' has " + other.getShape());
            }
            pairs.add(new Pair<>(mine, other));
        }
        return pairs;
    }
}
