package org.ssl4j.api.state;

import ai.djl.ndarray.NDArray;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Receives named values for a checkpoint. Keys are unique within one checkpoint; {@link #under}
 * gives a writer whose keys get a prefix, so parts can be composed without clashes.
 *
 * <p>Values are copied when they are put: the caller keeps ownership of its arrays and may
 * change or close them afterwards. Called by the runtime between steps, with no gradient
 * collector open.
 */
public interface StateWriter {

    /**
     * Copies an array: its shape, data type and every bit of its values.
     *
     * @param key a unique key
     * @param value the array, left open and unchanged
     * @throws IllegalArgumentException when the key was already put
     */
    void putArray(String key, NDArray value);

    /**
     * Copies raw bytes.
     *
     * @param key a unique key
     * @param value the bytes
     * @throws IllegalArgumentException when the key was already put
     */
    void putBytes(String key, byte[] value);

    /**
     * @param key a unique key
     * @param value a number, stored exactly (8 bytes, big-endian)
     */
    default void putLong(String key, long value) {
        putBytes(key, ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    /**
     * @param key a unique key
     * @param value a number, stored bit for bit (NaN payloads included)
     */
    default void putDouble(String key, double value) {
        putLong(key, Double.doubleToRawLongBits(value));
    }

    /**
     * @param key a unique key
     * @param value text, stored as UTF-8
     */
    default void putString(String key, String value) {
        putBytes(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param prefix added in front of every key (e.g. {@code "teacher."})
     * @return a writer into the same checkpoint whose keys start with {@code prefix}
     */
    default StateWriter under(String prefix) {
        StateWriter parent = this;
        return new StateWriter() {
            @Override
            public void putArray(String key, NDArray value) {
                parent.putArray(prefix + key, value);
            }

            @Override
            public void putBytes(String key, byte[] value) {
                parent.putBytes(prefix + key, value);
            }
        };
    }
}
