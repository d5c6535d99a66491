package org.ssl4j.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.steps.HardLabelsConfig;
import org.ssl4j.baselines.PseudoLabelConfig;
import org.ssl4j.baselines.SelfTeacherConfig;
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
import org.ssl4j.runtime.result.Evaluation;
import org.ssl4j.runtime.result.RunListener;
import org.ssl4j.runtime.result.TrainResult;
import org.ssl4j.runtime.result.TrainedModel;

/**
 * Runs supervised learning and pseudo-label self-training side by side on Two Moons from a
 * Java application: the config is built in code (the same records a YAML file becomes), the
 * results come back as objects, and the best model classifies new points.
 *
 * <pre>
 * java -Dai.djl.offline=true -cp ... org.ssl4j.examples.SideBySide [OUT_DIR] [STEPS]
 * </pre>
 */
public final class SideBySide {

    private SideBySide() {}

    /**
     * @param args the output folder (default {@code runs/side-by-side}) and the steps per run
     *     (default 1000)
     */
    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "runs/side-by-side");
        long steps = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        CompareResult result = compare(out, steps);
        System.out.print(result.toMarkdown());

        TrainResult best =
                result.runs().stream()
                        .max((a, b) -> Double.compare(a.accuracy(), b.accuracy()))
                        .orElseThrow();
        try (TrainedModel model = best.loadModel()) {
            float[][] points = {{0f, 1f}, {1f, -0.5f}};
            int[] classes = model.predict(points);
            System.out.printf(
                    "best run: %s seed %d; (0, 1) -> %s, (1, -0.5) -> %s%n",
                    best.method(),
                    best.seed(),
                    model.data().classNames().get(classes[0]),
                    model.data().classNames().get(classes[1]));
        }
    }

    /**
     * Builds the comparison in code and runs it.
     *
     * @param out the comparison's folder
     * @param steps training steps per run
     * @return every run's result
     */
    public static CompareResult compare(Path out, long steps) {
        MlpConfig mlp = new MlpConfig(List.of(32, 32), "tanh", null);
        SgdConfig sgd = new SgdConfig(0.1, 0.9, null, null, null);
        Map<String, MethodConfig> methods = new LinkedHashMap<>();
        methods.put("supervised", new SupervisedConfig(mlp, sgd, null, null, null));
        methods.put(
                "pseudo-label",
                new PseudoLabelConfig(
                        mlp, sgd, new SelfTeacherConfig(), new HardLabelsConfig(0.95), null, 200L, null, null, null, null));
        RunConfig config =
                new RunConfig(
                        "side-by-side",
                        List.of(1L, 2L),
                        new TwoMoonsConfig(null, null, null, null),
                        AugmentConfig.NONE,
                        methods,
                        TrainSettings.builder(steps, 6).unlabeledRatio(16).build(),
                        new CpuExecutorConfig(1));
        RunListener log =
                new RunListener() {
                    @Override
                    public void evaluated(Evaluation evaluation) {
                        System.err.printf(
                                "  %s step %d: %.3f%n", evaluation.phase(), evaluation.step(), evaluation.accuracy());
                    }
                };
        return Ssl4j.create().compare(config, out, log);
    }
}
