package org.ssl4j.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.steps.TeacherPredictions;

/**
 * The {@code run} teacher with {@code labels}: a finished run's predictions read from a
 * pseudo-label file ({@link org.ssl4j.steps.PseudoLabelFile}) instead of its network labelling
 * in process. Each example of a step's unlabeled batch gets the file's row of its index in the
 * unlabeled split ({@link org.ssl4j.api.method.UnlabeledBatch#indices()}); the row's
 * probabilities go through the strategy as the logits {@code log p}, so that it labels as it
 * would the network's logits: {@code hard} keeps their argmax and masks by {@code max p}, {@code
 * soft} sharpens to {@code p^(1/T)} normalised (the row itself at temperature 1). The file's
 * {@code label} and {@code copies} columns are not used: the strategy's threshold masks.
 */
final class RunLabelsTeacher implements Teacher {

    /** The probability a zero in the file is read as, so that its log is finite. */
    private static final float FLOOR = 1e-30f;

    private final Path file;
    private final TeacherPredictions predictions;
    private final PseudoLabelStrategy strategy;

    /**
     * @param file where the predictions were read from, for messages
     * @param predictions one row per example of the unlabeled split, in index order (the config
     *     checked the count against the split where the context knew its size)
     * @param strategy the rule that turns the rows into pseudo labels
     */
    RunLabelsTeacher(Path file, TeacherPredictions predictions, PseudoLabelStrategy strategy) {
        this.file = file;
        this.predictions = predictions;
        this.strategy = strategy;
    }

    /**
     * @param context the step; its unlabeled batch's indices pick the file's rows
     * @return the strategy's labels of those rows, in the step's manager
     */
    @Override
    public PseudoLabels teach(StepContext context) {
        long[] indices = context.unlabeled().indices();
        int classes = predictions.classes();
        float[] logits = new float[indices.length * classes];
        for (int i = 0; i < indices.length; i++) {
            long index = indices[i];
            if (index < 0 || index >= predictions.size()) {
                throw new IllegalStateException(
                        "teacher labels " + file + " has no row for unlabeled example " + index + " (" + predictions.size()
                                + " rows)");
            }
            for (int k = 0; k < classes; k++) {
                float p = predictions.distributions()[(int) index * classes + k];
                logits[i * classes + k] = (float) Math.log(Math.max(p, FLOOR));
            }
        }
        NDArray rows = context.manager().create(logits, new Shape(indices.length, classes));
        return strategy.label(rows);
    }
}
