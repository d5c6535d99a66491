package org.ssl4j.steps;

import org.ssl4j.api.model.Network;

/**
 * An exponential moving average of a trained network's weights (batch-norm statistics included),
 * kept in a frozen network. After the source's update number {@code t} (from 0) the average
 * moves with decay {@code min(decay, (t + 1) / (t + 10))} when it warms up (the official MPL
 * code's warm-up, so early averages follow closely), or {@code decay} otherwise.
 */
public final class MovingAverage {

    private final Network average;
    private final Network source;
    private final double decay;
    private final boolean warmUp;

    /**
     * Sets the average to the source now, unless the source has been updated already: then both
     * were restored from a checkpoint (networks made when a phase begins again in a resumed run,
     * such as Reduced MPL's student) and the restored average stays. Networks made with the
     * method are restored after this, as every network made through the method's context.
     *
     * @param average a frozen network of the source's architecture
     * @param source the network it follows
     * @param decay the weight of the average's current value, in [0, 1)
     * @param warmUp whether the decay warms up as above
     */
    public MovingAverage(Network average, Network source, double decay, boolean warmUp) {
        this.average = average;
        this.source = source;
        this.decay = decay;
        this.warmUp = warmUp;
        if (source.updates() == 0) {
            average.copyFrom(source);
        }
    }

    /** Moves the average towards the source; call after each update of the source. */
    public void update() {
        double weight = decay;
        if (warmUp) {
            long t = source.updates() - 1;
            weight = Math.min(decay, (t + 1.0) / (t + 10.0));
        }
        average.averageFrom(source, (float) weight);
    }

    /**
     * @return the averaged network
     */
    public Network network() {
        return average;
    }
}
