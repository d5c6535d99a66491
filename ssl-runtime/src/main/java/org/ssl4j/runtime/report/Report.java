package org.ssl4j.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ssl4j.runtime.result.Evaluation;
import org.ssl4j.runtime.result.Metric;
import org.ssl4j.runtime.result.Metrics;
import org.ssl4j.runtime.result.PairedDifference;
import org.ssl4j.runtime.result.ResultTable;
import org.ssl4j.runtime.run.RunFolder;
import org.ssl4j.runtime.training.RunSummary;

/**
 * Writes {@code report.html}, a self-contained page (no network; plots embedded as PNG data), and
 * the same plots as PNG files under {@code plots/}, for a comparison folder or a single run folder.
 * Everything comes from the run folders' files ({@code summary.json}, {@code metrics.jsonl}), so
 * a report can be written again, or for a comparison that stopped part way ({@code ssl4j report
 * DIR}): runs without a summary are listed as not finished.
 *
 * <p>Contents: the results table of one metric with the paired difference to a baseline (95%
 * interval, p-value; {@link PairedDifference}), every metric's mean ± std and difference, the
 * test metric against the step per method (mean over seeds, min-max band), one plot per training
 * loss term that {@code metrics.jsonl} holds (whatever a method calls it), per-class accuracy,
 * a confusion matrix per method, every run's wall time, the resolved config and provenance.
 */
public final class Report {

    /** The page's file name. */
    public static final String HTML = "report.html";
    /** The folder of the PNG plots. */
    public static final String PLOTS = "plots";

    private static final YAMLMapper YAML = new YAMLMapper();
    /** Moving-average window (in logged steps) of the loss plots. */
    private static final int LOSS_WINDOW = 5;

    private final String title;
    private final Path dir;
    private final List<RunRecord> runs;
    private final List<String> unfinished;
    private final List<String> methods;
    private final String configYaml;
    private final boolean comparison;
    private final List<String> notes = new ArrayList<>();
    private Metric metric;
    private String baseline;

    private Report(
            String title, Path dir, List<RunRecord> runs, List<String> unfinished, List<String> methods,
            String configYaml, Metric metric, String baseline, boolean comparison) {
        this.title = title;
        this.dir = dir;
        this.runs = runs;
        this.unfinished = unfinished;
        this.methods = methods;
        this.configYaml = configYaml;
        this.metric = metric;
        this.baseline = baseline;
        this.comparison = comparison;
    }

    /**
     * Writes the report of a comparison folder ({@code config.yaml} on top, a run folder {@code
     * METHOD/seed-N} per method and seed), counting as finished the runs with a {@code
     * summary.json}.
     *
     * @param dir the comparison folder
     * @param metric the metric of the results table and the curves
     * @param baseline the method the differences are against; {@code null}: {@code supervised} if
     *     present, else the first method
     * @return the page's path
     * @throws UncheckedIOException when a file cannot be read or written
     */
    public static Path writeComparison(Path dir, Metric metric, String baseline) {
        return writeComparison(dir, metric, baseline, null);
    }

    /**
     * As {@link #writeComparison(Path, Metric, String)}, with the finished runs given.
     *
     * @param dir the comparison folder
     * @param metric the metric of the results table and the curves
     * @param baseline the baseline method, or {@code null} for the default
     * @param finished the run folders that finished in this session; {@code null}: those with a
     *     summary
     * @return the page's path
     */
    public static Path writeComparison(Path dir, Metric metric, String baseline, Collection<Path> finished) {
        JsonNode config = readYaml(dir.resolve(RunFolder.CONFIG));
        List<String> methods = new ArrayList<>();
        config.path("methods").fieldNames().forEachRemaining(methods::add);
        if (methods.isEmpty() && config.has("method")) {
            methods.add(config.path("method").path("type").asText("method"));
        }
        List<Long> seeds = new ArrayList<>();
        config.path("seeds").forEach(s -> seeds.add(s.asLong()));
        if (seeds.isEmpty() && config.has("seed")) {
            seeds.add(config.path("seed").asLong());
        }
        Set<Path> done = finished == null ? null : finished.stream().map(Path::normalize).collect(Collectors.toSet());
        List<RunRecord> records = new ArrayList<>();
        List<String> unfinished = new ArrayList<>();
        for (String method : methods) {
            for (long seed : seeds) {
                Path runDir = dir.resolve(method).resolve("seed-" + seed);
                boolean ok = done == null ? RunRecord.finished(runDir) : done.contains(runDir.normalize());
                if (ok) {
                    records.add(RunRecord.read(runDir));
                } else {
                    unfinished.add(method + " seed " + seed);
                }
            }
        }
        String name = config.path("name").asText(dir.getFileName().toString());
        return new Report(name, dir, records, unfinished, methods, readText(dir.resolve(RunFolder.CONFIG)), metric, baseline, true)
                .write();
    }

