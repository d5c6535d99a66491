package org.ssl4j.runtime.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.baselines.PseudoLabelConfig;
import org.ssl4j.baselines.SupervisedConfig;
import org.ssl4j.data.toy.TwoMoonsConfig;
import org.ssl4j.models.basic.MlpConfig;
import org.ssl4j.optim.SgdConfig;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.AugmentConfig;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.config.TrainSettings;
import org.ssl4j.runtime.executor.CpuExecutorConfig;
import org.ssl4j.runtime.result.CompareResult;
import org.ssl4j.runtime.result.Metric;
import org.ssl4j.runtime.training.TrainingException;
import org.ssl4j.steps.HardLabelsConfig;

/** report.html of real (tiny) comparisons: valid HTML, every method named, every plot embedded. */
class ReportTest {

    @TempDir Path dir;

    private static RunConfig config(Map<String, MethodConfig> methods) {
        return new RunConfig(
                "report-test",
                List.of(1L, 2L),
                new TwoMoonsConfig(200, 3, 0.1, 100),
                AugmentConfig.NONE,
                methods,
                TrainSettings.builder(20, 6).unlabeledRatio(4).evaluateEvery(10).logEvery(5).build(),
                new CpuExecutorConfig(1));
    }

    private static MethodConfig supervised(double lr) {
        return new SupervisedConfig(new MlpConfig(List.of(16), null, null), new SgdConfig(lr, 0.9, null, null, null), null, null, null);
    }

    private static MethodConfig pseudoLabel() {
        return new PseudoLabelConfig(
                new MlpConfig(List.of(16), null, null), new SgdConfig(0.1, 0.9, null, null, null),
                null, new HardLabelsConfig(0.8), null, null, null, null, null, null);
    }

    /** Parses with an HTML5 parser that reports every parse error. */
    private static Document parseStrictly(Path page) throws Exception {
        Parser parser = Parser.htmlParser().setTrackErrors(100);
        Document doc = Jsoup.parse(Files.readString(page, StandardCharsets.UTF_8), "", parser);
        assertEquals(List.of(), parser.getErrors().stream().map(Object::toString).toList(), "HTML parse errors");
        return doc;
    }

