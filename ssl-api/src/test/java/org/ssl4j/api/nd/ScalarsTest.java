package org.ssl4j.api.nd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The gradient through {@link Scalars#times} survives garbage collection between the forward and
 * the backward pass (with {@code x.mul(3f)} the same check reads freed memory).
 */
class ScalarsTest {

    @Test
    void theGradientOfAScaledValueIsRightAfterGarbageCollection() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.ones(new Shape(4));
            w.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                y = Scalars.times(w, 3.0).sum();
            }
            for (int i = 0; i < 20; i++) {
                ByteBuffer.allocateDirect(1 << 20).putFloat(0, 12345f);
                System.gc();
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(y);
            }
            try (NDArray gradient = w.getGradient()) {
                assertArrayEquals(new float[] {3f, 3f, 3f, 3f}, gradient.toFloatArray());
            }
        }
    }
}
