package org.ssl4j.runtime.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.models.basic.MlpConfig;
import org.ssl4j.models.basic.SmallCnnConfig;
import org.ssl4j.optim.SgdConfig;

/**
 * Data parallelism on the CPU: networks replicated on several copies of the CPU device must
 * train as one network on the whole batch, and their replicas must stay identical.
 */
class DataParallelTest {

    private static final DataSpec POINTS = new DataSpec(new Shape(2), 3, List.of("a", "b", "c"), "points");
    private static final DataSpec IMAGES = new DataSpec(new Shape(1, 8, 8), 3, List.of("a", "b", "c"), "images");
    private static final MlpConfig MLP = new MlpConfig(List.of(16, 16), "tanh", null);
    private static final SgdConfig SGD = new SgdConfig(0.2, 0.9, true, 1e-3, null);

    private static NetworkFactory factory(NDManager run, DataSpec data, int replicas) {
        return new NetworkFactory(
                data, new Budget(10, 4, 0), 1, run, Collections.nCopies(replicas, Device.cpu()), null);
    }

    private static List<float[]> parameters(Network network) {
        List<float[]> values = new ArrayList<>();
        for (Parameter p : ((DjlNetwork) network).block().getParameters().values()) {
            values.add(p.getArray().toFloatArray());
        }
        return values;
    }

