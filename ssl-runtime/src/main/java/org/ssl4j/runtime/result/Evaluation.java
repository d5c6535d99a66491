package org.ssl4j.runtime.result;

/**
 * One evaluation on the test split.
 *
 * @param phase the phase it followed
 * @param step the step within the phase after which it ran (1-based: steps done)
 * @param globalStep steps done in the run
 * @param network the evaluated network's name
 * @param accuracy the fraction of test examples classified right
 * @param examples the number of test examples
 */
public record Evaluation(
        String phase, long step, long globalStep, String network, double accuracy, long examples) {}
