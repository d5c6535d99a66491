package org.ssl4j.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.tracker.Tracker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ssl4j.api.model.ResumableOptimizer;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/**
 * Stochastic gradient descent with exactly the semantics of PyTorch's {@code torch.optim.SGD}
 * (no dampening), which DJL's own {@code Sgd} lacks (it has MXNet-style momentum and no
 * Nesterov). For each parameter, at its {@code t}-th update (0-based):
 *
 * <pre>
 *   g   = grad + weightDecay * w
 *   buf = g                      on the first update (when momentum &gt; 0)
 *   buf = momentum * buf + g     afterwards
 *   g   = nesterov ? g + momentum * buf : buf     (when momentum &gt; 0)
 *   w  -= lr(t) * g
 * </pre>
 *
 * <p>Memory: the momentum buffer of a parameter is created in the weight's manager on its first
 * update and lives as long as that manager; every other intermediate is created in a sub-manager
 * that is closed before {@link #update} returns. {@code update} neither modifies nor closes
 * {@code grad}, and does not clear the parameter's gradient: the caller owns both.
 *
 * <p>Update counts: like DJL's optimizers, the schedule is indexed by the largest update count
 * of any parameter so far (one network's parameters all advance together). Counts and momentum
 * buffers are checkpointed through {@link ResumableOptimizer}, so a resumed run continues bit for
 * bit.
 */
public final class SgdOptimizer extends ResumableOptimizer {

    private static final String COUNT = "count";
    private static final String MOMENTUM = "momentum";

    private final Tracker learningRate;
    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;
    private final Map<String, NDArray> momentumBuffers = new ConcurrentHashMap<>();
    private final Map<String, Integer> updateCounts = new ConcurrentHashMap<>();
    private int latestUpdate;

    /**
     * @param learningRate the learning rate of each update, indexed from 0
     * @param momentum the momentum factor in [0, 1); 0 keeps no buffer
     * @param nesterov true for Nesterov momentum; needs {@code momentum > 0}
     * @param weightDecay the L2 factor added to the gradient, at least 0
     * @throws IllegalArgumentException when {@code nesterov} is set without momentum
     */
    public SgdOptimizer(Tracker learningRate, float momentum, boolean nesterov, float weightDecay) {
        super(new Settings());
        if (nesterov && momentum <= 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    /**
     * Applies one update to {@code weight} in place. Called once per parameter per step, with
     * gradient recording off.
     *
     * @param parameterId the parameter's id; keys its momentum buffer and its update count
     * @param weight the parameter's value, updated in place
     * @param grad the gradient of the loss with respect to {@code weight}, same shape; read only
     */
    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        float lr = learningRate.getNewValue(nextUpdate(parameterId) - 1);
        NDManager weightManager = weight.getManager();
        try (NDManager scratch = weightManager.newSubManager()) {
            // float addition and multiplication commute exactly, so each form below gives the
            // bits of the formula in the class comment with as few passes over memory as DJL allows
            NDArray step = inScratch(scratch, weightDecay != 0 ? weight.mul(weightDecay).addi(grad) : grad.duplicate());
            if (momentum != 0) {
                NDArray buffer = momentumBuffers.get(parameterId);
                if (buffer == null) {
                    buffer = step.duplicate();
                    buffer.attach(weightManager);
                    momentumBuffers.put(parameterId, buffer);
                } else {
                    buffer.muli(momentum).addi(step);
                }
                if (nesterov) {
                    try (NDArray pull = buffer.mul(momentum)) { // freed at once: a whole network's size when fused
                        step.addi(pull).muli(lr);
                    }
                } else {
                    step = inScratch(scratch, buffer.mul(lr));
                }
            } else {
                step.muli(lr);
            }
            weight.subi(step);
        }
    }

    /**
     * Writes the parameter's update count ({@code count}) and, once it exists, its momentum
     * buffer ({@code momentum}).
     */
    @Override
    public void saveState(String parameterId, StateWriter state) {
        state.putLong(COUNT, updateCounts.getOrDefault(parameterId, 0));
        NDArray buffer = momentumBuffers.get(parameterId);
        if (buffer != null) {
            state.putArray(MOMENTUM, buffer);
        }
    }

    /**
     * Replaces the parameter's update count and momentum buffer (closing the old buffer); the
     * restored buffer lives in the weight's manager, like one made by {@link #update}.
     */
    @Override
    public void restoreState(String parameterId, StateReader state, NDArray weight) {
        int count = Math.toIntExact(state.getLong(COUNT));
        if (count == 0) {
            updateCounts.remove(parameterId);
        } else {
            updateCounts.put(parameterId, count);
        }
        latestUpdate = updateCounts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        NDArray old =
                state.contains(MOMENTUM)
                        ? momentumBuffers.put(parameterId, state.getArray(MOMENTUM, weight.getManager()))
                        : momentumBuffers.remove(parameterId);
        if (old != null) {
            old.close();
        }
    }

    /** True: each element is updated from its own weight, gradient and state alone. */
    @Override
    public boolean isElementwise() {
        return true;
    }

    /** Counts one more update of a parameter; returns the largest count of any parameter. */
    private int nextUpdate(String parameterId) {
        int count = updateCounts.merge(parameterId, 1, Integer::sum);
        latestUpdate = Math.max(latestUpdate, count);
        return latestUpdate;
    }

    private static NDArray inScratch(NDManager scratch, NDArray temporary) {
        temporary.attach(scratch);
        return temporary;
    }

    /** The base class's settings, all left at DJL's defaults (no rescaling, no clipping). */
    private static final class Settings extends OptimizerBuilder<Settings> {

        @Override
        protected Settings self() {
            return this;
        }
    }
}
