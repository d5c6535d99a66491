package org.ssl4j.runtime.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/**
 * A network's trainable parameters laid out in one contiguous array, with their gradients in a
 * second one, so that an elementwise optimizer updates the whole network with a handful of
 * native calls (a fused update) instead of several per parameter.
 *
 * <p>How: each parameter's array is replaced by a view (a slice, reshaped) of {@link #weights},
 * which shares its storage; an in-place change of {@code weights} is a change of every parameter.
 * DJL has no call that sets a tensor's gradient, so the gradients are put in place by autograd
 * itself: one backward pass through {@code cat(p.reshape(-1) for p)} with the flat {@link
 * #gradients} array as the incoming gradient hands every parameter a slice of that array, which
 * libtorch keeps as the parameter's gradient (it takes over an incoming gradient that nothing
 * else references, then accumulates into it in place). {@link #lay} checks that this happened.
 * Nothing may replace a parameter's storage afterwards: values are copied in place ({@code
 * set(NDIndex, NDArray)}), never set from a buffer ({@code set(Buffer)} swaps the storage).
 *
 * <p>Values, gradients and the optimizer's state are the same numbers as with separate arrays,
 * element for element; checkpoints keep their per-parameter layout ({@link #splitting}, {@link
 * #joining}).
 */
final class FlatParameters {

    /** The id under which the optimizer sees all parameters of the network as one. */
    static final String ID = "all-parameters";

    private static final NDIndex ALL = new NDIndex("...");

    /**
     * Each parameter starts at a multiple of this many elements (64 bytes for floats), where
     * libtorch's own allocations start: slices at arbitrary offsets made convolutions of
     * EfficientNet-B0 about 25% slower. The gaps stay zero in every flat array.
     */
    private static final long ALIGNMENT = 16;

    private final List<Parameter> parameters;
    private final List<String> names;
    /** Where each parameter starts in the flat arrays; it ends at {@code ends[i]}. */
    private final long[] starts;
    private final long[] ends;
    private final NDArray weights;
    private final NDArray gradients;
    /** A zero scalar, kept for filling {@link #gradients} without making an array each time. */
    private final NDArray zero;

    private FlatParameters(
            List<Parameter> parameters,
            List<String> names,
            long[] starts,
            long[] ends,
            NDArray weights,
            NDArray gradients) {
        this.parameters = parameters;
        this.names = names;
        this.starts = starts;
        this.ends = ends;
        this.weights = weights;
        this.gradients = gradients;
        this.zero = gradients.getManager().zeros(new Shape(), gradients.getDataType());
    }

