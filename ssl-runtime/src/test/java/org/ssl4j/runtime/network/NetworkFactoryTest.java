package org.ssl4j.runtime.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.models.basic.MlpConfig;
import org.ssl4j.optim.SgdConfig;

/** The runtime's networks: updates, copies, averages, and no growth of native memory. */
class NetworkFactoryTest {

    private static final DataSpec DATA = new DataSpec(new Shape(2), 2, List.of("a", "b"), "test");
    private static final MlpConfig MLP = MlpConfig.of(List.of(8));

    private static NetworkFactory factory(NDManager manager) {
        return new NetworkFactory(DATA, new Budget(10, 4, 0), 1, manager);
    }

    private static float loss(Network network, NDManager manager, boolean learn) {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(new float[] {1, 2, -1, 0.5f, 0, 0, 3, -2}, new Shape(4, 2));
            NDArray y = step.create(new int[] {0, 1, 0, 1});
            float value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = Losses.crossEntropy(network.forward(x, true), y, 0).mean();
                value = loss.getFloat();
                if (learn) {
                    collector.backward(loss);
                }
            }
            if (learn) {
                network.update();
            }
            return value;
        }
    }

    @Test
    void updatesLowerTheLossAndLeaveNothingBehindInTheNetworksManager() {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory networks = factory(run);
            Network net = networks.trainable("student", MLP, new SgdConfig(0.5, 0.9, true, 1e-4, null), 100);
            NDManager own = networks.networks().get("student").manager();
            float first = loss(net, run, true);
            int arraysAfterFirstUpdate = own.getManagedArrays().size(); // momentum buffers now exist
            float last = first;
            for (int i = 0; i < 50; i++) {
                last = loss(net, run, true);
            }
            assertTrue(last < first / 2, "loss " + first + " -> " + last);
            assertEquals(arraysAfterFirstUpdate, own.getManagedArrays().size());
            assertEquals(51, net.updates());
        }
    }

    @Test
    void copyAndAverageMoveParametersAsDocumented() {
        Engine.getInstance().setRandomSeed(2);
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory networks = factory(run);
            Network student = networks.trainable("student", MLP, SgdConfig.of(0.1), 10);
            Network teacher = networks.frozen("teacher", MLP);
            Parameter s = ((DjlNetwork) student).block().getParameters().valueAt(0);
            Parameter t = ((DjlNetwork) teacher).block().getParameters().valueAt(0);
            assertFalse(java.util.Arrays.equals(s.getArray().toFloatArray(), t.getArray().toFloatArray()));

            teacher.copyFrom(student);
            assertArrayEquals(s.getArray().toFloatArray(), t.getArray().toFloatArray());

            float[] before = t.getArray().toFloatArray();
            loss(student, run, true);
            float[] moved = s.getArray().toFloatArray();
            int arrays = networks.networks().get("teacher").manager().getManagedArrays().size();
            teacher.averageFrom(student, 0.9f);
            float[] averaged = t.getArray().toFloatArray();
            for (int i = 0; i < averaged.length; i++) {
                assertEquals(0.9f * before[i] + 0.1f * moved[i], averaged[i], 1e-6);
            }
            assertEquals(arrays, networks.networks().get("teacher").manager().getManagedArrays().size());
        }
    }

    @Test
    void theScopedForwardGivesTheBlocksOwnLogitsAndGradients() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager run = NDManager.newBaseManager()) {
            Network net = factory(run).trainable("student", MlpConfig.of(List.of(8, 8)),
                    SgdConfig.of(0.1), 10);
            NDArray weight = ((DjlNetwork) net).block().getParameters().valueAt(0).getArray();
            float[][] logits = new float[2][];
            float[][] gradients = new float[2][];
            for (int way = 0; way < 2; way++) {
                try (NDManager step = run.newSubManager()) {
                    NDArray x = step.create(new float[] {1, 2, -1, 0.5f, 0, 0, 3, -2}, new Shape(4, 2));
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray out = way == 0
                                ? net.forward(x, true)
                                : ((DjlNetwork) net).block().forward(new ai.djl.training.ParameterStore(step, false),
                                        new ai.djl.ndarray.NDList(x), true).singletonOrThrow();
                        logits[way] = out.toFloatArray();
                        collector.backward(out.square().sum());
                    }
                    try (NDArray g = weight.getGradient()) {
                        gradients[way] = g.toFloatArray();
                    }
                    EngineOps.zeroGradient(weight);
                    // Every array of the step belongs to the step's manager, none escaped to the network's.
                    assertTrue(step.getManagedArrays().size() > 0);
                }
            }
            assertArrayEquals(logits[1], logits[0], 0f);
            assertArrayEquals(gradients[1], gradients[0], 0f);
        }
    }

    @Test
    void aFrozenNetworkRecordsNoGradientAndCannotUpdate() {
        try (NDManager run = NDManager.newBaseManager()) {
            Network frozen = factory(run).frozen("teacher", MLP);
            assertFalse(((DjlNetwork) frozen).block().getParameters().valueAt(0).requiresGradient());
            assertThrows(IllegalStateException.class, frozen::update);
        }
    }

    @Test
    void namesMustBeUnique() {
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory networks = factory(run);
            networks.frozen("teacher", MLP);
            assertThrows(IllegalArgumentException.class, () -> networks.frozen("teacher", MLP));
        }
    }

    @Test
    void namesAComponentConfigAsRegisteredOrElseByItsClass() {
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory networks = new NetworkFactory(
                    DATA,
                    new Budget(10, 4, 0),
                    1,
                    run,
                    List.of(run.getDevice()),
                    config -> {
                        if (config instanceof SgdConfig) {
                            return "sgd";
                        }
                        throw new IllegalArgumentException("not registered");
                    });
            assertEquals("sgd", networks.nameOf(SgdConfig.of(0.1)));
            assertEquals("MlpConfig", networks.nameOf(MlpConfig.of(List.of(4))));
            assertEquals("MlpConfig", factory(run).nameOf(MlpConfig.of(List.of(4))), "without a registry");
            assertEquals(new Budget(10, 4, 0), networks.budget());
        }
    }
}
