package org.ssl4j.noisystudent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;

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

    @Test
    void fillsThePapersDefaults() {
        NoisyStudentConfig config = withStudents(null, null);

        assertEquals(3, config.rounds());
        assertEquals("soft", config.pseudoLabels());
        assertEquals(LabelKind.SOFT, config.labelKind());
        assertEquals(1.0, config.temperature());
        assertEquals(0.3, config.threshold());
        assertEquals(true, config.balance());
        assertEquals(0, config.perClass());
        assertEquals(1.0, config.unlabeledWeight());
        assertEquals(0.1, config.labelSmoothing());
        assertEquals(256, config.labelBatchSize());
        assertEquals(null, config.readPseudoLabels());
        assertSame(SMALL, config.student(2), "no students: the teacher's architecture every round");
    }

    @Test
    void oneStudentServesEveryRoundAndOnePerRoundIsPickedByRound() {
        assertSame(LARGE, withStudents(List.of(LARGE), 3).student(3));
        NoisyStudentConfig growing = withStudents(List.of(SMALL, LARGE), 2);
        assertSame(SMALL, growing.student(1));
        assertSame(LARGE, growing.student(2));
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        InvalidConfigException students =
                assertThrows(InvalidConfigException.class, () -> withStudents(List.of(SMALL, LARGE), 3));
        assertTrue(students.getMessage().contains("students"), students.getMessage());
        InvalidConfigException kind =
                assertThrows(
                        InvalidConfigException.class,
                        () -> new NoisyStudentConfig(
                                SMALL, null, null, OPTIMIZER, "sharp", null, null, null, null, null, null, null, null));
        assertTrue(kind.getMessage().contains("pseudoLabels"), kind.getMessage());
        InvalidConfigException threshold =
                assertThrows(
                        InvalidConfigException.class,
                        () -> new NoisyStudentConfig(
                                SMALL, null, null, OPTIMIZER, null, null, 1.5, null, null, null, null, null, null));
        assertTrue(threshold.getMessage().contains("threshold"), threshold.getMessage());
        assertThrows(
                InvalidConfigException.class,
                () -> new NoisyStudentConfig(
                        null, null, null, OPTIMIZER, null, null, null, null, null, null, null, null, null));
        assertThrows(
                InvalidConfigException.class,
                () -> new NoisyStudentConfig(
                        SMALL, null, null, OPTIMIZER, null, null, null, null, null, null, 1.0, null, null));
    }
}
