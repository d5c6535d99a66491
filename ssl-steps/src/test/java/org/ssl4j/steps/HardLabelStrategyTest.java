package org.ssl4j.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.role.PseudoLabels;

class HardLabelStrategyTest {

    /** Softmax rows: [0.786986, ...], [.., 0.576117, ..], [.., 0.843795, ..]. */
    private static final float[] LOGITS = {2, 0, 0, 0, 1, 0, 1, 3, 0};

    @Test
    void labelsAreTheArgmaxWithTheirProbabilityAsConfidence() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PseudoLabels labels =
                    new HardLabelsConfig(null)
                            .create()
                            .label(manager.create(LOGITS, new Shape(3, 3)));

            assertEquals(PseudoLabels.Kind.HARD, labels.kind());
            assertEquals(DataType.INT32, labels.targets().getDataType());
            assertEquals(new Shape(3), labels.targets().getShape());
            assertArrayEquals(new int[] {0, 1, 1}, labels.targets().toIntArray());
            assertArrayEquals(
                    new float[] {0.786986f, 0.576117f, 0.843795f},
                    labels.confidence().toFloatArray(),
                    1e-5f);
            assertArrayEquals(new float[] {1, 1, 1}, labels.mask().toFloatArray());
        }
    }

    @Test
    void thresholdMasksUnconfidentExamples() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(LOGITS, new Shape(3, 3));
            PseudoLabels labels = new HardLabelsConfig(0.6).create().label(logits);

            assertEquals(DataType.FLOAT32, labels.mask().getDataType());
            assertArrayEquals(new float[] {1, 0, 1}, labels.mask().toFloatArray());
        }
    }

    @Test
    void confidenceEqualToTheThresholdIsKept() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PseudoLabels labels =
                    new HardLabelsConfig(0.5)
                            .create()
                            .label(manager.create(new float[] {0, 0, 0, 2}, new Shape(2, 2)));

            assertArrayEquals(new float[] {1, 1}, labels.mask().toFloatArray());
        }
    }

    @Test
    void noGradientFlowsIntoTheLabels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weights = manager.create(LOGITS, new Shape(3, 3));
            weights.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                PseudoLabels labels = new HardLabelsConfig(0.6).create().label(weights.mul(2));

                assertFalse(labels.confidence().hasGradient());
                assertFalse(labels.mask().hasGradient());
                assertFalse(labels.targets().hasGradient());
            }
        }
    }
}
