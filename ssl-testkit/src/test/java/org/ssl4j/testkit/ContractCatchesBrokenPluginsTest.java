package org.ssl4j.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.AuxiliaryLossConfig;
import org.ssl4j.api.plugin.SpiVersion;

/** Each check of the contract fails, with a message that says why, on a plugin that breaks it. */
class ContractCatchesBrokenPluginsTest {

    @Test
    void anOutdatedSpiVersionFails() {
        AssertionError error = assertThrows(AssertionError.class, () -> contract(List.of()).spiVersionIsCurrent());
        assertMessage(
                error,
                "return SpiVersion.CURRENT from spiVersion() ==> expected: <" + SpiVersion.CURRENT + "> but was: <0.9>");
    }

    @Test
    void aComponentWithoutASampleFails() {
        AssertionError error = assertThrows(AssertionError.class, () -> contract(List.of(
                        aux("{\"type\": \"unseeded\"}")))
                .everyComponentHasASample());
        assertMessage(error, "components without a sample: [l2-on-parameters, keeps-an-array, ignores-unknown-fields,"
                + " no-default, unnamed-required]");
    }

    @Test
    void anArrayKeptInALongLivedManagerFails() {
        AssertionError error = run(contract(List.of(aux("{\"type\": \"keeps-an-array\"}")))
                .stepsLeaveNoArraysInLongLivedManagers());
        assertMessage(error, "after step 1 the long-lived managers hold");
        assertMessage(error, "1 more than after the first step");
    }

    @Test
    void anOpOnAParameterFails() {
        AssertionError error = run(contract(List.of(ConfigSample.of(MethodConfig.class,
                        "{\"type\": \"l2-on-parameters\", \"backbone\": {\"type\": \"testkit-mlp\"},"
                                + " \"optimizer\": {\"type\": \"testkit-sgd\"}}")))
                .stepsLeaveNoArraysInLongLivedManagers());
        assertMessage(error, "after step 1 of phase 'train' the long-lived managers hold");
    }

    @Test
    void anUnseededGeneratorFails() {
        AssertionError error = run(contract(List.of(aux("{\"type\": \"unseeded\"}"))).seededRunsRepeatExactly());
        assertMessage(error, "value 0 differs between two runs with seed 7");
    }

    @Test
    void anAcceptedUnknownFieldFails() {
        AssertionError error = run(contract(List.of(aux("{\"type\": \"ignores-unknown-fields\"}")))
                .unknownFieldsAreRefusedWithTheirPath());
        assertMessage(error, "an unknown field at 'fieldNoConfigHas' was accepted");
    }

    @Test
    void anUnknownFieldInANestedSectionIsRefusedWithItsPath() {
        // passes: the nested backbone's unknown field is refused as backbone.fieldNoConfigHas
        run(contract(List.of(ConfigSample.of(MethodConfig.class,
                        "{\"type\": \"l2-on-parameters\", \"backbone\": {\"type\": \"testkit-mlp\"},"
                                + " \"optimizer\": {\"type\": \"testkit-sgd\"}}")))
                .unknownFieldsAreRefusedWithTheirPath(), false);
    }

    @Test
    void aMissingDefaultFails() {
        AssertionError error = run(contract(List.of(aux("{\"type\": \"no-default\"}")))
                .configsSurviveARoundTrip());
        assertMessage(error, "field 'weight' of NoDefault is null");
    }

    @Test
    void aRequiredFieldRefusedWithoutItsNameFails() {
        AssertionError error = run(contract(List.of(aux("{\"type\": \"unnamed-required\", \"weight\": 1.0}")))
                .removedFieldsGetTheirDefaultOrAreNamed());
        assertMessage(error, "without 'weight', reading fails without naming the field");
    }

    private static ConfigSample aux(String json) {
        return ConfigSample.of(AuxiliaryLossConfig.class, json);
    }

    private static PluginContractTest contract(List<ConfigSample> samples) {
        return new PluginContractTest() {
            @Override
            protected Class<? extends Ssl4jPlugin> pluginClass() {
                return BrokenPlugin.class;
            }

            @Override
            protected List<ConfigSample> samples() {
                return samples;
            }
        };
    }

    private static AssertionError run(Stream<DynamicTest> tests) {
        return run(tests, true);
    }

    /** Runs dynamic tests; returns the first failure, or null when all pass and none was expected. */
    private static AssertionError run(Stream<DynamicTest> tests, boolean expectFailure) {
        for (DynamicTest test : tests.toList()) {
            try {
                test.getExecutable().execute();
            } catch (AssertionError e) {
                if (!expectFailure) {
                    throw e;
                }
                return e;
            } catch (Throwable e) {
                throw new AssertionError("unexpected " + e, e);
            }
        }
        if (expectFailure) {
            throw new AssertionError("the check passed a broken plugin");
        }
        return null;
    }

    private static void assertMessage(AssertionError error, String expected) {
        assertTrue(error.getMessage().contains(expected), () -> "message '" + error.getMessage()
                + "' does not contain '" + expected + "'");
    }
}
