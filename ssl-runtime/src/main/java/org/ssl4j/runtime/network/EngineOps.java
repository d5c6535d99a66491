package org.ssl4j.runtime.network;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The few PyTorch-engine calls the runtime needs that DJL's engine-neutral API lacks. Kept in
 * one place so the rest of the runtime, and every plugin, stays engine-neutral.
 */
public final class EngineOps {

    private EngineOps() {}

    /**
     * Turns autograd recording off or on for the calling thread. DJL turns it on only inside a
     * gradient collector, but only on the thread that loaded the engine is it off by default.
     *
     * @param enabled whether operations record a graph
     * @return the previous setting
     */
    public static boolean setGradMode(boolean enabled) {
        Engine.getInstance();
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
        return previous;
    }

    /**
     * Zeroes a parameter's gradient in place without allocating.
     *
     * @param parameter a parameter array of the PyTorch engine that has a gradient
     */
    public static void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }

    /**
     * Sets libtorch's intra-op thread count for the process.
     *
     * @param threads at least 1
     */
    public static void setThreads(int threads) {
        Engine.getInstance();
        JniUtils.setNumThreads(threads);
    }

    /**
     * @return libtorch's intra-op thread count
     */
    public static int threads() {
        Engine.getInstance();
        return JniUtils.getNumThreads();
    }
}
