package org.ssl4j.uda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.role.AuxiliaryLoss;
import org.ssl4j.api.role.AuxiliaryLossConfig;

class UdaConfigTest {

    private static final UdaConfig DEFAULTS = new UdaConfig(null, null, null, null, null, null);

    @Test
    void appliesDefaults() {
        assertEquals(1.0, DEFAULTS.weight());
        assertEquals(0, DEFAULTS.warmupSteps());
        assertEquals(0.4, DEFAULTS.temperature());
        assertEquals(0.8, DEFAULTS.threshold());
        assertEquals("raw", DEFAULTS.maskOn());
        assertEquals("kl", DEFAULTS.divergence());
    }

    @Test
    void acceptsTheOtherChoicesAndTheRangeEnds() {
        UdaConfig config = new UdaConfig(0.0, 10, 1.0, 1.0, "sharpened", "cross-entropy");
        assertEquals("sharpened", config.maskOn());
        assertEquals("cross-entropy", config.divergence());
        assertEquals(0.0, new UdaConfig(null, null, null, 0.0, null, null).threshold());
    }

    @Test
    void createsANamedTermThatNeedsTheStrongView() {
        AuxiliaryLoss loss = DEFAULTS.create(null);
        assertEquals("uda", loss.name());
        assertTrue(loss.needsStrongView());
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertField("weight", () -> new UdaConfig(-0.5, null, null, null, null, null));
        assertField("warmupSteps", () -> new UdaConfig(null, -1, null, null, null, null));
        assertField("temperature", () -> new UdaConfig(null, null, 0.0, null, null, null));
        assertField("temperature", () -> new UdaConfig(null, null, -1.0, null, null, null));
        assertField("threshold", () -> new UdaConfig(null, null, null, 1.5, null, null));
        assertField("threshold", () -> new UdaConfig(null, null, null, -0.1, null, null));
    }

    @Test
    void unknownChoicesListTheAllowedValues() {
        InvalidConfigException maskOn =
                assertField("maskOn", () -> new UdaConfig(null, null, null, null, "soft", null));
        assertEquals("must be one of [raw, sharpened], got 'soft'", maskOn.problem());
        InvalidConfigException divergence =
                assertField("divergence", () -> new UdaConfig(null, null, null, null, null, "ce"));
        assertEquals("must be one of [kl, cross-entropy], got 'ce'", divergence.problem());
    }

    @Test
    void bindsFromJsonAndWritesBackItsDefaults() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerSubtypes(new NamedType(UdaConfig.class, "uda"));
        AuxiliaryLossConfig config =
                mapper.readValue(
                        "{\"type\": \"uda\", \"warmupSteps\": 100, \"maskOn\": \"sharpened\"}",
                        AuxiliaryLossConfig.class);
        assertEquals(new UdaConfig(1.0, 100, 0.4, 0.8, "sharpened", "kl"), config);
        String json = mapper.writeValueAsString(config);
        assertEquals(
                "{\"type\":\"uda\",\"weight\":1.0,\"warmupSteps\":100,\"temperature\":0.4,"
                        + "\"threshold\":0.8,\"maskOn\":\"sharpened\",\"divergence\":\"kl\"}",
                json);
        assertInstanceOf(UdaConfig.class, mapper.readValue(json, AuxiliaryLossConfig.class));
        assertEquals(config, mapper.readValue(json, AuxiliaryLossConfig.class));
    }

    private static InvalidConfigException assertField(String field, Executable construction) {
        InvalidConfigException error = assertThrows(InvalidConfigException.class, construction);
        assertEquals(field, error.field());
        assertTrue(error.getMessage().startsWith(field + ": "), error.getMessage());
        return error;
    }
}
