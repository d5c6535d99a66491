package org.ssl4j.runtime.result;

/**
 * One evaluation on the test split. The full metrics of the last evaluation (per class, the
 * confusion matrix) are in {@link TrainResult#metrics()}.
 *
 * @param phase the phase it followed
 * @param step the step within the phase after which it ran (1-based: steps done)
 * @param globalStep steps done in the run
 * @param network the evaluated network's name
 * @param accuracy the fraction of test examples classified right
 * @param examples the number of test examples
 * @param top5Accuracy see {@link Metrics#top5Accuracy()}; {@code null} with 5 classes or fewer
 * @param balancedAccuracy see {@link Metrics#balancedAccuracy()}
 * @param macroF1 see {@link Metrics#macroF1()}
 * @param calibrationError see {@link Metrics#calibrationError()}
 * @param validationAccuracy the fraction of the validation split classified right, when the data
 *     has one (image sources' {@code validationPerClass}), else {@code null}
 */
public record Evaluation(
        String phase,
        long step,
        long globalStep,
        String network,
        double accuracy,
        long examples,
        Double top5Accuracy,
        double balancedAccuracy,
        double macroF1,
        double calibrationError,
        Double validationAccuracy) {

    /**
     * @param phase the phase it followed
     * @param step steps done in the phase
     * @param globalStep steps done in the run
     * @param network the evaluated network's name
     * @param metrics what was measured
     * @param validationAccuracy the accuracy on the validation split, or null without one
     * @return the evaluation
     */
    public static Evaluation of(
            String phase, long step, long globalStep, String network, Metrics metrics, Double validationAccuracy) {
        return new Evaluation(
                phase,
                step,
                globalStep,
                network,
                metrics.accuracy(),
                metrics.examples(),
                metrics.top5Accuracy(),
                metrics.balancedAccuracy(),
                metrics.macroF1(),
                metrics.calibrationError(),
                validationAccuracy);
    }
}
