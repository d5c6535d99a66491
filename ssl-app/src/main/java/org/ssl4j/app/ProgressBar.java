package org.ssl4j.app;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.ssl4j.runtime.result.Evaluation;
import org.ssl4j.runtime.result.RunListener;
import org.ssl4j.runtime.result.RunStart;
import org.ssl4j.runtime.result.StepEvent;
import org.ssl4j.runtime.result.TrainResult;

/**
 * A one-line progress display on a terminal: run, phase, step, losses, last test accuracy (and
 * last validation accuracy, when the data has a validation split), examples per second and time
 * left. Redraws at most ten times a second; prints a final line per run.
 */
final class ProgressBar implements RunListener {

    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private String run = "";
    private Map<String, Double> losses = Map.of();
    private double accuracy = Double.NaN;
    private Double validation;
    private long lastDraw;

    /**
     * @param out where to draw (standard error, so standard output stays for results)
     * @param interactive true on a terminal (redraw in place), false in logs (a line per
     *     evaluation only)
     */
    ProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void runStarted(RunStart start) {
        run = start.method() + " seed " + start.seed();
        losses = Map.of();
        accuracy = Double.NaN;
        validation = null;
        out.printf(Locale.ROOT, "%s: %s, %d steps -> %s%n", run, start.data(), start.totalSteps(), start.runDir());
    }

    @Override
    public void stepFinished(StepEvent step) {
        if (step.logged()) {
            losses = step.losses();
        }
        long now = System.nanoTime();
        boolean last = step.globalStep() + 1 == step.totalSteps();
        if (!interactive || (now - lastDraw < REDRAW_NANOS && !last)) {
            return;
        }
        lastDraw = now;
        int width = 20;
        int filled = (int) (width * (step.globalStep() + 1) / Math.max(1, step.totalSteps()));
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        out.printf(
                Locale.ROOT,
                "\r%s [%s] %s %d/%d %s acc %s%s %.0f ex/s ETA %s   ",
                run,
                bar,
                step.phase(),
                step.globalStep() + 1,
                step.totalSteps(),
                losses.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(" ")),
                Double.isNaN(accuracy) ? "-" : String.format(Locale.ROOT, "%.4f", accuracy),
                validation == null ? "" : String.format(Locale.ROOT, " val %.4f", validation),
                step.examplesPerSecond(),
                duration(step.etaSeconds()));
        out.flush();
    }

    @Override
    public void evaluated(Evaluation evaluation) {
        accuracy = evaluation.accuracy();
        validation = evaluation.validationAccuracy();
        if (!interactive) {
            out.printf(
                    Locale.ROOT,
                    "%s %s step %d: test accuracy %.4f%s%n",
                    run,
                    evaluation.phase(),
                    evaluation.step(),
                    evaluation.accuracy(),
                    validationText(validation));
        }
    }

    /** Prints the notice on its own line (after the bar, on a terminal). */
    @Override
    public void notice(String message) {
        out.printf(Locale.ROOT, "%s%s: %s%n", interactive ? "\n" : "", run, message);
    }

    @Override
    public void runFinished(TrainResult result) {
        if (interactive) {
            out.println();
        }
        out.printf(
                Locale.ROOT,
                "%s: test accuracy %.4f%s after %d steps in %.1f s%n",
                run,
                result.accuracy(),
                validationText(result.evaluations().isEmpty()
                        ? null
                        : result.evaluations().get(result.evaluations().size() - 1).validationAccuracy()),
                result.steps(),
                result.wallSeconds());
    }

    /** {@code ", validation accuracy V"}, or nothing for a run without a validation split. */
    private static String validationText(Double validation) {
        return validation == null ? "" : String.format(Locale.ROOT, ", validation accuracy %.4f", validation);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
