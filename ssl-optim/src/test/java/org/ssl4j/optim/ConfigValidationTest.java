package org.ssl4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.ssl4j.api.config.InvalidConfigException;

class ConfigValidationTest {

    @Test
    void sgdAppliesDefaults() {
        SgdConfig config = new SgdConfig(0.1, null, null, null, null);
        assertEquals(0.0, config.momentum());
        assertEquals(false, config.nesterov());
        assertEquals(0.0, config.weightDecay());
        assertEquals(new ConstantScheduleConfig(), config.schedule());
    }

    @Test
    void sgdRejectsBadValuesNamingTheField() {
        assertField("lr", () -> new SgdConfig(null, null, null, null, null));
        assertField("lr", () -> new SgdConfig(0.0, null, null, null, null));
        assertField("momentum", () -> new SgdConfig(0.1, 1.0, null, null, null));
        assertField("momentum", () -> new SgdConfig(0.1, -0.1, null, null, null));
        assertField("nesterov", () -> new SgdConfig(0.1, null, true, null, null));
        assertField("weightDecay", () -> new SgdConfig(0.1, null, null, -1e-4, null));
    }

    @Test
    void adamRejectsBadValuesNamingTheField() {
        assertField("lr", () -> new AdamConfig(null, null, null, null, null, null));
        assertField("beta1", () -> new AdamConfig(0.1, 1.0, null, null, null, null));
        assertField("beta2", () -> new AdamConfig(0.1, null, -0.5, null, null, null));
        assertField("epsilon", () -> new AdamConfig(0.1, null, null, 0.0, null, null));
        assertField("weightDecay", () -> new AdamConfig(0.1, null, null, null, -1.0, null));
    }

    @Test
    void cosineRejectsBadValuesNamingTheField() {
        assertField("warmupSteps", () -> new CosineScheduleConfig(-1, null));
        assertField("finalFactor", () -> new CosineScheduleConfig(null, 1.5));
    }

    private static void assertField(String field, Executable construction) {
        InvalidConfigException error = assertThrows(InvalidConfigException.class, construction);
        assertEquals(field, error.field());
        assertTrue(error.getMessage().startsWith(field + ": "), error.getMessage());
    }
}
