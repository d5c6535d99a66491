package org.ssl4j.noisystudent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.model.Network;
import org.ssl4j.steps.TeacherPredictions;

class PseudoLabelerTest {

    private static final float LN3 = (float) Math.log(3);
    private static final float LN4 = (float) Math.log(4);

    @Test
    void labelsEveryExampleInBatchesWithConfidencesAndTemperedDistributions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // the teacher is the identity, so the inputs are the logits:
            // [0, ln 3] -> softmax (0.25, 0.75); at T = 2 -> (1, sqrt 3) / (1 + sqrt 3)
            // [ln 4, 0] -> (0.8, 0.2); at T = 2 -> (2, 1) / 3
            // [0, 0]    -> (0.5, 0.5), argmax 0
            NDArray split = TestContexts.examples(manager, new float[][] {{0, LN3}, {LN4, 0}, {0, 0}});
            Network teacher = IdentityLinear.network("teacher", TestContexts.twoClasses(), manager, 0f);
            int before = manager.getManagedArrays().size();

            TeacherPredictions predictions =
                    new PseudoLabeler(2, 2.0).label(teacher, split, 2, manager, "test");

            float root3 = (float) Math.sqrt(3);
            assertArrayEquals(new int[] {1, 0, 0}, predictions.labels());
            assertArrayEquals(new float[] {0.75f, 0.8f, 0.5f}, predictions.confidences(), 1e-6f);
            assertArrayEquals(
                    new float[] {
                        1 / (1 + root3), root3 / (1 + root3), 2f / 3, 1f / 3, 0.5f, 0.5f
                    },
                    predictions.distributions(),
                    1e-6f);
            assertEquals(before, manager.getManagedArrays().size(), "each batch's slice is freed with it");
        }
    }

    @Test
    void rejectsABatchSizeBelowOneAndANonPositiveTemperature() {
        assertThrows(IllegalArgumentException.class, () -> new PseudoLabeler(0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new PseudoLabeler(8, 0.0));
    }
}
