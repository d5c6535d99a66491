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
     * @return whether operations on the calling thread record an autograd graph
     */
    public static boolean isGradMode() {
        Engine.getInstance();
        return JniUtils.isGradMode();
    }

    /**
     * @param array an array of the PyTorch engine
     * @return whether it is a leaf that requires a gradient; the engine answers false for the
     *     results of recorded operations, so this says nothing about those
     */
    public static boolean requiresGradient(NDArray array) {
        return JniUtils.requiresGrad((PtNDArray) array);
    }

    /**
     * Reads the gradient a backward pass left on a leaf, without making one up when none did.
     *
     * @param leaf an array of the PyTorch engine that requires a gradient
     * @return its gradient, a new array owned by the leaf's manager that the caller closes; null
     *     when no backward pass has reached the leaf
     */
    public static NDArray gradientIfReached(NDArray leaf) {
        return JniUtils.getGradient((PtNDArray) leaf);
    }

    /**
     * Back-propagates from a non-scalar output with the gradient of the loss with respect to it
     * (a vector-Jacobian product), freeing the output's graph afterwards.
     *
     * @param output an array recorded by autograd
     * @param gradient the loss's gradient with respect to {@code output}: same shape and device
     */
    public static void backward(NDArray output, NDArray gradient) {
        JniUtils.backward((PtNDArray) output, (PtNDArray) gradient, false, false);
    }

    /**
     * @return whether libtorch itself reports CUDA (a CUDA build that found a driver), whatever
     *     DJL's own GPU count says
     */
    public static boolean libtorchHasCuda() {
        Engine.getInstance();
        return JniUtils.getFeatures().contains("CUDA");
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
