package org.ssl4j.runtime.result;

import java.util.Map;

/**
 * What a run with {@code train.diagnostics} reports at each evaluation, beside the evaluated
 * network's {@link Evaluation}: how each of the method's networks does and what happened in the
 * steps since the previous evaluation (since the run's start, or its resume, for the first).
 *
 * @param phase the phase's name
 * @param step steps done in the phase
 * @param globalStep steps done in the run
 * @param accuracy test accuracy of every live network of the method that classifies the data's
 *     examples, by network name (e.g. {@code teacher}, {@code student}, {@code student-ema})
 * @param pseudoLabels how many pseudo labels the method reported in those steps (0 when it
 *     reported none)
 * @param pseudoLabelAccuracy the fraction of them that names the example's true class (soft
 *     labels by their argmax), or null when there were none
 * @param keptPseudoLabelAccuracy the same over the labels the method's mask kept, or null when
 *     it kept none
 * @param keptPseudoLabels how many of them the mask kept
 * @param steps how many steps the terms summarise
 * @param terms the mean and spread of every term the steps reported (losses, {@code feedback},
 *     mask rates, gradient norms), by name; a term reported in only some steps is summarised over
 *     those
 */
public record Diagnostics(
        String phase,
        long step,
        long globalStep,
        Map<String, Double> accuracy,
        long pseudoLabels,
        Double pseudoLabelAccuracy,
        Double keptPseudoLabelAccuracy,
        long keptPseudoLabels,
        long steps,
        Map<String, Term> terms) {

    /** Copies the maps. */
    public Diagnostics {
        accuracy = Map.copyOf(accuracy);
        terms = Map.copyOf(terms);
    }

    /**
     * A term's summary over steps.
     *
     * @param mean its mean
     * @param std its population standard deviation
     * @param steps how many steps reported it
     */
    public record Term(double mean, double std, long steps) {}
}