    /**
     * Writes the page of one finished run into its folder.
     *
     * @param runDir the run folder
     * @return the page's path
     * @throws UncheckedIOException when a file cannot be read or written
     */
    public static Path writeRun(Path runDir) {
        RunRecord run = RunRecord.read(runDir);
        String name = run.method() + ", seed " + run.seed();
        return new Report(
                        name, runDir, List.of(run), List.of(), List.of(run.method()),
                        readText(runDir.resolve(RunFolder.CONFIG)), Metric.ACCURACY, run.method(), false)
                .write();
    }

    private Path write() {
        ResultTable table = table();
        if (runs.stream().anyMatch(r -> metric.of(r.summary().metrics()) == null)) {
            notes.add(metric.configName() + " is not defined for these runs (top-5 needs more than " + Metrics.TOP_K
                    + " classes): the page shows accuracy");
            metric = Metric.ACCURACY;
        }
        List<String> finishedMethods = table.methods();
        if (baseline == null || (!finishedMethods.contains(baseline) && !finishedMethods.isEmpty())) {
            if (baseline != null) {
                notes.add("baseline '" + baseline + "' has no finished run: differences are against "
                        + table.defaultBaseline());
            }
            baseline = table.defaultBaseline();
        }
        List<Figure> figures = figures();
        Path plots = dir.resolve(PLOTS);
        try {
            Files.createDirectories(plots);
            for (Figure figure : figures) {
                Files.write(plots.resolve(figure.file()), figure.png());
            }
            Path page = dir.resolve(HTML);
            Files.writeString(page, html(table, figures), StandardCharsets.UTF_8);
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report in " + dir + ": " + e.getMessage(), e);
        }
    }

    private ResultTable table() {
        return new ResultTable(
                runs.stream()
                        .map(r -> new ResultTable.Entry(
                                r.method(), r.seed(), r.summary().metrics(), r.summary().steps(), r.summary().wallSeconds()))
                        .toList());
    }

