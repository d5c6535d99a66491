package org.ssl4j.mpl;

/**
 * A moving-average baseline of the feedback {@code h}, for variance reduction of the hard rule:
 * {@link #centre} returns {@code h - b} with the baseline {@code b} of the earlier steps, then
 * moves {@code b <- b + rate (h - b)}. With rate 0 it returns {@code h} unchanged.
 */
final class FeedbackBaseline {

    private final double rate;
    private double baseline;

    /**
     * @param rate in [0, 1]; 0 disables the baseline
     */
    FeedbackBaseline(double rate) {
        this.rate = rate;
    }

    /**
     * @param feedback this step's {@code h}
     * @return {@code h} minus the baseline before this step
     */
    double centre(double feedback) {
        double centred = feedback - baseline;
        baseline += rate * (feedback - baseline);
        return centred;
    }

    /**
     * @return the current baseline value
     */
    double value() {
        return baseline;
    }

    /**
     * @param value a baseline value saved earlier with {@link #value}, for a resumed run
     */
    void restore(double value) {
        baseline = value;
    }
}
