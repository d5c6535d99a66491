package org.ssl4j.mpl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.testkit.fixtures.BlockNetwork;
import org.ssl4j.testkit.fixtures.MlpBackbone;
import org.ssl4j.testkit.fixtures.TestMethodContext;
import org.ssl4j.testkit.fixtures.TestSgd;
import org.ssl4j.testkit.fixtures.TestStepContext;
import org.ssl4j.testkit.fixtures.ToyData;

/** Gradient-norm clipping scales the whole gradient to the limit and leaves a small one alone. */
class NetworkArraysTest {

    @Test
    void clippingScalesTheGlobalNormToTheLimitAndReportsTheNormBefore() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BlockNetwork network = networkWithGradients(manager);
            double before = norm(network, manager);
            double reported = NetworkArrays.clipGradientNorm(network, before / 4);
            assertEquals(before, reported, before * 1e-5);
            assertEquals(before / 4, norm(network, manager), before * 1e-4);
            double unchanged = norm(network, manager);
            NetworkArrays.clipGradientNorm(network, unchanged * 10);
            assertEquals(unchanged, norm(network, manager), unchanged * 1e-6);
        }
    }

    private static BlockNetwork networkWithGradients(NDManager manager) {
        TestMethodContext context = new TestMethodContext(ToyData.SPEC, ToyData.train(1, 1), manager);
        BlockNetwork network =
                (BlockNetwork) context.trainable("net", new MlpBackbone(8), new TestSgd(0.1f), 1);
        LabeledBatch labeled = ToyData.labeled(manager);
        try (GradientCollector collector =
                TestStepContext.of(0, manager, labeled, null).newGradientCollector()) {
            NDArray loss = Losses.crossEntropy(network.forward(labeled.inputs(), true), labeled.labels(), 0f).mean();
            collector.backward(loss);
        }
        return network;
    }

    private static double norm(BlockNetwork network, NDManager manager) {
        List<NDArray> gradients = NetworkArrays.copyGradients(network, manager);
        double squared = NetworkArrays.dot(gradients, gradients);
        assertTrue(squared > 0, "the test needs a non-zero gradient");
        return Math.sqrt(squared);
    }
}
