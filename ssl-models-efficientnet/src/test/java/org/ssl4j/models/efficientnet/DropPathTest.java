package org.ssl4j.models.efficientnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class DropPathTest {

    @Test
    void isTheIdentityInEvaluationAndAtRateZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray branch = manager.ones(new Shape(4, 2, 3, 3));
            assertSame(branch, DropPath.apply(branch, 0.5, false));
            assertSame(branch, DropPath.apply(branch, 0.0, true));
        }
    }

    @Test
    void dropsWholeExamplesAndScalesTheKeptOnes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(0);
            int examples = 4000;
            NDArray branch = manager.ones(new Shape(examples, 2, 2, 2));
            float[] out = DropPath.apply(branch, 0.25, true).toFloatArray();
            int dropped = 0;
            for (int i = 0; i < examples; i++) {
                float first = out[i * 8];
                for (int j = 1; j < 8; j++) {
                    assertEquals(first, out[i * 8 + j], "example " + i + " is not all kept or all dropped");
                }
                // Kept examples are divided by the keep probability 0.75.
                assertTrue(first == 0f || Math.abs(first - 4f / 3f) < 1e-6, "value " + first);
                dropped += first == 0f ? 1 : 0;
            }
            // Binomial(4000, 0.25): mean 1000, standard deviation 27; allow 5 of them.
            assertTrue(Math.abs(dropped - 1000) < 140, dropped + " of 4000 dropped");
        }
    }
}
