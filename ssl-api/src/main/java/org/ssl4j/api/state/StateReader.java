package org.ssl4j.api.state;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Gives back the values of a checkpoint by the keys they were put under ({@link StateWriter}).
 * A checkpoint is verified (checksums, completeness) before any reader sees it. {@link #under}
 * reads the keys of one part.
 */
public interface StateReader {

    /**
     * @param key a key
     * @return whether the checkpoint holds it
     */
    boolean contains(String key);

    /**
     * Decodes an array into a manager.
     *
     * @param key the key it was put under
     * @param manager where the new array goes; the caller owns (and closes) it
     * @return a new array with the saved shape, data type and values
     * @throws IllegalStateException naming the key when it is missing or holds no array
     */
    NDArray getArray(String key, NDManager manager);

    /**
     * @param key the key it was put under
     * @return a copy of the saved bytes
     * @throws IllegalStateException naming the key when it is missing or holds no bytes
     */
    byte[] getBytes(String key);

    /**
     * @param key the key it was put under with {@link StateWriter#putLong}
     * @return the number
     * @throws IllegalStateException naming the key when it is missing or not 8 bytes long
     */
    default long getLong(String key) {
        byte[] bytes = getBytes(key);
        if (bytes.length != Long.BYTES) {
            throw new IllegalStateException(
                    "checkpoint value '" + key + "' has " + bytes.length + " bytes, expected 8");
        }
        return ByteBuffer.wrap(bytes).getLong();
    }

    /**
     * @param key the key it was put under with {@link StateWriter#putDouble}
     * @return the number, bit for bit
     */
    default double getDouble(String key) {
        return Double.longBitsToDouble(getLong(key));
    }

    /**
     * @param key the key it was put under with {@link StateWriter#putString}
     * @return the text
     */
    default String getString(String key) {
        return new String(getBytes(key), StandardCharsets.UTF_8);
    }

    /**
     * @param prefix the prefix its writer used (e.g. {@code "teacher."})
     * @return a reader of the keys that start with {@code prefix}, without it
     */
    default StateReader under(String prefix) {
        StateReader parent = this;
        return new StateReader() {
            @Override
            public boolean contains(String key) {
                return parent.contains(prefix + key);
            }

            @Override
            public NDArray getArray(String key, NDManager manager) {
                return parent.getArray(prefix + key, manager);
            }

            @Override
            public byte[] getBytes(String key) {
                return parent.getBytes(prefix + key);
            }
        };
    }
}
