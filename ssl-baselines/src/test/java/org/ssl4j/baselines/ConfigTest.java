package org.ssl4j.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.testkit.fixtures.MlpBackbone;
import org.ssl4j.testkit.fixtures.TestSgd;
import org.ssl4j.steps.HardLabelsConfig;
import org.ssl4j.steps.SoftLabelsConfig;
import org.ssl4j.steps.TsaSchedule;
import org.ssl4j.api.role.View;

class ConfigTest {

    private static final MlpBackbone BACKBONE = new MlpBackbone(4);
    private static final TestSgd OPTIMIZER = new TestSgd(0.1f);

    @Test
    void leftOutFieldsGetTheirDefaults() {
        PseudoLabelConfig config = pseudoLabel(null, null, null);

        assertEquals(new SelfTeacherConfig(), config.teacher());
        assertEquals(new HardLabelsConfig(0.0), config.pseudoLabels());
        assertEquals(1.0, config.unlabeledWeight());
        assertEquals(0L, config.warmupSteps());
        assertEquals(0.0, config.labelSmoothing());
        assertEquals("weak", config.studentView());
        assertEquals(View.WEAK, config.view());
        assertEquals(List.of(), config.auxiliaryLosses());
        assertEquals("none", config.tsa());
        assertEquals(TsaSchedule.NONE, config.tsaSchedule());
        SupervisedConfig supervised = supervised(null, null);
        assertEquals(0.0, supervised.labelSmoothing());
        assertEquals("none", supervised.tsa());
        assertEquals(TsaSchedule.NONE, supervised.tsaSchedule());
        assertEquals(List.of(), supervised.auxiliaryLosses());
        assertEquals(0.999, new EmaTeacherConfig(null).decay());
        assertEquals(100L, new FrozenTeacherConfig(null).refreshEvery());
        assertEquals(1.0, new SoftLabelsConfig(null, null).temperature());
        assertEquals(0.0, new SoftLabelsConfig(null, null).threshold());
    }

    @Test
    void badValuesNameTheirField() {
        assertField("threshold", () -> new HardLabelsConfig(1.5));
        assertField("threshold", () -> new SoftLabelsConfig(1.0, -0.1));
        assertField("temperature", () -> new SoftLabelsConfig(0.0, null));
        assertField("decay", () -> new EmaTeacherConfig(1.0));
        assertField("refreshEvery", () -> new FrozenTeacherConfig(0L));
        assertField("backbone", () -> new SupervisedConfig(null, OPTIMIZER, null, null, null));
        assertField("optimizer", () -> new SupervisedConfig(BACKBONE, null, null, null, null));
        assertField("labelSmoothing", () -> supervised(1.0, null));
        assertField("unlabeledWeight", () -> pseudoLabel(-1.0, null, null));
        assertField("warmupSteps", () -> pseudoLabel(null, -1L, null));
    }

    @Test
    void unknownStudentViewListsTheAllowedValues() {
        InvalidConfigException e =
                assertThrows(InvalidConfigException.class, () -> pseudoLabel(null, null, "medium"));

        assertEquals("studentView", e.field());
        assertEquals("must be one of [weak, strong], got 'medium'", e.problem());
    }

    @Test
    void tsaReadsEachScheduleByName() {
        assertEquals(TsaSchedule.LINEAR, supervised(null, "linear").tsaSchedule());
        assertEquals(TsaSchedule.LOG, supervised(null, "log").tsaSchedule());
        assertEquals(TsaSchedule.EXP, supervised(null, "exp").tsaSchedule());
        assertEquals(TsaSchedule.NONE, supervised(null, "none").tsaSchedule());
        PseudoLabelConfig pseudoLabel =
                new PseudoLabelConfig(
                        BACKBONE, OPTIMIZER, null, null, null, null, null, "exp", null, null);
        assertEquals("exp", pseudoLabel.tsa());
        assertEquals(TsaSchedule.EXP, pseudoLabel.tsaSchedule());
    }

