package org.ssl4j.data.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import org.ssl4j.api.config.InvalidConfigException;

/** Assertions on config errors. */
final class ConfigAssertions {

    private ConfigAssertions() {}

    /**
     * Asserts that {@code construction} throws {@link InvalidConfigException} naming {@code
     * field}.
     *
     * @param field the field the error must name
     * @param construction creates the config
     */
    static void assertField(String field, Executable construction) {
        InvalidConfigException error = assertThrows(InvalidConfigException.class, construction);
        assertEquals(field, error.field());
        assertTrue(error.getMessage().startsWith(field + ": "), error.getMessage());
    }
}
