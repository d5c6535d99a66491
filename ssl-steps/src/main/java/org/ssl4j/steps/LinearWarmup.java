package org.ssl4j.steps;

import java.util.function.LongToDoubleFunction;

/**
 * A weight that ramps linearly from 0 at step 0 to {@code target} at step {@code steps} and
 * stays there: {@code target * min(1, step / steps)}. With {@code steps == 0} it is {@code
 * target} from the start.
 *
 * @param target the weight after the warm-up, {@code >= 0}
 * @param steps the length of the warm-up in steps, {@code >= 0}
 */
public record LinearWarmup(double target, long steps) implements LongToDoubleFunction {

    /**
     * @param step the step's index within its phase, from 0
     * @return the weight at that step
     */
    @Override
    public double applyAsDouble(long step) {
        return steps == 0 ? target : target * Math.min(1.0, (double) step / steps);
    }
}