    @Test
    void unknownTsaListsTheAllowedValues() {
        InvalidConfigException supervised =
                assertThrows(InvalidConfigException.class, () -> supervised(null, "cosine"));
        InvalidConfigException pseudoLabel =
                assertThrows(
                        InvalidConfigException.class,
                        () ->
                                new PseudoLabelConfig(
                                        BACKBONE,
                                        OPTIMIZER,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        "Linear",
                                        null,
                                        null));

        assertEquals("tsa", supervised.field());
        assertEquals(
                "must be one of [none, linear, log, exp], got 'cosine'", supervised.problem());
        assertEquals("tsa", pseudoLabel.field());
        assertEquals(
                "must be one of [none, linear, log, exp], got 'Linear'", pseudoLabel.problem());
    }

    @Test
    void supervisedWithTsaReadsFromJson() throws Exception {
        String json =
                """
                {"type": "supervised",
                 "backbone": {"type": "mlp", "hidden": 4},
                 "optimizer": {"type": "sgd", "learningRate": 0.1},
                 "tsa": "log"}
                """;

        MethodConfig config = mapper().readValue(json, MethodConfig.class);

        assertEquals(new SupervisedConfig(BACKBONE, OPTIMIZER, 0.0, "log", List.of()), config);
    }

    @Test
    void fixMatchReadsFromJsonWithDefaultsFilled() throws Exception {
        String json =
                """
                {"type": "pseudo-label",
                 "backbone": {"type": "mlp", "hidden": 4},
                 "optimizer": {"type": "sgd", "learningRate": 0.1},
                 "teacher": {"type": "ema"},
                 "pseudoLabels": {"type": "hard", "threshold": 0.95},
                 "studentView": "strong"}
                """;

        MethodConfig config = mapper().readValue(json, MethodConfig.class);

        assertEquals(
                new PseudoLabelConfig(
                        BACKBONE,
                        OPTIMIZER,
                        new EmaTeacherConfig(0.999),
                        new HardLabelsConfig(0.95),
                        1.0,
                        0L,
                        0.0,
                        "none",
                        "strong",
                        List.of()),
                config);
        assertEquals(
                new SelfTeacherConfig(),
                mapper().readValue("{\"type\": \"self\"}", TeacherConfig.class));
    }

    @Test
    void aBadValueInJsonSurfacesAsInvalidConfig() {
        Exception e =
                assertThrows(
                        Exception.class,
                        () ->
                                mapper().readValue(
                                                "{\"type\": \"frozen\", \"refreshEvery\": -5}",
                                                TeacherConfig.class));

        InvalidConfigException cause = assertInstanceOf(InvalidConfigException.class, e.getCause());
        assertEquals("refreshEvery", cause.field());
    }

    private static SupervisedConfig supervised(Double labelSmoothing, String tsa) {
        return new SupervisedConfig(BACKBONE, OPTIMIZER, labelSmoothing, tsa, null);
    }

    private static PseudoLabelConfig pseudoLabel(
            Double unlabeledWeight, Long warmupSteps, String studentView) {
        return new PseudoLabelConfig(
                BACKBONE,
                OPTIMIZER,
                null,
                null,
                unlabeledWeight,
                warmupSteps,
                null,
                null,
                studentView,
                null);
    }

    /** A mapper that knows the plugin's components by name, as the runtime's reader does. */
    private static ObjectMapper mapper() {
        BaselinesPlugin plugin = new BaselinesPlugin();
        org.ssl4j.steps.StepsPlugin steps = new org.ssl4j.steps.StepsPlugin();
        ObjectMapper mapper = new ObjectMapper();
        Stream.of(plugin.methods(), plugin.teachers(), steps.pseudoLabelStrategies())
                .flatMap(List::stream)
                .map(ConfigTest::namedType)
                .forEach(mapper::registerSubtypes);
        mapper.registerSubtypes(
                new NamedType(MlpBackbone.class, "mlp"), new NamedType(TestSgd.class, "sgd"));
        return mapper;
    }

    private static NamedType namedType(Component<?> component) {
        return new NamedType(component.configType(), component.name());
    }

    private static void assertField(String field, Executable construction) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, construction);
        assertEquals(field, e.field());
        assertTrue(e.problem().contains("must") || e.problem().contains("required"), e.problem());
    }
}