    private static double largestDifference(List<float[]> a, List<float[]> b) {
        double largest = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).length; j++) {
                largest = Math.max(largest, Math.abs(a.get(i)[j] - b.get(i)[j]));
            }
        }
        return largest;
    }

    /** K supervised steps on batches of 10 (split 3/3/4 over three replicas), as a method writes them. */
    private static List<float[]> trainSupervised(int replicas, int steps) {
        Engine.getInstance().setRandomSeed(11);
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory networks = factory(run, POINTS, replicas);
            Network net = networks.trainable("student", MLP, SGD, 100);
            java.util.Random data = new java.util.Random(5);
            for (int s = 0; s < steps; s++) {
                try (NDManager step = run.newSubManager()) {
                    float[] xs = new float[20];
                    int[] ys = new int[10];
                    for (int i = 0; i < 10; i++) {
                        xs[2 * i] = (float) data.nextGaussian();
                        xs[2 * i + 1] = (float) data.nextGaussian();
                        ys[i] = (xs[2 * i] > 0 ? 1 : 0) + (xs[2 * i + 1] > 0.5 ? 1 : 0);
                    }
                    NDArray x = step.create(xs, new Shape(10, 2));
                    NDArray y = step.create(ys);
                    try (GradientCollector collector = networks.newGradientCollector()) {
                        NDArray logits = net.forward(x, true);
                        assertEquals(new Shape(10, 3), logits.getShape());
                        collector.backward(Losses.crossEntropy(logits, y, 0).mean());
                    }
                    net.update();
                } finally {
                    networks.endStep();
                }
            }
            return parameters(net);
        }
    }

    @Test
    void threeReplicasTrainAsOneNetworkOnTheWholeBatch() {
        List<float[]> initial = trainSupervised(1, 0);
        List<float[]> single = trainSupervised(1, 8);
        List<float[]> replicated = trainSupervised(3, 8);
        assertEquals(0, largestDifference(initial, trainSupervised(3, 0)), "replicas must not change the initial values");
        double moved = largestDifference(initial, single);
        assertTrue(moved > 0.05, "training moved the parameters by only " + moved);
        double difference = largestDifference(single, replicated);
        assertTrue(difference < 1e-5, "3 replicas differ from 1 by " + difference);
    }

    @Test
    void replicasHoldThePrimarysParametersAfterEveryUpdate() {
        Engine.getInstance().setRandomSeed(12);
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory networks = factory(run, POINTS, 2);
            Network net = networks.trainable("student", MLP, SGD, 100);
            Replicas replicas = replicasOf(net);
            for (int s = 0; s < 3; s++) {
                try (NDManager step = run.newSubManager()) {
                    NDArray x = step.randomNormal(new Shape(6, 2));
                    try (GradientCollector collector = networks.newGradientCollector()) {
                        collector.backward(net.forward(x, true).square().mean());
                    }
                    net.update();
                } finally {
                    networks.endStep();
                }
                List<float[]> primary = parameters(net);
                List<float[]> copy = parameters(replicas.copy(0));
                for (int i = 0; i < primary.size(); i++) {
                    assertArrayEquals(primary.get(i), copy.get(i), 0f);
                }
            }
            // A replica's gradients are consumed by the update, none is left waiting.
            for (Parameter p : replicas.copy(0).block().getParameters().values()) {
                try (NDArray g = p.getArray().getGradient()) {
                    assertEquals(0f, g.abs().sum().getFloat());
                }
            }
        }
    }

    @Test
    void dataParallelStepsLeaveNothingBehindInLongLivedManagers() {
        Engine.getInstance().setRandomSeed(17);
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory networks = factory(run, IMAGES, 3);
            Network net = networks.trainable("student", new SmallCnnConfig(), SGD, 100);
            NDManager own = ((DjlNetwork) net).manager();
            NDManager replica = replicasOf(net).copy(1).manager();
            int[] counts = new int[3];
            for (int s = 0; s < 12; s++) {
                try (NDManager step = run.newSubManager()) {
                    NDArray x = step.randomNormal(new Shape(7, 1, 8, 8));
                    NDArray y = step.randomInteger(0, 3, new Shape(7), ai.djl.ndarray.types.DataType.INT32);
                    try (GradientCollector collector = networks.newGradientCollector()) {
                        collector.backward(Losses.crossEntropy(net.forward(x, true), y, 0).mean());
                    }
                    net.update();
                    net.forward(x, false);
                } finally {
                    networks.endStep();
                }
                if (s == 1) {
                    counts[0] = own.getManagedArrays().size();
                    counts[1] = replica.getManagedArrays().size();
                    counts[2] = run.getManagedArrays().size();
                }
            }
            assertEquals(counts[0], own.getManagedArrays().size(), "the primary's manager grew");
            assertEquals(counts[1], replica.getManagedArrays().size(), "a replica's manager grew");
            assertEquals(counts[2], run.getManagedArrays().size(), "the run's manager grew");
        }
    }

    @Test
    void aRestoredCheckpointReachesTheReplicas() {
        Engine.getInstance().setRandomSeed(18);
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory networks = factory(run, POINTS, 2);
            DjlNetwork net = (DjlNetwork) networks.trainable("student", MLP, SGD, 100);
            org.ssl4j.runtime.run.CheckpointFile saved = new org.ssl4j.runtime.run.CheckpointFile();
            net.saveState(saved.writer());
            List<float[]> before = parameters(net);
            try (NDManager step = run.newSubManager()) {
                try (GradientCollector collector = networks.newGradientCollector()) {
                    collector.backward(net.forward(step.randomNormal(new Shape(6, 2)), true).square().mean());
                }
                net.update();
            } finally {
                networks.endStep();
            }
            assertTrue(largestDifference(before, parameters(replicasOf(net).copy(0))) > 0, "the update reached the replica");
            net.restoreState(saved);
            assertEquals(0, largestDifference(before, parameters(net)));
            assertEquals(0, largestDifference(before, parameters(replicasOf(net).copy(0))));
        }
    }

    @Test
    void copiesAveragesAndEvaluationReachTheReplicas() {
        Engine.getInstance().setRandomSeed(13);
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory single = factory(run, POINTS, 1);
            NetworkFactory networks = factory(run, POINTS, 3);
            Network source = single.trainable("source", MLP, SGD, 10);
            Network teacher = networks.frozen("teacher", MLP);
            teacher.copyFrom(source);
            try (NDManager step = run.newSubManager()) {
                NDArray x = step.randomNormal(new Shape(7, 2));
                assertArrayEquals(source.forward(x, false).toFloatArray(), teacher.forward(x, false).toFloatArray(), 1e-6f);
                Network other = single.trainable("other", MLP, SGD, 10);
                teacher.averageFrom(other, 0.5f);
                source.averageFrom(other, 0.5f);
                assertArrayEquals(source.forward(x, false).toFloatArray(), teacher.forward(x, false).toFloatArray(), 1e-6f);
            }
        }
    }

    @Test
    void batchNormRunningMeanIsTheWholeBatchsAndEveryReplicaHoldsIt() {
        List<float[]> statistics = new ArrayList<>();
        for (int replicas : new int[] {1, 2}) {
            Engine.getInstance().setRandomSeed(14);
            try (NDManager run = NDManager.newBaseManager()) {
                NetworkFactory networks = factory(run, IMAGES, replicas);
                Network net = networks.trainable("student", new SmallCnnConfig(), SGD, 10);
                try (NDManager step = run.newSubManager()) {
                    NDArray x = step.randomNormal(new Shape(8, 1, 8, 8)).add(step.arange(8f).reshape(8, 1, 1, 1));
                    net.forward(x, true);
                }
                List<Parameter> params = ((DjlNetwork) net).block().getParameters().values();
                int mean = indexOf(params, Parameter.Type.RUNNING_MEAN);
                int variance = indexOf(params, Parameter.Type.RUNNING_VAR);
                statistics.add(params.get(mean).getArray().toFloatArray());
                statistics.add(params.get(variance).getArray().toFloatArray());
                if (replicas > 1) {
                    List<Parameter> copy = replicasOf(net).copy(0).block().getParameters().values();
                    assertArrayEquals(statistics.get(2), copy.get(mean).getArray().toFloatArray(), 0f);
                    assertArrayEquals(statistics.get(3), copy.get(variance).getArray().toFloatArray(), 0f);
                }
            }
        }
        assertArrayEquals(statistics.get(0), statistics.get(2), 1e-5f);
        // The parts' variances leave out the spread between the parts' means (the inputs were
        // shifted per example), so the averaged running variance is smaller: documented.
        float[] whole = statistics.get(1);
        float[] parts = statistics.get(3);
        assertTrue(parts[0] < whole[0], "variance " + parts[0] + " vs " + whole[0]);
    }

    @Test
    void aBatchSmallerThanTheReplicaCountUsesFewerReplicas() {
        Engine.getInstance().setRandomSeed(15);
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory single = factory(run, POINTS, 1);
            NetworkFactory networks = factory(run, POINTS, 4);
            Network reference = single.trainable("reference", MLP, SGD, 10);
            Network net = networks.trainable("student", MLP, SGD, 10);
            net.copyFrom(reference);
            try (NDManager step = run.newSubManager()) {
                NDArray x = step.randomNormal(new Shape(2, 2));
                assertArrayEquals(reference.forward(x, false).toFloatArray(), net.forward(x, false).toFloatArray(), 1e-6f);
            }
        }
    }

    @Test
    void inputsThatRecordAGradientAreRefusedNotSilentlyCut() {
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory networks = factory(run, POINTS, 2);
            Network net = networks.trainable("student", MLP, SGD, 10);
            try (NDManager step = run.newSubManager()) {
                NDArray x = step.randomNormal(new Shape(4, 2));
                x.setRequiresGradient(true);
                try (GradientCollector collector = networks.newGradientCollector()) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.forward(x, true));
                    assertTrue(e.getMessage().contains("'student'") && e.getMessage().contains("inputs"), e.getMessage());
                }
            } finally {
                networks.endStep();
            }
        }
    }

    @Test
    void withoutTheRunsCollectorTheReplicasWouldGetNoGradient() {
        // The control for the bridges: the engine's own collector stops at the copy to the primary.
        Engine.getInstance().setRandomSeed(16);
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory networks = factory(run, POINTS, 2);
            Network net = networks.trainable("student", MLP, SGD, 10);
            NDArray replicaWeight = replicasOf(net).copy(0).block().getParameters().valueAt(0).getArray();
            float[] sums = new float[2];
            for (int way = 0; way < 2; way++) {
                try (NDManager step = run.newSubManager()) {
                    NDArray x = step.randomNormal(new Shape(6, 2));
                    try (GradientCollector collector =
                            way == 0 ? Engine.getInstance().newGradientCollector() : networks.newGradientCollector()) {
                        collector.backward(net.forward(x, true).square().mean());
                    }
                    NDArray g = EngineOps.gradientIfReached(replicaWeight);
                    sums[way] = g == null ? 0 : g.abs().sum().getFloat();
                    EngineOps.zeroGradient(replicaWeight);
                } finally {
                    networks.endStep();
                }
            }
            assertEquals(0f, sums[0]);
            assertNotEquals(0f, sums[1]);
        }
    }

    @Test
    void eachReplicaComputesInAManagerOfItsOwnDeviceClosedWithTheStep() {
        Recording.seen.clear();
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory networks = factory(run, POINTS, 3);
            Network net = networks.trainable("student", new RecordingBackbone(), SGD, 10);
            Recording.seen.clear();
            NDManager step = run.newSubManager();
            try (GradientCollector collector = networks.newGradientCollector()) {
                NDArray logits = net.forward(step.randomNormal(new Shape(9, 2)), true);
                assertEquals(step, logits.getManager(), "the joined outputs belong to the step");
                collector.backward(logits.sum());
            }
            net.update();
            networks.endStep();
            step.close();
            // A block that creates arrays from its input's manager (a drop-path mask) must create
            // them on the device it computes on: the primary's part uses the step's manager, each
            // replica's part a manager made for that replica's device.
            assertEquals(3, Recording.seen.size());
            assertEquals(step, Recording.seen.get(0));
            for (int i = 1; i < 3; i++) {
                NDManager local = Recording.seen.get(i);
                assertNotEquals(step, local);
                assertEquals(step, local.getParentManager());
                assertEquals(replicasOf(net).copy(i - 1).manager().getDevice(), local.getDevice());
                assertTrue(!local.isOpen(), "closed with the step");
            }
            assertNotEquals(Recording.seen.get(1), Recording.seen.get(2));
        }
    }

    /** A linear layer that records the manager of the inputs it is given. */
    private static final class Recording extends ai.djl.nn.AbstractBlock {
        static final List<NDManager> seen = new ArrayList<>();
        private final ai.djl.nn.Block linear;

        Recording() {
            linear = addChildBlock("linear", ai.djl.nn.core.Linear.builder().setUnits(3).build());
        }

        @Override
        protected ai.djl.ndarray.NDList forwardInternal(
                ai.djl.training.ParameterStore store,
                ai.djl.ndarray.NDList inputs,
                boolean training,
                ai.djl.util.PairList<String, Object> params) {
            NDArray x = inputs.head();
            seen.add(x.getManager());
            NDArray mask = x.getManager().ones(x.getShape());
            return linear.forward(store, new ai.djl.ndarray.NDList(x.mul(mask)), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return linear.getOutputShapes(inputShapes);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, ai.djl.ndarray.types.DataType type, Shape... shapes) {
            linear.initialize(manager, type, shapes);
        }
    }

    /** Builds {@link Recording}. */
    private record RecordingBackbone() implements BackboneConfig {
        @Override
        public ai.djl.nn.Block build(DataSpec data) {
            return new Recording();
        }
    }

    private static int indexOf(List<Parameter> params, Parameter.Type type) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).getType() == type) {
                return i;
            }
        }
        throw new AssertionError("no " + type);
    }

    private static Replicas replicasOf(Network network) {
        return ((DjlNetwork) network).replicas();
    }
}
