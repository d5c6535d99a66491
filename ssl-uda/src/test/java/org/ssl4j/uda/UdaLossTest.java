package org.ssl4j.uda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.role.AuxiliaryInputs;

/**
 * Hand-computed values on three unlabeled examples of three classes.
 *
 * <p>Weak logits {@code [ln 4, 0, 0]}, {@code [0, 0, 0]}, {@code [ln 9, 0, 0]}: the raw softmax
 * is {@code [4, 1, 1] / 6}, uniform, {@code [9, 1, 1] / 11} (largest 0.667, 0.333, 0.818); at
 * temperature 0.5 the logits double, so the target is {@code [16, 1, 1] / 18}, uniform, {@code
 * [81, 1, 1] / 83} (largest 0.889, 0.333, 0.976). At threshold 0.7 the raw mask is {@code [0, 0,
 * 1]} and the sharpened mask {@code [1, 0, 1]}.
 *
 * <p>Strong logits {@code [0, 0, 0]}, {@code [ln 2, 0, 0]}, {@code [0, ln 3, 0]}: q is uniform,
 * {@code [2, 1, 1] / 4}, {@code [1, 3, 1] / 5}. Cross-entropies {@code -sum p log q}: {@code ln
 * 3}, {@code (ln 2 + 2 ln 4) / 3 = 5/3 ln 2}, {@code (82 ln 5 - ln(3/5)) / 83 = ln 5 - ln 3 / 83}.
 * KL is the cross-entropy less the target's entropy.
 */
class UdaLossTest {

    private static final double LN2 = Math.log(2);
    private static final double LN3 = Math.log(3);
    private static final double LN5 = Math.log(5);

    private static final float[] WEAK = {
        (float) Math.log(4), 0, 0, 0, 0, 0, (float) Math.log(9), 0, 0
    };
    private static final float[] STRONG = {0, 0, 0, (float) LN2, 0, 0, 0, (float) LN3, 0};

    private static final double[][] TARGET = {
        {16 / 18.0, 1 / 18.0, 1 / 18.0}, {1 / 3.0, 1 / 3.0, 1 / 3.0}, {81 / 83.0, 1 / 83.0, 1 / 83.0}
    };
    private static final double[] CROSS_ENTROPY = {LN3, 5 * LN2 / 3, LN5 - LN3 / 83};

    private static final double TOLERANCE = 1e-5;

    @Test
    void rawMaskKeepsOnlyTheThirdExampleButAveragesOverAllThree() {
        UdaConfig kl = config(1.0, 0, 0.5, 0.7, "raw", "kl");
        UdaConfig ce = config(1.0, 0, 0.5, 0.7, "raw", "cross-entropy");
        assertEquals(kl(2) / 3, value(kl, 0), TOLERANCE);
        assertEquals(CROSS_ENTROPY[2] / 3, value(ce, 0), TOLERANCE);
    }

    @Test
    void sharpenedMaskAlsoKeepsTheFirstExample() {
        UdaConfig kl = config(1.0, 0, 0.5, 0.7, "sharpened", "kl");
        UdaConfig ce = config(1.0, 0, 0.5, 0.7, "sharpened", "cross-entropy");
        assertEquals((kl(0) + kl(2)) / 3, value(kl, 0), TOLERANCE);
        assertEquals((CROSS_ENTROPY[0] + CROSS_ENTROPY[2]) / 3, value(ce, 0), TOLERANCE);
    }

    @Test
    void thresholdZeroKeepsEveryExample() {
        UdaConfig kl = config(1.0, 0, 0.5, 0.0, "raw", "kl");
        UdaConfig ce = config(1.0, 0, 0.5, 0.0, "raw", "cross-entropy");
        assertEquals((kl(0) + kl(1) + kl(2)) / 3, value(kl, 0), TOLERANCE);
        assertEquals(
                (CROSS_ENTROPY[0] + CROSS_ENTROPY[1] + CROSS_ENTROPY[2]) / 3,
                value(ce, 0),
                TOLERANCE);
    }

    @Test
    void noConfidentExampleGivesZero() {
        assertEquals(0, value(config(1.0, 0, 0.5, 0.99, "raw", "kl"), 0), 0);
        assertEquals(0, value(config(1.0, 0, 0.5, 1.0, "sharpened", "cross-entropy"), 0), 0);
    }

    @Test
    void klIsZeroWhenTheStrongPredictionEqualsTheTarget() {
        // strong logits = weak / temperature, so softmax(strong) is the target
        float[] strong = new float[WEAK.length];
        for (int i = 0; i < strong.length; i++) {
            strong[i] = WEAK[i] / 0.5f;
        }
        UdaConfig kl = config(1.0, 0, 0.5, 0.0, "raw", "kl");
        UdaConfig ce = config(1.0, 0, 0.5, 0.0, "raw", "cross-entropy");
        assertEquals(0, value(kl, 0, WEAK, strong), TOLERANCE);
        double entropies = entropy(0) + entropy(1) + entropy(2);
        assertEquals(entropies / 3, value(ce, 0, WEAK, strong), TOLERANCE);
    }

    @Test
    void warmUpRampsTheWeightLinearly() {
        UdaConfig ramped = config(2.0, 10, 0.5, 0.7, "raw", "cross-entropy");
        double full = 2 * CROSS_ENTROPY[2] / 3;
        assertEquals(0.1 * full, value(ramped, 0), TOLERANCE);
        assertEquals(0.5 * full, value(ramped, 4), TOLERANCE);
        assertEquals(full, value(ramped, 9), TOLERANCE);
        assertEquals(full, value(ramped, 50), TOLERANCE);
        UdaLoss loss = ramped.create(null);
        assertEquals(0.2, loss.weightAt(0), 1e-12);
        assertEquals(1.0, loss.weightAt(4), 1e-12);
        assertEquals(2.0, loss.weightAt(9), 1e-12);
        assertEquals(2.0, loss.weightAt(1000), 1e-12);
    }

