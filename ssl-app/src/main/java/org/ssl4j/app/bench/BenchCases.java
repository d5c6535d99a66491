package org.ssl4j.app.bench;

import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.baselines.SupervisedConfig;
import org.ssl4j.models.basic.SmallCnnConfig;
import org.ssl4j.models.efficientnet.EfficientNetConfig;
import org.ssl4j.models.basic.WideResNetConfig;
import org.ssl4j.mpl.MplConfig;
import org.ssl4j.mpl.MplStudentConfig;
import org.ssl4j.mpl.MplTeacherConfig;
import org.ssl4j.optim.SgdConfig;
import org.ssl4j.runtime.training.StepBenchmark;
import org.ssl4j.runtime.training.StepBenchmark.Case;
import org.ssl4j.runtime.training.StepBenchmark.Mode;
import org.ssl4j.uda.UdaConfig;

/**
 * The built-in benchmark cases, each the same model, batch and input as a case of {@code
 * shared/bench/torch_reference.py} so the two can run side by side (see docs/benchmarks.md).
 */
final class BenchCases {

    /** SGD as the reference script: lr 0.05, momentum 0.9, Nesterov, weight decay 5e-4. */
    private static final OptimizerConfig SGD = new SgdConfig(0.05, 0.9, true, 5e-4, null);

    private BenchCases() {}

    /**
     * @return the cases by name, in the order {@code ssl4j bench} runs them
     */
    static Map<String, Case> all() {
        BackboneConfig wrn = new WideResNetConfig(28, 2, null, null, null);
        BackboneConfig smallCnn = new SmallCnnConfig();
        // torchvision's efficientnet_b0 as the reference script builds it: regular stem, dropout
        // 0.2, stochastic depth 0.2.
        BackboneConfig efficientNetB0 = new EfficientNetConfig("b0", null, null, null, null, null);
        Map<String, Case> cases = new LinkedHashMap<>();
        add(cases, new Case("supervised-wrn-28-2-b64", Mode.TRAIN, supervised(wrn), new Shape(3, 32, 32), 10, 64, 0));
        add(cases, new Case("predict-wrn-28-2-b256", Mode.PREDICT, supervised(wrn), new Shape(3, 32, 32), 10, 256, 0));
        add(cases, new Case("supervised-small-cnn-b64", Mode.TRAIN, supervised(smallCnn), new Shape(1, 28, 28), 10, 64, 0));
        add(cases, new Case("mpl-wrn-28-2-b8-mu7", Mode.TRAIN, mpl(wrn), new Shape(3, 32, 32), 10, 8, 7));
        add(cases, new Case("supervised-efficientnet-b0-64-b16", Mode.TRAIN, supervised(efficientNetB0), new Shape(3, 64, 64), 10, 16, 0));
        return cases;
    }

    /**
     * Meta Pseudo Labels as the reference script runs it: teacher and student of the same
     * backbone, each with {@link #SGD}; the teacher's UDA term with weight 8, temperature 0.7 and
     * a 0.6 mask on the sharpened distribution, cross-entropy; label smoothing 0.15 on the
     * teacher's labeled loss and on the student's hard labels.
     */
    private static MplConfig mpl(BackboneConfig backbone) {
        UdaConfig uda = new UdaConfig(8.0, 0, 0.7, 0.6, "sharpened", "cross-entropy");
        return new MplConfig(
                new MplTeacherConfig(backbone, SGD, 0.15, List.of(uda), null),
                new MplStudentConfig(null, null, 0.15, null, null, null),
                null,
                null,
                null);
    }

    private static SupervisedConfig supervised(BackboneConfig backbone) {
        return new SupervisedConfig(backbone, SGD, null, null, null);
    }

    private static void add(Map<String, Case> cases, Case benchCase) {
        cases.put(benchCase.name(), benchCase);
    }

    /**
     * The reference script's command line for a case, to run right after it.
     *
     * @param benchCase the case
     * @param threads the thread count
     * @return the arguments of {@code torch_reference.py}
     */
    static String referenceArguments(Case benchCase, int threads) {
        String name = benchCase.name();
        String model =
                name.contains("small-cnn")
                        ? "small-cnn"
                        : name.contains("efficientnet-b0") ? "efficientnet-b0" : "wrn-28-2";
        String mode =
                benchCase.mode() == Mode.PREDICT
                        ? "predict"
                        : benchCase.method() instanceof MplConfig ? "mpl" : "supervised";
        Shape shape = benchCase.exampleShape();
        return String.format(
                "--mode %s --model %s --batch %d --mu %d --channels %d --size %d --threads %d",
                mode, model, benchCase.batchSize(), Math.max(1, benchCase.unlabeledRatio()), shape.get(0),
                shape.get(1), threads);
    }
}
