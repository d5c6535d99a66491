package org.ssl4j.steps;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.OptionalLong;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;

/**
 * A teacher that can learn without a student, from labeled data and its own auxiliary losses:
 * what a {@code pretrain} phase runs ({@link PretrainConfig}). The {@code meta} teacher is one:
 * it pretrains its own network, or Reduced MPL's large network, whose predictions it stores and
 * which it frees when the first {@code teach-and-learn} phase begins ({@link #endPretraining}).
 */
public interface Pretrainable {

    /**
     * @return the network it trains alone, which the method evaluates while the phase runs;
     *     null once it is gone (freed after {@link #endPretraining})
     */
    Network pretrained();

    /**
     * @return the steps its optimizer's schedule planned for learning alone, the {@code pretrain}
     *     phase's default length; empty for {@code train.steps}
     */
    OptionalLong pretrainSteps();

    /**
     * @return whether its steps alone use the unlabeled batch (auxiliary losses); the phase then
     *     draws it with both views
     */
    boolean pretrainsOnUnlabeled();

    /**
     * One step alone: forward, labeled cross-entropy and auxiliary terms, backward, update.
     *
     * @param context the step; no gradient collector may be open
     * @return its loss terms, by name
     */
    Map<String, NDArray> pretrain(StepContext context);

    /**
     * Called when a {@code teach-and-learn} phase begins, before the student is created (and
     * again when a run resumes inside such a phase): a teacher that pretrained through another
     * network hands over to the network it teaches with. Must be safe to call more than once.
     *
     * @param context the phase
     */
    default void endPretraining(PhaseContext context) {}
}
