package org.ssl4j.noisystudent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.steps.CrossEntropyStudentConfig;
import org.ssl4j.steps.TeachAndLearnConfig;
import org.ssl4j.steps.TeacherStudentConfig;

class NoisyStudentConfigTest {

    private static final BackboneConfig SMALL = new NoisyCnnConfig(1.0, null, null, null);
    private static final BackboneConfig LARGE = new NoisyCnnConfig(2.0, null, null, null);
    private static final OptimizerConfig OPTIMIZER =
            steps -> {
                throw new UnsupportedOperationException("not created here");
            };

    private static NoisyStudentConfig withStudents(List<BackboneConfig> students, Integer rounds) {
        return new NoisyStudentConfig(
                SMALL, students, rounds, OPTIMIZER, null, null, null, null, null, null, null, null, null);
    }

    private static NoisyStudentRoundsConfig roundsWith(List<BackboneConfig> students, Integer rounds) {
        return new NoisyStudentRoundsConfig(
                rounds, null, students, OPTIMIZER, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void fillsThePapersDefaults() {
        NoisyStudentConfig config = withStudents(null, null);

        assertEquals(3, config.rounds());
        assertEquals("soft", config.pseudoLabels());
        assertEquals(1.0, config.temperature());
        assertEquals(0.3, config.threshold());
        assertEquals(true, config.balance());
        assertEquals(0, config.perClass());
        assertEquals(1.0, config.unlabeledWeight());
        assertEquals(0.1, config.labelSmoothing());
        assertEquals(256, config.labelBatchSize());
        assertNull(config.readPseudoLabels());
        NoisyStudentRoundsConfig rounds = roundsWith(null, null);
        assertEquals(new NoisyStudentRoundsConfig(3, null, List.of(), OPTIMIZER, "soft", 1.0, 0.3, true, 0, 1.0, 0.1, 256, null), rounds);
        assertEquals(LabelKind.SOFT, rounds.labelKind());
    }

    @Test
    void expandsToAStudentTrainedAloneThenTheRoundsWithEveryOtherSetting() {
        NoisyStudentConfig config =
                new NoisyStudentConfig(
                        SMALL, List.of(LARGE), 2, OPTIMIZER, "hard", 2.0, 0.5, false, 7, 0.5, 0.2, 64, "sets");

        TeacherStudentConfig expanded = config.expand();

        assertNull(expanded.teacher());
        assertEquals(
                CrossEntropyStudentConfig.builder(SMALL, OPTIMIZER).labelSmoothing(0.2).build(),
                expanded.student(),
                "round 0's network is the student, on the teacher's backbone");
        assertEquals(
                List.of(
                        TeachAndLearnConfig.named("round-0"),
                        new NoisyStudentRoundsConfig(
                                2, null, List.of(LARGE), OPTIMIZER, "hard", 2.0, 0.5, false, 7, 0.5, 0.2, 64, "sets")),
                expanded.phases());
        assertEquals(expanded, expanded.expand(), "an expansion expands to itself");
    }

    @Test
    void oneStudentServesEveryRoundAndOnePerRoundIsPickedByRound() {
        assertSame(SMALL, roundsWith(List.of(), 3).student(2, SMALL), "none: the fallback every round");
        assertSame(LARGE, roundsWith(List.of(LARGE), 3).student(3, SMALL));
        NoisyStudentRoundsConfig growing = roundsWith(List.of(SMALL, LARGE), 2);
        assertSame(SMALL, growing.student(1, null));
        assertSame(LARGE, growing.student(2, null));
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertEquals("students", field(() -> withStudents(List.of(SMALL, LARGE), 3)));
        assertEquals("students", field(() -> roundsWith(List.of(SMALL, LARGE), 3)));
        assertEquals(
                "pseudoLabels",
                field(() -> new NoisyStudentConfig(
                        SMALL, null, null, OPTIMIZER, "sharp", null, null, null, null, null, null, null, null)));
        assertEquals(
                "targets",
                field(() -> new NoisyStudentRoundsConfig(
                        null, null, null, OPTIMIZER, "sharp", null, null, null, null, null, null, null, null)));
        assertEquals(
                "threshold",
                field(() -> new NoisyStudentConfig(
                        SMALL, null, null, OPTIMIZER, null, null, 1.5, null, null, null, null, null, null)));
        assertEquals(
                "teacher",
                field(() -> new NoisyStudentConfig(
                        null, null, null, OPTIMIZER, null, null, null, null, null, null, null, null, null)));
        assertEquals(
                "optimizer",
                field(() -> new NoisyStudentRoundsConfig(
                        null, null, null, null, null, null, null, null, null, null, null, null, null)));
        assertEquals("steps", field(() -> new NoisyStudentRoundsConfig(
                null, 0L, null, OPTIMIZER, null, null, null, null, null, null, null, null, null)));
        InvalidConfigException smoothing =
                assertThrows(
                        InvalidConfigException.class,
                        () -> new NoisyStudentConfig(
                                SMALL, null, null, OPTIMIZER, null, null, null, null, null, null, 1.0, null, null));
        assertEquals("labelSmoothing: must be in [0, 1), got 1.0", smoothing.getMessage());
    }

    private static String field(org.junit.jupiter.api.function.Executable config) {
        InvalidConfigException error = assertThrows(InvalidConfigException.class, config);
        assertTrue(error.getMessage().startsWith(error.field() + ": "), error.getMessage());
        return error.field();
    }
}