    @Test
    void withoutWarmUpTheWeightIsConstant() {
        UdaLoss loss = config(3.0, 0, 0.5, 0.7, "raw", "kl").create(null);
        assertEquals(3.0, loss.weightAt(0), 0);
        assertEquals(3.0, loss.weightAt(1000), 0);
        assertEquals(0, config(0.0, 0, 0.5, 0.0, "raw", "kl").create(null).weightAt(5), 0);
    }

    @Test
    void gradientPullsOnlyTheStrongLogitsTowardsTheSharpenedTarget() {
        // d/ds of w/U * sum_i mask_i CE(p_i, softmax(s_i)) is w/U * mask_i * (q_i - p_i), the
        // same for KL; here the sharpened mask [1, 0, 1], w = 2 and U = 3
        for (String divergence : new String[] {"kl", "cross-entropy"}) {
            UdaLoss loss = config(2.0, 0, 0.5, 0.7, "sharpened", divergence).create(null);
            double[][] q = {{1 / 3.0, 1 / 3.0, 1 / 3.0}, {0.5, 0.25, 0.25}, {0.2, 0.6, 0.2}};
            double[] mask = {1, 0, 1};
            float[] expected = new float[9];
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 3; k++) {
                    expected[3 * i + k] = (float) (2.0 / 3 * mask[i] * (q[i][k] - TARGET[i][k]));
                }
            }
            Gradients gradients = gradients(loss);
            assertArrayEquals(new float[9], gradients.weak, divergence);
            assertArrayEquals(expected, gradients.strong, (float) TOLERANCE, divergence);
            assertTrue(Math.abs(gradients.strong[0]) > 0.1, divergence);
        }
    }

    @Test
    void missingViewsAreNamed() {
        UdaLoss loss = new UdaConfig(null, null, null, null, null, null).create(null);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(WEAK, new Shape(3, 3));
            IllegalStateException noStrong =
                    assertThrows(
                            IllegalStateException.class,
                            () ->
                                    loss.compute(
                                            new AuxiliaryInputs(null, null, logits, null),
                                            new StepAt(0)));
            assertEquals(
                    "uda needs the logits of the weak and the strong unlabeled views; the method"
                            + " gave no strong view",
                    noStrong.getMessage());
            IllegalStateException noWeak =
                    assertThrows(
                            IllegalStateException.class,
                            () ->
                                    loss.compute(
                                            new AuxiliaryInputs(null, logits, null, logits),
                                            new StepAt(0)));
            assertTrue(noWeak.getMessage().endsWith("gave no weak view"), noWeak.getMessage());
            IllegalStateException neither =
                    assertThrows(
                            IllegalStateException.class,
                            () ->
                                    loss.compute(
                                            new AuxiliaryInputs(null, logits, null, null),
                                            new StepAt(0)));
            assertTrue(
                    neither.getMessage().endsWith("gave no weak and no strong view"),
                    neither.getMessage());
        }
    }

    private static UdaConfig config(
            double weight,
            int warmupSteps,
            double temperature,
            double threshold,
            String maskOn,
            String divergence) {
        return new UdaConfig(weight, warmupSteps, temperature, threshold, maskOn, divergence);
    }

    /** The target's entropy {@code -sum p log p} of an example. */
    private static double entropy(int example) {
        double entropy = 0;
        for (double p : TARGET[example]) {
            entropy -= p * Math.log(p);
        }
        return entropy;
    }

    /** KL(p || q) of an example: its cross-entropy less the target's entropy. */
    private static double kl(int example) {
        return CROSS_ENTROPY[example] - entropy(example);
    }

    private static double value(UdaConfig config, long step) {
        return value(config, step, WEAK, STRONG);
    }

    private static double value(UdaConfig config, long step, float[] weak, float[] strong) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weakLogits = manager.create(weak, new Shape(3, 3));
            NDArray strongLogits = manager.create(strong, new Shape(3, 3));
            NDArray term =
                    config.create(null)
                            .compute(
                                    new AuxiliaryInputs(null, null, weakLogits, strongLogits),
                                    new StepAt(step));
            assertEquals(new Shape(), term.getShape());
            return term.getFloat();
        }
    }

    /**
     * The gradients of the term w.r.t. both views, taken as two halves of one leaf array like the
     * two halves of one forward pass.
     */
    private static Gradients gradients(UdaLoss loss) {
        float[] both = new float[18];
        System.arraycopy(WEAK, 0, both, 0, 9);
        System.arraycopy(STRONG, 0, both, 9, 9);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(both, new Shape(6, 3));
            logits.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray term =
                        loss.compute(
                                new AuxiliaryInputs(
                                        null, null, logits.get("0:3"), logits.get("3:")),
                                new StepAt(0));
                collector.backward(term);
            }
            try (NDArray gradient = logits.getGradient()) {
                float[] values = gradient.toFloatArray();
                float[] weak = new float[9];
                float[] strong = new float[9];
                System.arraycopy(values, 0, weak, 0, 9);
                System.arraycopy(values, 9, strong, 0, 9);
                return new Gradients(weak, strong);
            }
        }
    }

    /** The gradients of the weak and the strong logits, row-major {@code (3, 3)}. */
    private record Gradients(float[] weak, float[] strong) {}
}
