package org.ssl4j.runtime.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.model.ResumableOptimizer;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;
import org.ssl4j.models.basic.SmallCnnConfig;
import org.ssl4j.optim.AdamConfig;
import org.ssl4j.optim.SgdConfig;

/**
 * The fused update (all trainable parameters, gradients and optimizer state in one flat array
 * each) against the same optimizer updating one parameter at a time, as before: a small CNN
 * trained 100 steps with norm clipping both ways ends within 1e-4 in every parameter (batch-norm
 * statistics included). Halfway, the two swap checkpoints, so a fused network resumes from a
 * per-parameter checkpoint and the other way round. And a non-finite gradient is refused, named
 * and cleared in the flat layout too.
 */
class FusedUpdateTest {

    private static final DataSpec IMAGES = new DataSpec(
            new Shape(1, 8, 8), 10, IntStream.range(0, 10).mapToObj(String::valueOf).toList(), "random");
    private static final int BATCH = 8;

    /** The same optimizer, which the runtime then updates one parameter at a time. */
    private static final class OneByOne extends ResumableOptimizer {
        private final ResumableOptimizer inner;

        OneByOne(ResumableOptimizer inner) {
            super(new Settings());
            this.inner = inner;
        }

        @Override
        public void update(String parameterId, NDArray weight, NDArray grad) {
            inner.update(parameterId, weight, grad);
        }

        @Override
        public void saveState(String parameterId, StateWriter state) {
            inner.saveState(parameterId, state);
        }

        @Override
        public void restoreState(String parameterId, StateReader state, NDArray weight) {
            inner.restoreState(parameterId, state, weight);
        }

        private static final class Settings extends OptimizerBuilder<Settings> {
            @Override
            protected Settings self() {
                return this;
            }
        }
    }

    /** An in-memory checkpoint, arrays kept as their encoding like the runtime's file. */
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

    private static OptimizerConfig optimizer(String name) {
        return name.equals("adam")
                ? new AdamConfig(1e-3, null, null, null, 5e-4, null)
                : new SgdConfig(0.05, 0.9, true, 5e-4, null);
    }

    /** One training step on batch {@code seed}, its gradient norm clipped to 1. */
    private static void step(NetworkFactory networks, DjlNetwork net, NDManager run, int seed, float poison) {
        step(networks, net, run, seed, poison, true);
    }

