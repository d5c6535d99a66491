package org.ssl4j.noisystudent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import org.ssl4j.api.model.Network;
import org.ssl4j.steps.BatchedForward;
import org.ssl4j.steps.TeacherPredictions;

/**
 * Labels a whole split with a teacher: the examples as stored (un-augmented), in batches, in
 * evaluation mode ({@code training = false}: dropout off, batch norm on its running statistics),
 * outside any gradient collector. Progress (examples done, images/s) goes to the platform logger
 * {@code org.ssl4j.noisystudent} at INFO, about every tenth of the split.
 */
final class PseudoLabeler {

    private static final Logger LOG = System.getLogger("org.ssl4j.noisystudent");
    private static final int REPORTS = 10;

    private final int batchSize;
    private final float temperature;

    /**
     * @param batchSize examples per forward pass, at least 1
     * @param temperature T of the soft targets {@code softmax(z / T)}, positive
     */
    PseudoLabeler(int batchSize, double temperature) {
        if (batchSize < 1 || !(temperature > 0)) {
            throw new IllegalArgumentException(
                    "batch size must be at least 1 and temperature positive, got " + batchSize
                            + " and " + temperature);
        }
        this.batchSize = batchSize;
        this.temperature = (float) temperature;
    }

    /**
     * Labels every example of {@code split}, in order.
     *
     * @param teacher the network that labels, run with {@code training = false}
     * @param split the examples {@code (N, ...exampleShape)}; each batch's slice is freed with
     *     the batch
     * @param classes the number of classes K the teacher predicts
     * @param parent the manager under which each batch's scratch manager opens (and closes)
     * @param task a name for the progress lines ({@code round-1})
     * @return the predictions, in Java arrays
     */
    TeacherPredictions label(
            Network teacher, NDArray split, int classes, NDManager parent, String task) {
        int size = Math.toIntExact(split.getShape().get(0));
        int[] labels = new int[size];
        float[] confidences = new float[size];
        float[] distributions = new float[size * classes];
        long started = System.nanoTime();
        int reportEvery = Math.max(1, size / REPORTS);
        int[] nextReport = {reportEvery};
        BatchedForward.run(teacher, split, batchSize, parent, (from, to, logits) -> {
            int first = Math.toIntExact(from);
            int count = Math.toIntExact(to - from);
            NDArray probabilities = logits.softmax(1);
            int[] predicted = probabilities.argMax(1).toType(DataType.INT32, false).toIntArray();
            System.arraycopy(predicted, 0, labels, first, count);
            float[] best = probabilities.max(new int[] {1}).toFloatArray();
            System.arraycopy(best, 0, confidences, first, count);
            NDArray targets = temperature == 1f ? probabilities : logits.div(temperature).softmax(1);
            float[] rows = targets.toFloatArray();
            System.arraycopy(rows, 0, distributions, first * classes, rows.length);
            if (to >= nextReport[0] || to == size) {
                double seconds = (System.nanoTime() - started) / 1e9;
                LOG.log(
                        Level.INFO,
                        String.format(
                                "%s: pseudo-labelled %d/%d unlabeled examples (%.0f%%), %.0f images/s",
                                task, to, size, 100.0 * to / size, to / Math.max(seconds, 1e-9)));
                nextReport[0] = (int) (to / reportEvery + 1) * reportEvery;
            }
        });
        return new TeacherPredictions(classes, labels, confidences, distributions);
    }
}
