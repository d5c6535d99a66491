package org.ssl4j.runtime.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.knowm.xchart.XYChart;

/**
 * The report's plots of runs with {@code train.diagnostics} ({@link RunRecord#diagnostics()}):
 * every network's accuracy beside the pseudo labels' accuracy, the feedback {@code h} with its
 * spread, the size of each term's gradient, and the mask rates. Each line is a method's mean over
 * its seeds; the names carry the method only when the report has several.
 */
final class DiagnosticFigures {

    private DiagnosticFigures() {}

    /**
     * @param byMethod the runs, by method
     * @return the figures, none when no run recorded diagnostics
     */
    static List<Figure> of(Map<String, List<RunRecord>> byMethod) {
        List<Figure> figures = new ArrayList<>();
        Map<String, List<RunRecord>> diagnosed = new LinkedHashMap<>();
        byMethod.forEach((method, runs) -> {
            List<RunRecord> with = runs.stream().filter(r -> !r.diagnostics().isEmpty()).toList();
            if (!with.isEmpty()) {
                diagnosed.put(method, with);
            }
        });
        if (diagnosed.isEmpty()) {
            return figures;
        }
        boolean several = diagnosed.size() > 1;

        Map<String, Charts.Curve> accuracy = new LinkedHashMap<>();
        diagnosed.forEach((method, runs) -> {
            for (String series : names(runs, s -> s.startsWith("accuracy/"))) {
                accuracy.put(label(several, method, series.substring("accuracy/".length())), curve(runs, series, 100));
            }
            accuracy.put(label(several, method, "pseudo labels"), curve(runs, "pseudoLabelAccuracy", 100));
            if (!names(runs, "keptPseudoLabelAccuracy"::equals).isEmpty()
                    && !same(runs, "pseudoLabelAccuracy", "keptPseudoLabelAccuracy")) {
                accuracy.put(label(several, method, "kept pseudo labels"), curve(runs, "keptPseudoLabelAccuracy", 100));
            }
        });
        accuracy.values().removeIf(c -> c.x().length == 0);
        figures.add(figure(
                "diagnostics-accuracy.png",
                "Diagnostics: each network's test accuracy, and the pseudo labels' accuracy",
                "Test accuracy of every network of the method at each evaluation, and the accuracy of the pseudo"
                        + " labels the method gave its unlabeled examples in the steps since the previous evaluation"
                        + " (scored by the runtime with the pool's labels; soft labels by their argmax).",
                Charts.curves("accuracy", "step", "accuracy (%)", accuracy, colours(accuracy), false)));

        Map<String, Charts.Curve> feedback = new LinkedHashMap<>();
        diagnosed.forEach((method, runs) -> {
            if (!names(runs, "feedback/mean"::equals).isEmpty()) {
                Charts.Curve mean = curve(runs, "feedback/mean", 1);
                Charts.Curve std = curve(runs, "feedback/std", 1);
                double[] low = new double[mean.x().length];
                double[] high = new double[low.length];
                for (int i = 0; i < low.length; i++) {
                    double spread = i < std.mean().length ? std.mean()[i] : 0;
                    low[i] = mean.mean()[i] - spread;
                    high[i] = mean.mean()[i] + spread;
                }
                feedback.put(label(several, method, "h"), new Charts.Curve(mean.x(), mean.mean(), low, high));
            }
        });
        if (!feedback.isEmpty()) {
            figures.add(figure(
                    "diagnostics-feedback.png",
                    "Diagnostics: the student's feedback h",
                    "h = the student's labeled loss before its step minus after it, mean over the steps since the"
                            + " previous evaluation; band: plus and minus its standard deviation over those steps.",
                    Charts.curves("feedback h", "step", "h", feedback, colours(feedback), true)));
        }

        Map<String, Charts.Curve> gradients = means(diagnosed, several, n -> n.endsWith("GradientNorm/mean"), 1);
        gradients.values().removeIf(c -> c.x().length == 0);
        if (!gradients.isEmpty()) {
            XYChart chart = Charts.curves(
                    "gradient at the teacher's logits", "step", "norm (log scale)", gradients, colours(gradients), false);
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisDecimalPattern("0.#E0");
            figures.add(figure(
                    "diagnostics-gradients.png",
                    "Diagnostics: how hard each term pushes the teacher",
                    "Norm of each term's gradient at the teacher's strong-view logits (where the feedback and the"
                            + " auxiliary terms enter it), mean over the steps since the previous evaluation; steps"
                            + " where it was 0 are left out of the log scale.",
                    chart));
        }

        Map<String, Charts.Curve> masks = means(diagnosed, several, n -> n.endsWith("askRate/mean"), 100);
        if (!masks.isEmpty()) {
            figures.add(figure(
                    "diagnostics-mask-rates.png",
                    "Diagnostics: mask rates",
                    "Fraction of the unlabeled examples each mask keeps (maskRate: the pseudo labels'; udaMaskRate: the"
                            + " UDA term's confidence mask), mean over the steps since the previous evaluation.",
                    Charts.curves("mask rates", "step", "kept (%)", masks, colours(masks), false)));
        }
        return figures;
    }

