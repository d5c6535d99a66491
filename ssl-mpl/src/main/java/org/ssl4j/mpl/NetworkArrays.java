package org.ssl4j.mpl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.ssl4j.api.model.Network;

/**
 * Reads, copies and changes a network's trainable parameters and their gradients in place,
 * without leaving temporaries in the parameters' long-lived manager. Call outside any gradient
 * collector (in-place changes of parameters that record gradients fail inside one).
 */
final class NetworkArrays {

    private static final NDIndex ALL = new NDIndex("...");

    private NetworkArrays() {}

    /**
     * @param network a network
     * @return its parameters that record gradients, in the block's order (owned by the network)
     */
    static List<NDArray> trainable(Network network) {
        List<NDArray> arrays = new ArrayList<>();
        for (Parameter parameter : network.block().getParameters().values()) {
            NDArray array = parameter.getArray();
            if (array.hasGradient()) {
                arrays.add(array);
            }
        }
        return arrays;
    }

    /**
     * @param network a network
     * @param manager where the copies go (the step's manager)
     * @return copies of its trainable parameters, in {@link #trainable} order
     */
    static List<NDArray> copyParameters(Network network, NDManager manager) {
        List<NDArray> copies = new ArrayList<>();
        for (NDArray array : trainable(network)) {
            NDArray copy = array.duplicate();
            copy.attach(manager);
            copies.add(copy);
        }
        return copies;
    }

    /**
     * @param network a network
     * @param values arrays of the shapes of its trainable parameters, in {@link #trainable} order
     */
    static void setParameters(Network network, List<NDArray> values) {
        List<NDArray> arrays = trainable(network);
        for (int i = 0; i < arrays.size(); i++) {
            // an indexed assignment copies inside libtorch; copyTo/set(Buffer) may not
            arrays.get(i).set(ALL, values.get(i));
        }
    }

    /**
     * @param network a network whose gradients were just computed
     * @param manager where the copies go
     * @return copies of the accumulated gradients, in {@link #trainable} order
     */
    static List<NDArray> copyGradients(Network network, NDManager manager) {
        List<NDArray> copies = new ArrayList<>();
        for (NDArray array : trainable(network)) {
            try (NDArray gradient = array.getGradient()) {
                NDArray copy = gradient.duplicate();
                copy.attach(manager);
                copies.add(copy);
            }
        }
        return copies;
    }

    /**
     * Sets the accumulated gradients of the network to zero.
     *
     * @param network a network
     */
    static void zeroGradients(Network network) {
        for (NDArray array : trainable(network)) {
            try (NDArray gradient = array.getGradient()) {
                gradient.muli(0);
            }
        }
    }

    /**
     * Scales the accumulated gradients so that their global L2 norm is at most {@code maxNorm}.
     *
     * @param network a network whose gradients were just computed
     * @param maxNorm the largest norm allowed, {@code > 0}
     * @return the global norm before clipping
     */
    static double clipGradientNorm(Network network, double maxNorm) {
        List<NDArray> arrays = trainable(network);
        if (arrays.isEmpty()) {
            return 0;
        }
        double squares;
        try (NDManager scratch = arrays.get(0).getManager().newSubManager()) {
            // one host read for the whole network, not one per parameter
            NDArray total = null;
            for (NDArray array : arrays) {
                try (NDArray gradient = array.getGradient()) {
                    NDArray square = gradient.square();
                    square.attach(scratch);
                    NDArray sum = square.sum();
                    total = total == null ? sum : total.add(sum);
                }
            }
            squares = total.getFloat();
        }
        double norm = Math.sqrt(squares);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (NDArray array : arrays) {
                try (NDArray gradient = array.getGradient()) {
                    gradient.muli(scale);
                }
            }
        }
        return norm;
    }

    /**
     * @param a arrays
     * @param b arrays of the same shapes
     * @return {@code sum_i <a_i, b_i>}
     */
    static double dot(List<NDArray> a, List<NDArray> b) {
        double total = 0;
        for (int i = 0; i < a.size(); i++) {
            try (NDArray product = a.get(i).mul(b.get(i));
                    NDArray sum = product.sum()) {
                total += sum.getFloat();
            }
        }
        return total;
    }
}