    /** A plot with its title, axes and data drawn, not a blank canvas: over 3% of it is not background. */
    private static void assertDrawn(String file, byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image != null && image.getWidth() >= 300, file + " is not a PNG of plot size");
        int background = image.getRGB(1, 1);
        long drawn = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) != background) {
                    drawn++;
                }
            }
        }
        double share = (double) drawn / (image.getWidth() * (long) image.getHeight());
        assertTrue(share > 0.03, file + ": only " + share + " of the image is drawn");
    }

    @Test
    void aComparisonReportIsValidHtmlNamingEveryMethodAndEmbeddingEveryPlot() throws Exception {
        Map<String, MethodConfig> methods = new LinkedHashMap<>();
        methods.put("supervised", supervised(0.1));
        methods.put("pseudo <label>", pseudoLabel());
        Path out = dir.resolve("cmp");
        CompareResult result = Ssl4j.create().compare(config(methods), out, Metric.MACRO_F1, "pseudo <label>");

        Document doc = parseStrictly(out.resolve(Report.HTML));
        String text = doc.body().text();
        for (String method : methods.keySet()) {
            assertTrue(text.contains(method), "the page does not name " + method);
        }
        assertTrue(text.contains("Δ vs pseudo <label>"), "baseline not in the table header");
        assertTrue(text.contains("macro-F1"), "chosen metric missing");

        // Every PNG under plots/ is embedded byte for byte, and every embedded image is one of them.
        Set<String> files = new HashSet<>();
        try (Stream<Path> plots = Files.list(out.resolve(Report.PLOTS))) {
            plots.forEach(p -> files.add(p.getFileName().toString()));
        }
        // accuracy curves, the loss terms of both methods, per-class accuracy, 2 confusion matrices
        assertTrue(files.containsAll(Set.of(
                "curves-macroF1.png", "per-class-accuracy.png", "confusion-supervised.png", "confusion-pseudo--label-.png")), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.startsWith("loss-")), files.toString());
        Set<String> embedded = new HashSet<>();
        for (Element figure : doc.select("figure")) {
            String file = figure.id();
            String src = figure.selectFirst("img").attr("src");
            assertTrue(src.startsWith("data:image/png;base64,"), src.substring(0, 40));
            byte[] png = Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()));
            assertArrayEquals(Files.readAllBytes(out.resolve(Report.PLOTS).resolve(file)), png, file);
            assertDrawn(file, png);
            embedded.add(file);
        }
        assertEquals(files, embedded);
        assertTrue(doc.select("link[href], script[src]").isEmpty(), "the page must not load anything");

        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("pseudo <label>", json.path("baseline").asText());
        assertEquals(4, json.path("runs").size());
        JsonNode run = json.path("runs").get(0).path("metrics");
        assertEquals(2, run.path("confusion").size());
        assertEquals(result.runs().get(0).accuracy(), run.path("accuracy").asDouble());
        JsonNode supervisedRow = json.path("methods").get(0).path("metrics");
        assertTrue(supervisedRow.path("accuracy").path("difference").has("low"), supervisedRow.toString());
        assertTrue(supervisedRow.has("calibrationError") && !supervisedRow.has("top5Accuracy"), supervisedRow.toString());
        String markdown = Files.readString(out.resolve("results.md"));
        assertTrue(markdown.contains("macro-F1 (mean ± std)"), markdown);
    }

    @Test
    void aComparisonThatFailsPartWayStillReportsTheRunsThatFinished() throws Exception {
        Map<String, MethodConfig> methods = new LinkedHashMap<>();
        methods.put("supervised", supervised(0.1));
        methods.put("exploding", supervised(1e12));
        Path out = dir.resolve("partial");
        // Runs go seed by seed: supervised seed 1 finishes, exploding seed 1 stops the comparison.
        assertThrows(TrainingException.class, () -> Ssl4j.create().compare(config(methods), out));

        Document doc = parseStrictly(out.resolve(Report.HTML));
        String note = doc.select(".note").text();
        assertTrue(note.contains("Did not finish") && note.contains("supervised seed 2")
                && note.contains("exploding seed 1") && note.contains("exploding seed 2"), note);
        assertTrue(doc.select("table").first().text().contains("supervised"));
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(List.of("supervised seed 2", "exploding seed 1", "exploding seed 2"),
                new ObjectMapper().convertValue(json.path("unfinished"), List.class));
        assertEquals(1, json.path("runs").size());
        assertEquals("supervised", json.path("runs").get(0).path("method").asText());
        assertTrue(Files.readString(out.resolve("results.md"))
                .contains("Did not finish (not in the table): supervised seed 2, exploding seed 1, exploding seed 2"));
    }

    @Test
    void theReportIsWrittenAgainFromTheFolderAfterAKill() throws Exception {
        Map<String, MethodConfig> methods = new LinkedHashMap<>();
        methods.put("supervised", supervised(0.1));
        methods.put("pseudo-label", pseudoLabel());
        Path out = dir.resolve("killed");
        Ssl4j ssl4j = Ssl4j.create();
        ssl4j.compare(config(methods), out);
        // As if the JVM had been killed during pseudo-label's second seed: no summary yet.
        Files.delete(out.resolve("pseudo-label").resolve("seed-2").resolve("summary.json"));
        Files.delete(out.resolve(Report.HTML));

        Document doc = parseStrictly(ssl4j.report(out, Metric.ACCURACY, null));
        assertTrue(doc.select(".note").text().contains("pseudo-label seed 2"));
        assertTrue(doc.text().contains("3 of 4 runs finished"), doc.select("p").first().text());
        assertThrows(IllegalArgumentException.class, () -> ssl4j.report(dir.resolve("nothing"), Metric.ACCURACY, null));
    }

    @Test
    void trainWritesASingleRunPage() throws Exception {
        Map<String, MethodConfig> methods = new LinkedHashMap<>();
        methods.put("supervised", supervised(0.1));
        RunConfig one = new RunConfig("one", List.of(3L), new TwoMoonsConfig(200, 3, 0.1, 100), AugmentConfig.NONE,
                methods, TrainSettings.builder(20, 6).unlabeledRatio(4).evaluateEvery(10).logEvery(5).build(), new CpuExecutorConfig(1));
        Ssl4j.create().train(one, dir.resolve("run"));
        Document doc = parseStrictly(dir.resolve("run").resolve(Report.HTML));
        assertTrue(doc.title().startsWith("supervised, seed 3"), doc.title());
        assertTrue(doc.select("figure").size() >= 4, "curves, loss, per class, confusion");
    }

    @Test
    void anUnknownBaselineIsRefusedBeforeTraining() {
        Map<String, MethodConfig> methods = new LinkedHashMap<>();
        methods.put("supervised", supervised(0.1));
        Path out = dir.resolve("none");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Ssl4j.create().compare(config(methods), out, Metric.ACCURACY, "fixmatch"));
        assertTrue(e.getMessage().contains("'fixmatch' is not a method of the config"), e.getMessage());
        assertTrue(Files.notExists(out), "nothing may be left behind");
    }
}
