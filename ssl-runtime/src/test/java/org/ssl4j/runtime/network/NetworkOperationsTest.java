package org.ssl4j.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.models.basic.MlpConfig;
import org.ssl4j.optim.SgdConfig;

/**
 * The SPI's network operations (clipping, parameter and gradient copies, zeroing) on one device
 * and on replicas: with replicas, every operation must see the whole batch's gradient, the one
 * the update applies, so a clipped data-parallel step equals a clipped single-device step.
 */
class NetworkOperationsTest {

    private static final DataSpec POINTS = new DataSpec(new Shape(2), 3, List.of("a", "b", "c"), "points");
    private static final MlpConfig MLP = new MlpConfig(List.of(16), "tanh", null);

    /** A network on {@code devices} copies of the CPU with the gradient of one batch of 10. */
    private static DjlNetwork withGradients(NDManager run, NetworkFactory networks, NDManager step) {
        DjlNetwork net = (DjlNetwork) networks.trainable("student", MLP, SgdConfig.of(0.5), 100);
        Random data = new Random(5);
        float[] xs = new float[20];
        int[] ys = new int[10];
        for (int i = 0; i < 10; i++) {
            xs[2 * i] = (float) data.nextGaussian();
            xs[2 * i + 1] = (float) data.nextGaussian();
            ys[i] = i % 3;
        }
        try (GradientCollector collector = networks.newGradientCollector()) {
            NDArray logits = net.forward(step.create(xs, new Shape(10, 2)), true);
            collector.backward(Losses.crossEntropy(logits, step.create(ys), 0).mean());
        } finally {
            networks.endStep();
        }
        return net;
    }

    private static NetworkFactory factory(NDManager run, int devices) {
        return new NetworkFactory(POINTS, new Budget(10, 4, 0), 1, run, Collections.nCopies(devices, Device.cpu()), null);
    }

    private static double norm(List<NDArray> arrays) {
        double squares = 0;
        for (NDArray array : arrays) {
            for (float v : array.toFloatArray()) {
                squares += (double) v * v;
            }
        }
        return Math.sqrt(squares);
    }

    private static List<float[]> values(List<NDArray> arrays) {
        List<float[]> out = new ArrayList<>();
        arrays.forEach(a -> out.add(a.toFloatArray()));
        return out;
    }

