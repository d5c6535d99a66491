package org.ssl4j.mpl;

import org.ssl4j.api.model.Network;

/**
 * An exponential moving average of the student's weights: after the student's update number
 * {@code t} (from 0) the average moves with decay {@code min(decay, (t + 1) / (t + 10))}, the
 * official code's warm-up, so early averages follow the student closely.
 */
final class StudentEma {

    private final Network average;
    private final Network student;
    private final double decay;

    /**
     * @param average a frozen network of the student's architecture
     * @param student the student
     * @param decay the largest decay, in (0, 1)
     * @param startFromStudent whether to set the average to the student now (false when a resumed
     *     run has restored it)
     */
    StudentEma(Network average, Network student, double decay, boolean startFromStudent) {
        this.average = average;
        this.student = student;
        this.decay = decay;
        if (startFromStudent) {
            average.copyFrom(student);
        }
    }

    /** Moves the average towards the student; call after each student update. */
    void update() {
        long t = student.updates() - 1;
        double warm = (t + 1.0) / (t + 10.0);
        average.averageFrom(student, (float) Math.min(decay, warm));
    }

    /**
     * @return the averaged network
     */
    Network network() {
        return average;
    }
}
