package org.ssl4j.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.data.Augmentation;
import org.ssl4j.api.data.DataSpec;

class IdentityConfigTest {

    static final DataSpec VECTORS = new DataSpec(new Shape(3), 2, List.of("a", "b"), "test");

    @Test
    void returnsTheBatchUnchanged() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] values = {1f, -2f, 3f, 0.5f, 0f, 7f};
            NDArray batch = manager.create(values, new Shape(2, 3));
            Augmentation identity = new IdentityConfig().create(VECTORS);
            NDArray view = identity.apply(batch, new Random(1));
            assertSame(batch, view);
            assertArrayEquals(values, view.toFloatArray());
        }
    }
}
