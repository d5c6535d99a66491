package org.ssl4j.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.role.PseudoLabels;

class SoftLabelStrategyTest {

    private static final float[] LOGITS = {1, 0, 0, 0.5f};

    @Test
    void targetsAreSharpenedButConfidenceIsNot() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PseudoLabels labels =
                    new SoftLabelsConfig(0.5, 0.7)
                            .create()
                            .label(manager.create(LOGITS, new Shape(2, 2)));

            assertEquals(PseudoLabels.Kind.SOFT, labels.kind());
            assertEquals(new Shape(2, 2), labels.targets().getShape());
            // softmax([2, 0]) and softmax([0, 1])
            assertArrayEquals(
                    new float[] {0.880797f, 0.119203f, 0.268941f, 0.731059f},
                    labels.targets().toFloatArray(),
                    1e-5f);
            // max of softmax([1, 0]) and of softmax([0, 0.5])
            assertArrayEquals(
                    new float[] {0.731059f, 0.622459f}, labels.confidence().toFloatArray(), 1e-5f);
            assertArrayEquals(new float[] {1, 0}, labels.mask().toFloatArray());
        }
    }

    @Test
    void defaultsGiveThePlainSoftmaxAndKeepEverything() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PseudoLabels labels =
                    new SoftLabelsConfig(null, null)
                            .create()
                            .label(manager.create(LOGITS, new Shape(2, 2)));

            assertArrayEquals(
                    new float[] {0.731059f, 0.268941f, 0.377541f, 0.622459f},
                    labels.targets().toFloatArray(),
                    1e-5f);
            assertArrayEquals(new float[] {1, 1}, labels.mask().toFloatArray());
        }
    }

    @Test
    void noGradientFlowsIntoTheLabels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weights = manager.create(LOGITS, new Shape(2, 2));
            weights.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                PseudoLabels labels = new SoftLabelsConfig(0.5, 0.0).create().label(weights.mul(2));

                assertFalse(labels.targets().hasGradient());
                assertFalse(labels.confidence().hasGradient());
            }
        }
    }
}