    private static void step(
            NetworkFactory networks, DjlNetwork net, NDManager run, int seed, float poison, boolean clip) {
        Random random = new Random(seed);
        float[] xs = new float[BATCH * 64];
        int[] ys = new int[BATCH];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) random.nextGaussian();
        }
        xs[0] += poison;
        for (int i = 0; i < BATCH; i++) {
            ys[i] = random.nextInt(10);
        }
        try (NDManager step = run.newSubManager()) {
            try (GradientCollector collector = networks.newGradientCollector()) {
                NDArray logits = net.forward(step.create(xs, new Shape(BATCH, 1, 8, 8)), true);
                collector.backward(Losses.crossEntropy(logits, step.create(ys), 0).mean());
            } finally {
                networks.endStep();
            }
            if (clip) {
                net.clipGradientNorm(1.0);
            }
            net.update();
        }
    }

    /** Every parameter's values by name, running statistics included. */
    private static Map<String, float[]> values(DjlNetwork net) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : net.block().getParameters()) {
            out.put(pair.getKey(), pair.getValue().getArray().toFloatArray());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam"})
    void fusedAndPerParameterUpdatesAgreeWithin1e4After100Steps(String name) {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory networks = new NetworkFactory(IMAGES, new Budget(100, BATCH, 0), 3, run);
            OptimizerConfig config = optimizer(name);
            DjlNetwork fused = (DjlNetwork) networks.trainable("fused", new SmallCnnConfig(), config, 100);
            DjlNetwork single = (DjlNetwork) networks.trainable(
                    "single", new SmallCnnConfig(), total -> new OneByOne(config.create(total)), 100);
            assertTrue(fused.isFused(), "sgd and adam are elementwise: the runtime fuses their update");
            assertFalse(single.isFused());
            try (NDManager scratch = run.newSubManager()) {
                single.setParameters(fused.parameters(scratch));
            }
            Map<String, float[]> initial = values(fused);
            assertEquals(initial.keySet(), values(single).keySet());
            for (int i = 0; i < 100; i++) {
                if (i == 50) {
                    Memory fromFused = new Memory();
                    Memory fromSingle = new Memory();
                    fused.saveState(fromFused.writer());
                    single.saveState(fromSingle.writer());
                    assertEquals(fromSingle.arrays.keySet(), fromFused.arrays.keySet(), "checkpoints keep one layout");
                    fused.restoreState(fromSingle);
                    single.restoreState(fromFused);
                }
                step(networks, fused, run, i, 0);
                step(networks, single, run, i, 0);
            }
            assertEquals(100, fused.updates());
            Map<String, float[]> a = values(fused);
            Map<String, float[]> b = values(single);
            double largest = 0;
            double moved = 0;
            for (String parameter : a.keySet()) {
                for (int k = 0; k < a.get(parameter).length; k++) {
                    largest = Math.max(largest, Math.abs(a.get(parameter)[k] - b.get(parameter)[k]));
                    moved = Math.max(moved, Math.abs(a.get(parameter)[k] - initial.get(parameter)[k]));
                }
            }
            assertTrue(moved > 1e-2, "the parameters must have trained, moved at most " + moved);
            assertTrue(largest <= 1e-4, name + ": fused and per-parameter differ by " + largest);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam"})
    void withoutClippingFusedAndPerParameterUpdatesGiveTheSameBits(String name) {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory networks = new NetworkFactory(IMAGES, new Budget(100, BATCH, 0), 5, run);
            OptimizerConfig config = optimizer(name);
            DjlNetwork fused = (DjlNetwork) networks.trainable("fused", new SmallCnnConfig(), config, 100);
            DjlNetwork single = (DjlNetwork) networks.trainable(
                    "single", new SmallCnnConfig(), total -> new OneByOne(config.create(total)), 100);
            try (NDManager scratch = run.newSubManager()) {
                single.setParameters(fused.parameters(scratch));
            }
            for (int i = 0; i < 30; i++) {
                step(networks, fused, run, i, 0, false);
                step(networks, single, run, i, 0, false);
            }
            Map<String, float[]> a = values(fused);
            Map<String, float[]> b = values(single);
            for (String parameter : a.keySet()) {
                assertArrayEquals(b.get(parameter), a.get(parameter), name + ": " + parameter);
            }
        }
    }

    @Test
    void aNonFiniteGradientIsRefusedNamedAndClearedInTheFlatLayout() {
        Engine.getInstance().setRandomSeed(4);
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory networks = new NetworkFactory(IMAGES, new Budget(100, BATCH, 0), 4, run);
            DjlNetwork net = (DjlNetwork) networks.trainable("student", new SmallCnnConfig(), optimizer("sgd"), 100);
            assertTrue(net.isFused());
            step(networks, net, run, 0, 0);
            Map<String, float[]> before = values(net);
            List<String> trainable = new ArrayList<>();
            for (Pair<String, Parameter> pair : net.block().getParameters()) {
                if (pair.getValue().requiresGradient()) {
                    trainable.add(pair.getKey());
                }
            }
            step(networks, net, run, 1, Float.NaN);
            List<NonFiniteGradients.Refusal> refused = networks.nonFiniteGradients().drain();
            assertEquals(1, refused.size());
            assertEquals("student", refused.get(0).network());
            assertTrue(trainable.contains(refused.get(0).parameter()), refused.get(0).parameter());
            assertFalse(Float.isFinite(refused.get(0).largest()));
            assertEquals(1, net.updates());
            Map<String, float[]> after = values(net);
            for (String parameter : trainable) {
                assertArrayEquals(before.get(parameter), after.get(parameter), parameter + " changed");
            }
            step(networks, net, run, 2, 0);
            assertEquals(2, net.updates(), "the NaN gradient was cleared: the next step updates");
            assertTrue(networks.nonFiniteGradients().drain().isEmpty());
            Map<String, float[]> last = values(net);
            assertTrue(trainable.stream().allMatch(parameter -> isFinite(last.get(parameter))));
        }
    }

    private static boolean isFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
