package org.ssl4j.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.tracker.Tracker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ssl4j.api.model.ResumableOptimizer;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/**
 * Adam with the update of DJL's {@code Adam} (the engine's fused kernel, L2 weight decay added
 * to the gradient, epsilon on the bias-corrected denominator), whose moments and update counts
 * are checkpointed through {@link ResumableOptimizer}. At update {@code t} (1-based, the largest
 * count of any parameter so far) the rate is {@code learningRate(t - 1)} and the step size
 * {@code rate * sqrt(1 - beta2^t) / (1 - beta1^t)}.
 *
 * <p>Memory: the first and second moments of a parameter are created in the weight's manager on
 * its first update and live as long as it. {@code update} does not close {@code grad}.
 */
public final class AdamOptimizer extends ResumableOptimizer {

    private static final String COUNT = "count";
    private static final String MEAN = "mean";
    private static final String VARIANCE = "variance";

    private final Tracker learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private final Map<String, NDArray> means = new ConcurrentHashMap<>();
    private final Map<String, NDArray> variances = new ConcurrentHashMap<>();
    private final Map<String, Integer> updateCounts = new ConcurrentHashMap<>();
    private int latestUpdate;

    /**
     * @param learningRate the rate of each update, indexed from 0
     * @param beta1 decay of the first moment, in [0, 1)
     * @param beta2 decay of the second moment, in [0, 1)
     * @param epsilon added to the denominator, &gt; 0
     * @param weightDecay the L2 factor added to the gradient, at least 0
     */
    public AdamOptimizer(Tracker learningRate, float beta1, float beta2, float epsilon, float weightDecay) {
        super(new Settings());
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /**
     * Applies one update to {@code weight} in place, with gradient recording off.
     *
     * @param parameterId the parameter's id; keys its moments and update count
     * @param weight the parameter's value, updated in place
     * @param grad its gradient, same shape; read only
     * @throws IllegalArgumentException when the step size is not finite
     */
    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = nextUpdate(parameterId);
        double correction1 = 1.0 - Math.pow(beta1, t);
        double correction2 = 1.0 - Math.pow(beta2, t);
        float rate = learningRate.getNewValue(t - 1);
        float stepSize = (float) (rate * Math.sqrt(correction2) / correction1);
        if (!Float.isFinite(stepSize)) {
            throw new IllegalArgumentException("Adam's step size is " + stepSize + " at update " + t);
        }
        NDArray mean = means.computeIfAbsent(parameterId, k -> weight.zerosLike());
        NDArray variance = variances.computeIfAbsent(parameterId, k -> weight.zerosLike());
        weight.getNDArrayInternal()
                .adamUpdate(
                        new NDList(weight, grad, mean, variance),
                        new NDList(weight),
                        rate,
                        stepSize,
                        weightDecay,
                        rescaleGrad,
                        clipGrad,
                        beta1,
                        beta2,
                        epsilon,
                        true,
                        false);
    }

    /** Writes {@code count} and, once they exist, {@code mean} and {@code variance}. */
    @Override
    public void saveState(String parameterId, StateWriter state) {
        state.putLong(COUNT, updateCounts.getOrDefault(parameterId, 0));
        NDArray mean = means.get(parameterId);
        if (mean != null) {
            state.putArray(MEAN, mean);
            state.putArray(VARIANCE, variances.get(parameterId));
        }
    }

    /** Replaces the count and the moments (closing the old ones), in the weight's manager. */
    @Override
    public void restoreState(String parameterId, StateReader state, NDArray weight) {
        int count = Math.toIntExact(state.getLong(COUNT));
        if (count == 0) {
            updateCounts.remove(parameterId);
        } else {
            updateCounts.put(parameterId, count);
        }
        latestUpdate = updateCounts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        replace(means, parameterId, state, MEAN, weight);
        replace(variances, parameterId, state, VARIANCE, weight);
    }

    private static void replace(
            Map<String, NDArray> moments, String parameterId, StateReader state, String key, NDArray weight) {
        NDArray old =
                state.contains(key)
                        ? moments.put(parameterId, state.getArray(key, weight.getManager()))
                        : moments.remove(parameterId);
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

    /** The base class's settings, at DJL's defaults (no rescaling, no clipping). */
    private static final class Settings extends OptimizerBuilder<Settings> {

        @Override
        protected Settings self() {
            return this;
        }
    }
}
