package org.ssl4j.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.api.role.TeacherContext;
import org.ssl4j.steps.HardLabelStrategy;
import org.ssl4j.steps.PseudoLabelFile;
import org.ssl4j.steps.PseudoLabelSet;
import org.ssl4j.steps.SoftLabelStrategy;
import org.ssl4j.steps.TeacherPredictions;
import org.ssl4j.testkit.fixtures.TestMethodContext;
import org.ssl4j.testkit.fixtures.TestStepContext;
import org.ssl4j.testkit.fixtures.ToyData;

/** The {@code run} teacher with {@code labels}: the file's rows, picked by the batch's indices. */
class RunLabelsTeacherTest {

    /** Five examples of two classes; row i's probability of class 1 is DISTRIBUTIONS[2i + 1]. */
    private static final float[] DISTRIBUTIONS = {0.9f, 0.1f, 0.25f, 0.75f, 0.5f, 0.5f, 0.375f, 0.625f, 0.0f, 1.0f};

    private static final long[] INDICES = {3, 0, 3, 4};

    @TempDir Path dir;

    private Path labelFile(int rows) throws IOException {
        int[] labels = new int[rows];
        float[] confidences = new float[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = DISTRIBUTIONS[2 * i + 1] > DISTRIBUTIONS[2 * i] ? 1 : 0;
            confidences[i] = Math.max(DISTRIBUTIONS[2 * i], DISTRIBUTIONS[2 * i + 1]);
        }
        float[] distributions = java.util.Arrays.copyOf(DISTRIBUTIONS, 2 * rows);
        Path file = dir.resolve("round-1.csv");
        Files.writeString(
                file,
                PseudoLabelFile.format(
                        new PseudoLabelSet(new TeacherPredictions(2, labels, confidences, distributions), new int[rows]),
                        "made by a test"));
        return file;
    }

    private Teacher teacher(NDManager manager, Path file, PseudoLabelStrategy strategy) {
        return teacher(new TestMethodContext(ToyData.SPEC, ToyData.budget(10, ToyData.RATIO), manager), file, strategy);
    }

    private Teacher teacher(TestMethodContext method, Path file, PseudoLabelStrategy strategy) {
        return new RunTeacherConfig(dir.toString(), null, file.toString())
                .create(new TeacherContext(method, null, strategy));
    }

    private static PseudoLabels teach(Teacher teacher, NDManager manager) {
        NDArray clean = manager.zeros(new ai.djl.ndarray.types.Shape(INDICES.length, 2));
        UnlabeledBatch unlabeled = new UnlabeledBatch(clean, clean, null, INDICES);
        return teacher.teach(TestStepContext.of(0, manager, ToyData.labeled(manager), unlabeled));
    }

    @Test
    void softTargetsAreTheFilesRowsOfTheBatchsIndices() throws IOException {
        Path file = labelFile(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            Teacher teacher = teacher(manager, file, new SoftLabelStrategy(1f, 0.7f));
            assertInstanceOf(RunLabelsTeacher.class, teacher);

            PseudoLabels labels = teach(teacher, manager);

            float[] expected = new float[INDICES.length * 2];
            for (int i = 0; i < INDICES.length; i++) {
                System.arraycopy(DISTRIBUTIONS, (int) INDICES[i] * 2, expected, i * 2, 2);
            }
            assertEquals(PseudoLabels.Kind.SOFT, labels.kind());
            assertArrayEquals(expected, labels.targets().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.625f, 0.9f, 0.625f, 1f}, labels.confidence().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0, 1, 0, 1}, labels.mask().toFloatArray());
        }
    }

    @Test
    void hardTargetsAreTheRowsArgmaxMaskedByTheThreshold() throws IOException {
        Path file = labelFile(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            PseudoLabels labels = teach(teacher(manager, file, new HardLabelStrategy(0.95f)), manager);

            assertEquals(PseudoLabels.Kind.HARD, labels.kind());
            assertArrayEquals(new int[] {1, 0, 1, 1}, labels.targets().toIntArray());
            assertArrayEquals(new float[] {0, 0, 0, 1}, labels.mask().toFloatArray());
        }
    }

    @Test
    void theRowCountMustBeTheSplitsSize() throws IOException {
        Path file = labelFile(4);
        try (NDManager manager = NDManager.newBaseManager()) {
            TestMethodContext fits = new TestMethodContext(ToyData.SPEC, ToyData.budget(10, ToyData.RATIO), manager);
            assertInstanceOf(RunLabelsTeacher.class, teacher(fits.withUnlabeledSize(4), file, new HardLabelStrategy(0f)));

            TestMethodContext larger = new TestMethodContext(ToyData.SPEC, ToyData.budget(10, ToyData.RATIO), manager);
            InvalidConfigException wrong =
                    assertThrows(
                            InvalidConfigException.class,
                            () -> teacher(larger.withUnlabeledSize(5), file, new HardLabelStrategy(0f)));
            assertEquals("labels", wrong.field());
            assertTrue(wrong.problem().startsWith(file + ": 4 rows, but the run's unlabeled split has 5"), wrong.problem());

            // a context that does not know the split's size: an index past the file's rows is named
            Teacher unchecked = teacher(manager, file, new HardLabelStrategy(0f));
            IllegalStateException outside = assertThrows(IllegalStateException.class, () -> teach(unchecked, manager));
            assertTrue(outside.getMessage().contains("no row for unlabeled example 4"), outside.getMessage());
        }
    }

    @Test
    void aMissingOrMalformedFileIsNamedWhenTheTeacherIsCreated() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            InvalidConfigException missing =
                    assertThrows(
                            InvalidConfigException.class,
                            () -> teacher(manager, dir.resolve("none.csv"), new HardLabelStrategy(0f)));
            assertEquals("labels", missing.field());
            assertTrue(missing.problem().contains("none.csv"), missing.problem());

            Path file = dir.resolve("bad.csv");
            Files.writeString(file, "# comment\nindex,label,confidence,copies,p0,p1\n0,1,0.9,1,0.1,0.9\n1,0,x,1,0.5,0.5\n");
            InvalidConfigException malformed =
                    assertThrows(InvalidConfigException.class, () -> teacher(manager, file, new HardLabelStrategy(0f)));
            assertEquals("labels", malformed.field());
            assertTrue(malformed.problem().startsWith(file + ":4: not a number"), malformed.problem());

            Files.writeString(file, "index,label,confidence,copies,p0,p1,p2\n0,1,0.9,1,0.05,0.9,0.05\n");
            InvalidConfigException classes =
                    assertThrows(InvalidConfigException.class, () -> teacher(manager, file, new HardLabelStrategy(0f)));
            assertTrue(classes.problem().startsWith(file + ":1: expected the header"), classes.problem());
        }
    }

    @Test
    void labelsComeWithoutANetworkName() {
        InvalidConfigException both =
                assertThrows(InvalidConfigException.class, () -> new RunTeacherConfig("runs/a", "student", "labels.csv"));
        assertEquals("network", both.field());
    }
}
