package org.ssl4j.mpl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.AuxiliaryInputs;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;
import org.ssl4j.steps.BatchedForward;
import org.ssl4j.steps.JointForward;

/**
 * Reduced MPL's large teacher: a network trained alone first (a {@code pretrain} phase),
 * whose log-probabilities on every labeled and unlabeled example are then stored, once, in
 * evaluation mode on the clean inputs, and the network freed ({@link #handOver}). The reduced
 * teacher's forward pass ({@link #forward}) reads them: for the step's examples (by their indices
 * in the splits) it returns {@code l + f(l)}, {@code f} the small trainable network, a residual
 * that starts near the large teacher and learns a correction of it. The unlabeled examples are
 * seen as the large teacher saw them, clean; their logits fill the strong-view slot (the one the
 * student's labels come from) and the weak slot stays empty.
 */
final class LargeTeacher {

    /** Examples per forward pass while storing the predictions. */
    private static final int BATCH = 256;

    private final MethodContext method;
    private final MetaTeacher trainer;
    private final long steps;
    private boolean live = true;
    private NDArray labeled;
    private NDArray unlabeled;
    private Restored restored;

    /** Predictions read from a checkpoint, kept on the heap until the phase that uses them begins. */
    private record Restored(float[] labeled, float[] unlabeled, int classes) {}

    /**
     * @param method the context that made the large network, which frees it
     * @param trainer the large network as a teacher that learns without feedback
     * @param steps how many steps it trains alone
     */
    LargeTeacher(MethodContext method, MetaTeacher trainer, long steps) {
        this.method = method;
        this.trainer = trainer;
        this.steps = steps;
    }

    /**
     * @param data the run's data
     * @return the reduced teacher's input: one {@code K}-vector of log-probabilities per example
     */
    static DataSpec inputsOf(DataSpec data) {
        return new DataSpec(
                new Shape(data.classes()), data.classes(), data.classNames(), "log-probabilities of the large teacher");
    }

    /**
     * @return the large network as a teacher without feedback, for its phase
     */
    MetaTeacher trainer() {
        return trainer;
    }

    /**
     * @return the steps it trains alone
     */
    long steps() {
        return steps;
    }

    /**
     * @return the large network until it is handed over, then null
     */
    Network network() {
        return live ? trainer.network() : null;
    }

    /**
     * Stores the large network's predictions and frees it; does nothing once it has. When the
     * phase resumes from a
     * checkpoint, the network was never restored (the checkpoint was written after it was freed)
     * and the predictions come from the checkpoint ({@link #restore}).
     *
     * @param context the phase, whose manager keeps the predictions
     */
    void handOver(PhaseContext context) {
        if (!live) {
            return;
        }
        NDManager manager = context.manager();
        if (context.resumed() && restored != null) {
            int classes = restored.classes();
            labeled = manager.create(restored.labeled(), new Shape(restored.labeled().length / classes, classes));
            unlabeled =
                    manager.create(restored.unlabeled(), new Shape(restored.unlabeled().length / classes, classes));
        } else {
            labeled = logProbabilities(context.labeledSet().inputs(), manager);
            unlabeled = logProbabilities(context.unlabeledSet(), manager);
            method.release(trainer.network());
        }
        live = false;
        restored = null;
    }

    private NDArray logProbabilities(NDArray examples, NDManager manager) {
        NDArray result = manager.zeros(new Shape(examples.getShape().get(0), method.data().classes()));
        BatchedForward.run(
                trainer.network(),
                examples,
                BATCH,
                manager,
                (from, to, logits) -> result.set(new NDIndex("{}:{}", from, to), logits.logSoftmax(1)));
        return result;
    }

    /**
     * The reduced teacher's forward pass over the stored predictions.
     *
     * @param reduced the small network over {@code K}-dim log-probabilities
     * @param context the step
     * @return labeled and strong-view logits recording gradients, in the step's manager
     */
    AuxiliaryInputs forward(Network reduced, StepContext context) {
        if (live) {
            throw new IllegalStateException("the reduced teacher labels before the large teacher handed over");
        }
        NDArray labeledRows = rows(labeled, context.labeled().indices(), context);
        NDArray unlabeledRows = rows(unlabeled, context.unlabeled().indices(), context);
        LabeledBatch batch = new LabeledBatch(labeledRows, context.labeled().labels(), context.labeled().indices());
        try (GradientCollector collector = context.newGradientCollector()) {
            AuxiliaryInputs correction = JointForward.run(reduced, batch, true, null, unlabeledRows);
            return new AuxiliaryInputs(
                    context.labeled(),
                    labeledRows.add(correction.labeledLogits()),
                    null,
                    unlabeledRows.add(correction.strongLogits()));
        }
    }

    private static NDArray rows(NDArray stored, long[] indices, StepContext context) {
        NDArray rows = stored.get(context.manager().create(indices));
        rows.attach(context.manager());
        return rows;
    }

    /**
     * Writes the stored predictions once they exist: the large network they came from is gone,
     * so a resumed run needs them from the checkpoint.
     *
     * @param state where to write
     */
    void save(StateWriter state) {
        if (labeled != null && !labeled.isReleased()) {
            state.putArray("predictions.labeled", labeled);
            state.putArray("predictions.unlabeled", unlabeled);
        }
    }

    /**
     * Keeps what {@link #save} wrote, as Java arrays, until the phase that uses it begins.
     *
     * @param state what {@link #save} wrote
     */
    void restore(StateReader state) {
        if (state.contains("predictions.labeled")) {
            try (NDManager scratch = NDManager.newBaseManager()) {
                NDArray labeledRows = state.getArray("predictions.labeled", scratch);
                NDArray unlabeledRows = state.getArray("predictions.unlabeled", scratch);
                restored =
                        new Restored(
                                labeledRows.toFloatArray(),
                                unlabeledRows.toFloatArray(),
                                (int) labeledRows.getShape().get(1));
            }
        }
    }
}