    private static Figure figure(String file, String title, String caption, XYChart chart) {
        return new Figure(file, title, caption, Charts.png(chart));
    }

    private static String label(boolean several, String method, String line) {
        return several ? method + ": " + line : line;
    }

    private static Set<String> names(List<RunRecord> runs, Predicate<String> wanted) {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> r.diagnostics().keySet().stream().filter(wanted).forEach(names::add));
        return names;
    }

    /** A series over the seeds that have it, times {@code scale}. */
    private static Charts.Curve curve(List<RunRecord> runs, String series, double scale) {
        List<Map<Long, Double>> seeds = new ArrayList<>();
        for (RunRecord run : runs) {
            TreeMap<Long, Double> values = run.diagnostics().get(series);
            if (values != null) {
                Map<Long, Double> scaled = new TreeMap<>();
                values.forEach((step, v) -> scaled.put(step, v * scale));
                seeds.add(scaled);
            }
        }
        return Charts.Curve.of(seeds, 1);
    }

    private static Map<String, Charts.Curve> means(
            Map<String, List<RunRecord>> diagnosed, boolean several, Predicate<String> wanted, double scale) {
        Map<String, Charts.Curve> lines = new LinkedHashMap<>();
        diagnosed.forEach((method, runs) -> {
            for (String series : names(runs, wanted)) {
                Charts.Curve curve = curve(runs, series, scale);
                if (scale == 1) {
                    curve = positive(curve);
                }
                lines.put(label(several, method, series.substring(0, series.length() - "/mean".length())), curve);
            }
        });
        return lines;
    }

    /** The points whose mean is above 0 (a log axis cannot show the others). */
    private static Charts.Curve positive(Charts.Curve curve) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < curve.x().length; i++) {
            if (curve.mean()[i] > 0) {
                kept.add(i);
            }
        }
        double[] x = new double[kept.size()];
        double[] mean = new double[kept.size()];
        double[] low = new double[kept.size()];
        double[] high = new double[kept.size()];
        for (int k = 0; k < kept.size(); k++) {
            int i = kept.get(k);
            x[k] = curve.x()[i];
            mean[k] = curve.mean()[i];
            low[k] = curve.low()[i];
            high[k] = curve.high()[i];
        }
        return new Charts.Curve(x, mean, low, high);
    }

    private static boolean same(List<RunRecord> runs, String a, String b) {
        return runs.stream().allMatch(r -> Objects.equals(r.diagnostics().get(a), r.diagnostics().get(b)));
    }

    private static Map<String, Integer> colours(Map<String, Charts.Curve> lines) {
        Map<String, Integer> colours = new LinkedHashMap<>();
        lines.keySet().forEach(name -> colours.put(name, colours.size()));
        return colours;
    }
}