    private static double largestDifference(List<float[]> a, List<float[]> b) {
        assertEquals(a.size(), b.size());
        double largest = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).length; j++) {
                largest = Math.max(largest, Math.abs(a.get(i)[j] - b.get(i)[j]));
            }
        }
        return largest;
    }

    /** Clips to a quarter of the norm, updates, and returns norm before, norm after, parameters. */
    private static Object[] clippedStep(int devices) {
        Engine.getInstance().setRandomSeed(11);
        try (NDManager run = NDManager.newBaseManager(); NDManager step = run.newSubManager()) {
            NetworkFactory networks = factory(run, devices);
            DjlNetwork net = withGradients(run, networks, step);
            double whole = norm(net.gradients(step));
            double reported = net.clipGradientNorm(whole / 4);
            double clipped = norm(net.gradients(step));
            net.update();
            return new Object[] {whole, reported, clipped, values(net.parameters(step))};
        }
    }

    @Test
    void clippingScalesTheWholeGradientToTheLimitAndReportsTheNormBefore() {
        Object[] one = clippedStep(1);
        double whole = (double) one[0];
        assertTrue(whole > 0.01, "the test needs a gradient, got norm " + whole);
        assertEquals(whole, (double) one[1], whole * 1e-5, "the norm before clipping");
        assertEquals(whole / 4, (double) one[2], whole * 1e-4, "the norm after clipping");
    }

    @Test
    void onReplicasClippingActsOnTheSummedGradientTheUpdateApplies() {
        Object[] one = clippedStep(1);
        Object[] three = clippedStep(3);
        assertEquals((double) one[0], (double) three[0], 1e-5, "gradients() sees the whole batch's gradient");
        assertEquals((double) one[1], (double) three[1], 1e-5, "clipGradientNorm measures the whole batch's gradient");
        assertEquals((double) one[2], (double) three[2], 1e-5, "and scales it");
        @SuppressWarnings("unchecked")
        double difference = largestDifference((List<float[]>) one[3], (List<float[]>) three[3]);
        assertTrue(difference < 1e-6, "a clipped step on 3 replicas differs from one device by " + difference);
    }

    @Test
    void aNormBelowTheLimitIsLeftAlone() {
        Engine.getInstance().setRandomSeed(11);
        try (NDManager run = NDManager.newBaseManager(); NDManager step = run.newSubManager()) {
            DjlNetwork net = withGradients(run, factory(run, 1), step);
            List<float[]> before = values(net.gradients(step));
            double norm = net.clipGradientNorm(1e6);
            assertEquals(norm(net.gradients(step)), norm, norm * 1e-5);
            assertEquals(0, largestDifference(before, values(net.gradients(step))));
            assertThrows(IllegalArgumentException.class, () -> net.clipGradientNorm(0));
            assertThrows(IllegalArgumentException.class, () -> net.clipGradientNorm(Double.NaN));
        }
    }

    @Test
    void zeroedGradientsLeaveTheNextUpdateWithoutEffectOnEveryReplica() {
        Engine.getInstance().setRandomSeed(11);
        try (NDManager run = NDManager.newBaseManager(); NDManager step = run.newSubManager()) {
            DjlNetwork net = withGradients(run, factory(run, 3), step);
            List<float[]> before = values(net.parameters(step));
            net.zeroGradients();
            assertEquals(0, norm(net.gradients(step)), "the primary's and the replicas' gradients are cleared");
            net.update();
            assertEquals(0, largestDifference(before, values(net.parameters(step))), "plain SGD on a zero gradient");
            assertEquals(1, net.updates());
        }
    }

    @Test
    void setParametersReachesTheReplicasAndCopiesAreIndependent() {
        Engine.getInstance().setRandomSeed(11);
        try (NDManager run = NDManager.newBaseManager(); NDManager step = run.newSubManager()) {
            NetworkFactory networks = factory(run, 2);
            DjlNetwork net = (DjlNetwork) networks.trainable("student", MLP, SgdConfig.of(0.5), 100);
            List<NDArray> original = net.parameters(step);
            List<float[]> saved = values(original);
            List<NDArray> shifted = new ArrayList<>();
            original.forEach(p -> shifted.add(p.add(1f)));
            net.setParameters(shifted);
            assertEquals(0, largestDifference(saved, values(original)), "a copy does not follow the network");
            List<float[]> now = values(net.parameters(step));
            for (int i = 0; i < now.size(); i++) {
                for (int j = 0; j < now.get(i).length; j++) {
                    assertEquals(saved.get(i)[j] + 1f, now.get(i)[j], 1e-6f);
                }
            }
            List<Parameter> replica = net.replicas().copy(0).block().getParameters().values();
            List<float[]> replicaValues = new ArrayList<>();
            replica.forEach(p -> replicaValues.add(p.getArray().toFloatArray()));
            assertEquals(0, largestDifference(now, replicaValues), "the replica holds the new values");
            IllegalArgumentException wrong =
                    assertThrows(IllegalArgumentException.class, () -> net.setParameters(shifted.subList(0, 1)));
            assertTrue(wrong.getMessage().contains("trainable parameters"), wrong.getMessage());
        }
    }

    @Test
    void aFrozenNetworkHasNoTrainableParameters() {
        try (NDManager run = NDManager.newBaseManager(); NDManager step = run.newSubManager()) {
            Network frozen = factory(run, 1).frozen("teacher", MLP);
            assertEquals(List.of(), frozen.parameters(step));
            assertEquals(0, frozen.clipGradientNorm(1.0));
        }
    }
}