    /**
     * Lays the parameters out flat, before any forward or backward pass has used them: values
     * are kept bit for bit, gradients start at zero.
     *
     * @param parameters the trainable parameters, in block order, all of one data type and
     *     device, none with a gradient yet
     * @param names their names, same order
     * @param manager the network's long-lived manager, which holds the flat arrays
     * @return the flat layout; null when libtorch did not keep the slices as gradients (the
     *     parameters are then views of one array but have gradients of their own, cleared here,
     *     and the network updates them one by one)
     */
    static FlatParameters lay(List<Parameter> parameters, List<String> names, NDManager manager) {
        long[] starts = new long[parameters.size()];
        long[] ends = new long[parameters.size()];
        long length = 0;
        for (int i = 0; i < parameters.size(); i++) {
            starts[i] = length;
            ends[i] = starts[i] + parameters.get(i).getArray().size();
            length = (ends[i] + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        }
        boolean previous = EngineOps.setGradMode(false);
        try {
            NDArray weights;
            try (NDManager scratch = manager.newSubManager()) {
                List<NDArray> values = new ArrayList<>();
                for (Parameter parameter : parameters) {
                    values.add(parameter.getArray());
                }
                weights = join(values, starts, ends, length, scratch);
                weights.attach(manager);
            }
            for (int i = 0; i < parameters.size(); i++) {
                Parameter parameter = parameters.get(i);
                NDArray view = slice(weights, starts[i], ends[i], parameter.getArray().getShape());
                Initializer original = parameter.getInitializer();
                parameter.close();
                parameter.setInitializer((m, shape, type) -> view);
                parameter.initialize(manager, view.getDataType());
                parameter.setInitializer(original);
            }
            NDArray gradients = manager.ones(new Shape(length), weights.getDataType());
            try (NDManager scratch = manager.newSubManager()) {
                EngineOps.setGradMode(true);
                List<NDArray> views = new ArrayList<>();
                for (Parameter parameter : parameters) {
                    views.add(parameter.getArray());
                }
                EngineOps.backward(join(views, starts, ends, length, scratch), gradients);
                EngineOps.setGradMode(false);
                FlatParameters laid = new FlatParameters(
                        List.copyOf(parameters), List.copyOf(names), starts, ends, weights, gradients);
                laid.zeroGradients();
                if (laid.gradientsAreSlices(scratch)) {
                    return laid;
                }
            }
            for (Parameter parameter : parameters) {
                EngineOps.zeroGradient(parameter.getArray());
            }
            gradients.close();
            return null;
        } finally {
            EngineOps.setGradMode(previous);
        }
    }

    /**
     * One 1-D array of {@code length} elements holding each array flattened from {@code
     * starts[i]} to {@code ends[i]} and zeros in the gaps between (one concatenation, recorded
     * by autograd when it is on).
     */
    private static NDArray join(List<NDArray> arrays, long[] starts, long[] ends, long length, NDManager scratch) {
        NDList pieces = new NDList();
        long at = 0;
        for (int i = 0; i < arrays.size(); i++) {
            if (starts[i] > at) {
                pieces.add(scratch.zeros(new Shape(starts[i] - at), arrays.get(i).getDataType(), arrays.get(i).getDevice()));
            }
            NDArray flat = arrays.get(i).reshape(-1);
            flat.attach(scratch);
            pieces.add(flat);
            at = ends[i];
        }
        if (length > at) {
            pieces.add(scratch.zeros(new Shape(length - at), arrays.get(0).getDataType(), arrays.get(0).getDevice()));
        }
        NDArray joined = NDArrays.concat(pieces);
        joined.attach(scratch);
        return joined;
    }

    /** Whether zeroing the flat gradients zeroed every parameter's (they were all ones before). */
    private boolean gradientsAreSlices(NDManager scratch) {
        NDList sums = new NDList();
        for (Parameter parameter : parameters) {
            NDArray gradient = EngineOps.gradientIfReached(parameter.getArray());
            if (gradient == null) {
                return false;
            }
            gradient.attach(scratch);
            sums.add(gradient.abs().sum());
        }
        return NDArrays.stack(sums).sum().getFloat() == 0f;
    }

    private static NDArray slice(NDArray flat, long from, long to, Shape shape) {
        try (NDArray part = flat.get(new NDIndex().addSliceDim(from, to))) {
            NDArray view = part.reshape(shape);
            view.attach(flat.getManager());
            return view;
        }
    }

    /**
     * @return every trainable parameter's value, one after the other, 1-D; changed in place, it
     *     changes the parameters
     */
    NDArray weights() {
        return weights;
    }

    /**
     * @return every trainable parameter's gradient, same layout as {@link #weights}; backward
     *     passes accumulate into it
     */
    NDArray gradients() {
        return gradients;
    }

    /** Sets every gradient to zero (a fill: a NaN left by a refused update goes too). */
    void zeroGradients() {
        gradients.set(ALL, zero);
    }

    /**
     * The parameter whose gradient holds the first non-finite value, and that value; null when
     * all are finite. One host read when all are.
     *
     * @param network the network's name, for the refusal
     * @param scratch holds the intermediates
     */
    NonFiniteGradients.Refusal firstNonFinite(String network, NDManager scratch) {
        // one pass and one read: a NaN or an infinity makes the sum non-finite; a sum that
        // overflows from finite values only costs the scan below, which then finds nothing
        try (NDArray sum = gradients.sum()) {
            if (Float.isFinite(sum.getFloat())) {
                return null;
            }
        }
        NDArray magnitudes = gradients.abs();
        magnitudes.attach(scratch);
        for (int i = 0; i < names.size(); i++) {
            try (NDArray part = magnitudes.get(new NDIndex().addSliceDim(starts[i], ends[i]));
                    NDArray largest = part.max()) {
                float value = largest.getFloat();
                if (!Float.isFinite(value)) {
                    return new NonFiniteGradients.Refusal(network, names.get(i), value);
                }
            }
        }
        return null;
    }

    /**
     * A writer that stores what the optimizer writes for {@link #ID} as every parameter's own
     * state, so a checkpoint looks as if the parameters had been updated one by one: a flat
     * array is cut into each parameter's part (its shape), other values are written for each.
     *
     * @param state the network's writer
     * @param prefix put before each parameter's name ({@code optimizer.})
     * @param scratch holds the parts until the writer has encoded them
     */
    StateWriter splitting(StateWriter state, String prefix, NDManager scratch) {
        return new StateWriter() {
            @Override
            public void putArray(String key, NDArray value) {
                if (value.size() != weights.size() || value.getShape().dimension() != 1) {
                    throw new IllegalStateException(
                            "the optimizer wrote '" + key + "' of shape " + value.getShape()
                                    + " for the whole network; only flat state of " + weights.size()
                                    + " elements can be split per parameter");
                }
                for (int i = 0; i < names.size(); i++) {
                    NDArray part = slice(value, starts[i], ends[i], parameters.get(i).getArray().getShape());
                    part.attach(scratch);
                    state.putArray(prefix + names.get(i) + "." + key, part);
                }
            }

            @Override
            public void putBytes(String key, byte[] value) {
                for (String name : names) {
                    state.putBytes(prefix + name + "." + key, value);
                }
            }
        };
    }

    /**
     * A reader that presents the per-parameter state {@link #splitting} (or a network updated one
     * parameter at a time) wrote as the state of {@link #ID}: arrays joined into one flat array,
     * other values as the parameters agree on them.
     *
     * @param state the network's reader
     * @param prefix put before each parameter's name ({@code optimizer.})
     * @param network the network's name, for errors
     */
    StateReader joining(StateReader state, String prefix, String network) {
        return new StateReader() {
            @Override
            public boolean contains(String key) {
                int found = 0;
                for (String name : names) {
                    found += state.contains(prefix + name + "." + key) ? 1 : 0;
                }
                if (found != 0 && found != names.size()) {
                    throw new IllegalStateException(
                            "the checkpoint has optimizer state '" + key + "' for " + found + " of the "
                                    + names.size() + " trainable parameters of network '" + network + "'");
                }
                return found != 0;
            }

            @Override
            public NDArray getArray(String key, NDManager manager) {
                List<NDArray> parts = new ArrayList<>();
                try (NDManager scratch = manager.newSubManager()) {
                    for (int i = 0; i < names.size(); i++) {
                        NDArray part = state.getArray(prefix + names.get(i) + "." + key, scratch);
                        long expected = ends[i] - starts[i];
                        if (part.size() != expected) {
                            throw new IllegalStateException(
                                    "optimizer state '" + key + "' of parameter '" + names.get(i) + "' of network '"
                                            + network + "' has " + part.size() + " elements, the parameter " + expected);
                        }
                        parts.add(part);
                    }
                    NDArray joined = join(parts, starts, ends, weights.size(), scratch);
                    joined.attach(manager);
                    return joined;
                }
            }

            @Override
            public byte[] getBytes(String key) {
                byte[] first = state.getBytes(prefix + names.get(0) + "." + key);
                for (String name : names) {
                    if (!Arrays.equals(first, state.getBytes(prefix + name + "." + key))) {
                        throw new IllegalStateException(
                                "optimizer state '" + key + "' differs between parameters '" + names.get(0)
                                        + "' and '" + name + "' of network '" + network
                                        + "'; a fused update keeps one value for all");
                    }
                }
                return first;
            }
        };
    }
}
