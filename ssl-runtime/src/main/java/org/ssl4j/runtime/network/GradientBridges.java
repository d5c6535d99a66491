package org.ssl4j.runtime.network;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Carries gradients from the primary device back into the replicas of data-parallel networks.
 *
 * <p>A replica computes its share of a batch on its own device; its output is copied to the
 * primary device for the method's losses. The engine's cross-device copy does not record a
 * graph, so the copy is made a leaf of its own (a <em>bridge</em>) and the replica's output is
 * remembered. After each backward pass the method starts, every bridge the pass reached hands
 * its gradient to its replica's output, which is back-propagated on the replica's device: the
 * replica's parameters get exactly the gradient they would have had if the graph crossed the
 * devices. A bridge is used once, as a network's graph is on a single device.
 *
 * <p>One instance per run; bridges belong to the step that made them and are dropped by {@link
 * #clear()} when it ends.
 */
public final class GradientBridges {

    private final List<Bridge> pending = new ArrayList<>();

    /** A replica's output and its copy on the primary device. */
    private record Bridge(NDArray replicaOutput, NDArray copy) {}

    /**
     * Copies a replica's output to the primary device as a leaf that records its gradient.
     *
     * @param replicaOutput an output recorded by autograd on a replica's device, owned by the
     *     step's manager
     * @param primary the primary device
     * @return the copy, in the same manager, to be used in place of the output
     */
    NDArray bridge(NDArray replicaOutput, Device primary) {
        NDArray copy = replicaOutput.toDevice(primary, false).stopGradient();
        copy.setRequiresGradient(true);
        pending.add(new Bridge(replicaOutput, copy));
        return copy;
    }

    /**
     * Back-propagates, on each replica, the gradients the last backward pass left on bridges,
     * and forgets those bridges. Bridges the pass did not reach wait for a later pass.
     */
    void flush() {
        boolean previous = EngineOps.setGradMode(false);
        try {
            Iterator<Bridge> it = pending.iterator();
            while (it.hasNext()) {
                Bridge bridge = it.next();
                NDArray gradient = EngineOps.gradientIfReached(bridge.copy());
                if (gradient == null) {
                    continue;
                }
                it.remove();
                NDArray onReplica = gradient.toDevice(bridge.replicaOutput().getDevice(), false);
                EngineOps.backward(bridge.replicaOutput(), onReplica);
                if (onReplica != gradient) {
                    onReplica.close();
                }
                gradient.close();
            }
        } finally {
            EngineOps.setGradMode(previous);
        }
    }

    /** Drops the bridges of the step that ended (their arrays were closed with it). */
    public void clear() {
        pending.clear();
    }

    /**
     * @param engine the engine's collector
     * @return a collector whose every backward pass also reaches the replicas
     */
    public GradientCollector around(GradientCollector engine) {
        return new GradientCollector() {
            @Override
            public void backward(NDArray target) {
                engine.backward(target);
                flush();
            }

            @Override
            public void zeroGradients() {
                engine.zeroGradients();
            }

            @Override
            public void close() {
                engine.close();
            }
        };
    }
}