    private Map<String, List<RunRecord>> byMethod() {
        Map<String, List<RunRecord>> by = new LinkedHashMap<>();
        runs.forEach(r -> by.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r));
        return by;
    }

    private Map<String, Integer> colours() {
        Map<String, Integer> colours = new LinkedHashMap<>();
        for (int i = 0; i < methods.size(); i++) {
            colours.put(methods.get(i), i);
        }
        runs.forEach(r -> colours.putIfAbsent(r.method(), colours.size()));
        return colours;
    }

    private List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        if (runs.isEmpty()) {
            return figures;
        }
        Map<String, List<RunRecord>> byMethod = byMethod();
        Map<String, Integer> colours = colours();

        Map<String, Charts.Curve> curves = evaluationCurves(byMethod, this::evaluationValue, false);
        figures.add(
                new Figure(
                        "curves-" + metric.configName() + ".png",
                        "Test " + metric.label() + " against the step",
                        comparison
                                ? "Line: mean over the seeds that finished; band: their minimum and maximum."
                                : "Each evaluation on the test split.",
                        Charts.png(Charts.curves("test " + metric.label(), "step", metric.label() + " (%)", curves, colours, true))));

        Map<String, Charts.Curve> validation = evaluationCurves(byMethod, Evaluation::validationAccuracy, true);
        if (!validation.isEmpty()) {
            figures.add(
                    new Figure(
                            "curves-validation-accuracy.png",
                            "Validation accuracy against the step",
                            "Accuracy on the validation split the data source held out of the training pool"
                                    + " (validationPerClass), for choosing settings without the test set.",
                            Charts.png(Charts.curves("validation accuracy", "step", "accuracy (%)", validation, colours, true))));
        }

        Set<String> terms = new LinkedHashSet<>();
        runs.forEach(r -> terms.addAll(r.losses().keySet()));
        for (String term : terms) {
            Map<String, Charts.Curve> lines = new LinkedHashMap<>();
            byMethod.forEach(
                    (method, records) -> {
                        List<Map<Long, Double>> series =
                                records.stream()
                                        .map(r -> (Map<Long, Double>) r.losses().get(term))
                                        .filter(s -> s != null && !s.isEmpty())
                                        .toList();
                        if (!series.isEmpty()) {
                            lines.put(method, Charts.Curve.of(series, LOSS_WINDOW));
                        }
                    });
            figures.add(
                    new Figure(
                            "loss-" + fileName(term) + ".png",
                            "Training: " + term,
                            "Logged value of '" + term + "' (as the method names it in metrics.jsonl), mean over seeds, moving average of "
                                    + LOSS_WINDOW + " logged steps.",
                            Charts.png(Charts.curves(term, "step", term, lines, colours, false))));
        }

        figures.addAll(DiagnosticFigures.of(byMethod));

        List<String> classes = classNames();
        Map<String, List<Double>> perClass = new LinkedHashMap<>();
        byMethod.forEach(
                (method, records) -> {
                    List<Double> means = new ArrayList<>();
                    for (int c = 0; c < classes.size(); c++) {
                        int index = c;
                        means.add(
                                records.stream()
                                        .map(r -> r.summary().metrics().perClassAccuracy().get(index))
                                        .filter(v -> v != null)
                                        .mapToDouble(Double::doubleValue)
                                        .average()
                                        .orElse(Double.NaN));
                    }
                    perClass.put(method, means.stream().map(v -> v.isNaN() ? null : v).toList());
                });
        figures.add(
                new Figure(
                        "per-class-accuracy.png",
                        "Per-class accuracy",
                        "Test accuracy within each true class, mean over seeds.",
                        Charts.png(Charts.perClass("per-class accuracy", classes, perClass, colours))));

        byMethod.forEach(
                (method, records) -> {
                    long[][] counts = new long[classes.size()][classes.size()];
                    for (RunRecord r : records) {
                        List<List<Long>> m = r.summary().metrics().confusion();
                        for (int t = 0; t < counts.length; t++) {
                            for (int p = 0; p < counts.length; p++) {
                                counts[t][p] += m.get(t).get(p);
                            }
                        }
                    }
                    figures.add(
                            new Figure(
                                    "confusion-" + fileName(method) + ".png",
                                    "Confusion matrix: " + method,
                                    "Rows: true class; columns: predicted class; cells: percent of the row, summed over "
                                            + records.size() + " seed(s).",
                                    Charts.png(Charts.confusion(method, classes, counts))));
                });
        return figures;
    }

    /**
     * Each method's curve of one value of its runs' evaluations, in percent against the step.
     *
     * @param value the value of an evaluation, null where it has none (that evaluation is left out)
     * @param onlyWithValues whether runs without any such value, and methods without any such run,
     *     are left out (true) or kept as empty series (false)
     */
    private static Map<String, Charts.Curve> evaluationCurves(
            Map<String, List<RunRecord>> byMethod, Function<Evaluation, Double> value, boolean onlyWithValues) {
        Map<String, Charts.Curve> curves = new LinkedHashMap<>();
        byMethod.forEach(
                (method, records) -> {
                    List<Map<Long, Double>> series = new ArrayList<>();
                    for (RunRecord r : records) {
                        Map<Long, Double> points = new TreeMap<>();
                        for (Evaluation e : r.summary().evaluations()) {
                            Double v = value.apply(e);
                            if (v != null) {
                                points.put(e.globalStep(), 100 * v);
                            }
                        }
                        if (!onlyWithValues || !points.isEmpty()) {
                            series.add(points);
                        }
                    }
                    if (!onlyWithValues || !series.isEmpty()) {
                        curves.put(method, Charts.Curve.of(series, 1));
                    }
                });
        return curves;
    }

    private Double evaluationValue(Evaluation e) {
        return switch (metric) {
            case ACCURACY -> e.accuracy();
            case TOP5_ACCURACY -> e.top5Accuracy();
            case BALANCED_ACCURACY -> e.balancedAccuracy();
            case MACRO_F1 -> e.macroF1();
            case CALIBRATION_ERROR -> e.calibrationError();
        };
    }

    private List<String> classNames() {
        RunSummary first = runs.get(0).summary();
        int classes = first.metrics().confusion().size();
        List<String> names = first.classNames();
        if (names != null && names.size() == classes) {
            return names;
        }
        List<String> numbered = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            numbered.add(Integer.toString(c));
        }
        return numbered;
    }

    private String html(ResultTable table, List<Figure> figures) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.append("<title>").append(esc(title)).append(" - SSL4J report</title>\n");
        h.append("<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1500px;padding:0 16px;color:#222}\n")
                .append("h1{margin-bottom:4px}h2{margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}\n")
                .append("table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}\n")
                .append("th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}\n")
                .append(".covers{color:#888}.better{color:#1a7f37;font-weight:600}.worse{color:#b42318;font-weight:600}\n")
                .append(".note{background:#fff4e5;border:1px solid #f0b429;padding:8px 12px;margin:12px 0}\n")
                .append(".figs{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0}figcaption{font-size:13px;color:#555;max-width:640px}\n")
                .append("img{max-width:100%;border:1px solid #eee}pre{background:#f7f7f7;padding:12px;overflow:auto;font-size:13px}\n")
                .append(".small{font-size:13px;color:#555}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        double wall = runs.stream().mapToDouble(r -> r.summary().wallSeconds()).sum();
        h.append("<p class=\"small\">")
                .append(comparison ? "Comparison" : "Run")
                .append(String.format(Locale.ROOT, ": %d of %d runs finished, %.1f s of training in all; report written %s.",
                        runs.size(), runs.size() + unfinished.size(), wall, Instant.now()))
                .append("</p>\n");
        if (!unfinished.isEmpty()) {
            h.append("<div class=\"note\"><b>Did not finish</b> (left out of every table and plot): ")
                    .append(esc(String.join(", ", unfinished))).append(".</div>\n");
        }
        for (String note : notes) {
            h.append("<div class=\"note\">").append(esc(note)).append(".</div>\n");
        }
        if (runs.isEmpty()) {
            h.append("<p>No run finished.</p>\n");
        } else {
            results(h, table);
            allMetrics(h, table);
            h.append("<h2>Plots</h2>\n<div class=\"figs\">\n");
            for (Figure f : figures) {
                h.append("<figure id=\"").append(esc(f.file())).append("\"><img alt=\"").append(esc(f.title()))
                        .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(f.png()))
                        .append("\"><figcaption><b>").append(esc(f.title())).append(".</b> ").append(esc(f.caption()))
                        .append(" (<code>").append(PLOTS).append('/').append(esc(f.file())).append("</code>)</figcaption></figure>\n");
            }
            h.append("</div>\n");
            runsTable(h);
        }
        h.append("<h2>Config</h2>\n<pre>").append(esc(configYaml)).append("</pre>\n");
        if (!runs.isEmpty()) {
            provenance(h, runs.get(0).summary());
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private void results(StringBuilder h, ResultTable table) {
        h.append("<h2>Results: ").append(esc(metric.label())).append("</h2>\n");
        if (comparison) {
            h.append("<p class=\"small\">Differences are in points against <b>").append(esc(baseline))
                    .append("</b>, paired over the seeds both finished: mean, 95% interval (Student's t), and the paired t-test's p-value. ")
                    .append("Grey: the interval covers 0. ")
                    .append(metric.higherIsBetter() ? "" : "Lower is better for this metric. ")
                    .append("</p>\n");
        }
        h.append("<table>\n<tr><th>method</th><th>seeds</th><th>").append(esc(metric.label()))
                .append(" (mean ± std)</th><th>Δ vs ").append(esc(baseline))
                .append(" [95% CI]</th><th>p</th><th>per seed</th><th>steps</th><th>wall s/run</th></tr>\n");
        for (ResultTable.Row row : table.rows(metric, baseline)) {
            PairedDifference d = row.difference();
            h.append("<tr><td>").append(esc(row.method())).append("</td><td>").append(row.seeds()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * row.mean(), 100 * row.std()))
                    .append("</td>").append(differenceCell(row.method(), d))
                    .append("<td>").append(d == null || d.pValue() == null ? "" : ResultTable.pValueText(d.pValue())).append("</td><td>")
                    .append(esc(row.values().stream().map(v -> String.format(Locale.ROOT, "%.2f", 100 * v)).collect(Collectors.joining(" "))))
                    .append("</td><td>").append(row.steps()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", row.meanWallSeconds())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private void allMetrics(StringBuilder h, ResultTable table) {
        List<Metric> defined =
                java.util.Arrays.stream(Metric.values())
                        .filter(m -> runs.stream().allMatch(r -> m.of(r.summary().metrics()) != null))
                        .toList();
        h.append("<h2>Every metric</h2>\n<p class=\"small\">Mean ± std over seeds in percent");
        if (comparison) {
            h.append("; below, the difference to ").append(esc(baseline)).append(" with its 95% interval");
        }
        h.append(". Calibration error: expected calibration error of the top-class probability, ")
                .append(Metrics.BINS).append(" bins; lower is better.</p>\n<table>\n<tr><th>method</th>");
        defined.forEach(m -> h.append("<th>").append(esc(m.label())).append("</th>"));
        h.append("</tr>\n");
        Map<Metric, List<ResultTable.Row>> rows = new LinkedHashMap<>();
        defined.forEach(m -> rows.put(m, table.rows(m, baseline)));
        List<String> names = table.methods();
        for (int i = 0; i < names.size(); i++) {
            h.append("<tr><td>").append(esc(names.get(i))).append("</td>");
            for (Metric m : defined) {
                ResultTable.Row row = rows.get(m).get(i);
                h.append("<td>").append(String.format(Locale.ROOT, "%.2f ± %.2f", 100 * row.mean(), 100 * row.std()));
                if (comparison && row.difference() != null) {
                    PairedDifference d = row.difference();
                    h.append("<br><span class=\"").append(cssClass(m, d)).append("\">")
                            .append(esc(ResultTable.differenceText(d))).append("</span>");
                }
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private String differenceCell(String method, PairedDifference d) {
        if (method.equals(baseline)) {
            return "<td>baseline</td>";
        }
        return "<td class=\"" + cssClass(metric, d) + "\">" + esc(ResultTable.differenceText(d)) + "</td>";
    }

    private static String cssClass(Metric m, PairedDifference d) {
        if (d == null || d.coversZero()) {
            return "covers";
        }
        return (d.mean() > 0) == m.higherIsBetter() ? "better" : "worse";
    }

    private void runsTable(StringBuilder h) {
        h.append("<h2>Runs</h2>\n<table>\n<tr><th>method</th><th>seed</th><th>").append(esc(metric.label()))
                .append(" (%)</th><th>evaluated network</th><th>steps</th><th>wall s</th><th>run folder</th></tr>\n");
        for (RunRecord r : runs) {
            RunSummary s = r.summary();
            String folder = dir.relativize(r.dir()).toString();
            h.append("<tr><td>").append(esc(s.method())).append("</td><td>").append(s.seed()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f", 100 * metric.of(s.metrics()))).append("</td><td>")
                    .append(esc(s.network())).append("</td><td>").append(s.steps()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", s.wallSeconds())).append("</td><td>")
                    .append(esc(folder.isEmpty() ? "." : folder)).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void provenance(StringBuilder h, RunSummary s) {
        h.append("<h2>Provenance</h2>\n<table>\n");
        row(h, "data", s.data());
        row(h, "executor", s.executor());
        if (s.provenance() != null) {
            row(h, "git commit", String.valueOf(s.provenance().gitCommit()));
            row(h, "SPI", s.provenance().spiVersion());
            row(h, "Java", s.provenance().java());
            row(h, "engine", s.provenance().engine());
            row(h, "plugins",
                    s.provenance().plugins().stream().map(p -> p.name() + " " + p.version()).collect(Collectors.joining(", ")));
        }
        row(h, "first run started", s.startedAt());
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(esc(key)).append("</th><td style=\"text-align:left\">").append(esc(value)).append("</td></tr>\n");
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A method or loss term as a file name: letters, digits, '.', '_' and '-' kept. */
    static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
