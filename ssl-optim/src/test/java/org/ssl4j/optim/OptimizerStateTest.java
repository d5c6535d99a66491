package org.ssl4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.model.ResumableOptimizer;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/**
 * Optimizer state survives a save and restore into a fresh optimizer in another manager (as in
 * a resumed process): the continued updates are bit-identical to those of an optimizer that was
 * never interrupted. And the {@code adam} optimizer gives DJL's Adam bit for bit.
 */
class OptimizerStateTest {

    /** An in-memory checkpoint: arrays kept as their encoding, like the runtime's file. */
    private static final class Memory implements StateReader {
        final Map<String, byte[]> arrays = new LinkedHashMap<>();
        final Map<String, byte[]> bytes = new LinkedHashMap<>();

        StateWriter writer() {
            return new StateWriter() {
                @Override
                public void putArray(String key, NDArray value) {
                    arrays.put(key, value.encode());
                }

                @Override
                public void putBytes(String key, byte[] value) {
                    bytes.put(key, value.clone());
                }
            };
        }

        @Override
        public boolean contains(String key) {
            return arrays.containsKey(key) || bytes.containsKey(key);
        }

        @Override
        public NDArray getArray(String key, NDManager manager) {
            return manager.decode(arrays.get(key));
        }

        @Override
        public byte[] getBytes(String key) {
            return bytes.get(key).clone();
        }
    }

    private static float[] gradient(int step) {
        return new float[] {0.3f * (step % 3) - 0.4f, 1f / (step + 1), -0.05f * step};
    }

    /** Runs 7 updates; when {@code resumeAt >= 0} moves to a fresh optimizer after that many. */
    private static float[] train(OptimizerConfig config, int resumeAt) {
        try (NDManager first = NDManager.newBaseManager(); NDManager second = NDManager.newBaseManager()) {
            NDArray weight = first.create(new float[] {0.5f, -1f, 2f});
            ResumableOptimizer optimizer = config.create(20);
            for (int step = 0; step < 7; step++) {
                if (step == resumeAt) {
                    Memory memory = new Memory();
                    optimizer.saveState("w", memory.writer());
                    NDArray moved = second.create(weight.toFloatArray());
                    optimizer = config.create(20);
                    optimizer.restoreState("fresh-id", memory, moved);
                    weight = moved;
                    return continueFrom(optimizer, weight, step, "fresh-id");
                }
                try (NDArray grad = first.create(gradient(step))) {
                    optimizer.update("w", weight, grad);
                }
            }
            return weight.toFloatArray();
        }
    }

    private static float[] continueFrom(Optimizer optimizer, NDArray weight, int from, String id) {
        for (int step = from; step < 7; step++) {
            try (NDArray grad = weight.getManager().create(gradient(step))) {
                optimizer.update(id, weight, grad);
            }
        }
        return weight.toFloatArray();
    }

    @Test
    void sgdWithNesterovMomentumAndAScheduleContinuesBitForBit() {
        OptimizerConfig sgd = new SgdConfig(0.1, 0.9, true, 1e-3, new CosineScheduleConfig(2, null));
        float[] whole = train(sgd, -1);
        for (int resumeAt = 0; resumeAt < 7; resumeAt++) {
            assertArrayEquals(whole, train(sgd, resumeAt), "resumed after " + resumeAt + " updates");
        }
    }

    @Test
    void adamContinuesBitForBit() {
        OptimizerConfig adam = new AdamConfig(0.01, null, null, null, 1e-4, new CosineScheduleConfig(2, null));
        float[] whole = train(adam, -1);
        for (int resumeAt = 0; resumeAt < 7; resumeAt++) {
            assertArrayEquals(whole, train(adam, resumeAt), "resumed after " + resumeAt + " updates");
        }
    }

    @Test
    void savedStateHoldsTheCountAndTheBuffers() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(new float[] {1f, 2f});
            ResumableOptimizer adam = new AdamConfig(0.01, null, null, null, null, null).create(10);
            Memory before = new Memory();
            adam.saveState("w", before.writer());
            assertEquals(0, before.getLong("count"));
            assertFalse(before.contains("mean"));
            adam.update("w", weight, manager.create(new float[] {1f, -1f}));
            adam.update("w", weight, manager.create(new float[] {1f, -1f}));
            Memory after = new Memory();
            adam.saveState("w", after.writer());
            assertEquals(2, after.getLong("count"));
            assertTrue(after.contains("mean") && after.contains("variance"));
            // m = 0.9 * 0.1 * g + 0.1 * g = 0.19 g after two equal gradients
            assertArrayEquals(new float[] {0.19f, -0.19f}, after.getArray("mean", manager).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void adamGivesDjlsAdamBitForBit() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray ours = manager.create(new float[] {0.5f, -1f, 2f});
            NDArray theirs = ours.duplicate();
            ResumableOptimizer adam = new AdamConfig(0.01, 0.8, 0.99, 1e-6, 1e-3, null).create(10);
            Optimizer djl =
                    Adam.builder()
                            .optLearningRateTracker((id, t) -> 0.01f)
                            .optBeta1(0.8f)
                            .optBeta2(0.99f)
                            .optEpsilon(1e-6f)
                            .optWeightDecays(1e-3f)
                            .build();
            for (int step = 0; step < 5; step++) {
                adam.update("w", ours, manager.create(gradient(step)));
                djl.update("w", theirs, manager.create(gradient(step)));
                assertArrayEquals(theirs.toFloatArray(), ours.toFloatArray(), "update " + step);
            }
        }
    }
}
