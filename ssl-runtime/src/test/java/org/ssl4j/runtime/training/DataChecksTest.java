package org.ssl4j.runtime.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.data.SslData;

/** Bad data is found before training, with the split and the example named. */
class DataChecksTest {

    private static final DataSpec SPEC = new DataSpec(new Shape(2), 3, List.of("a", "b", "c"), "tiny");

    private static ArrayDataset split(NDManager manager, float[][] x, int[] y) {
        return new ArrayDataset.Builder()
                .setData(manager.create(x))
                .optLabels(manager.create(y))
                .setSampling(1, false)
                .build();
    }

    private static final float[][] GOOD = {{0f, 1f}, {1f, 0f}, {2f, 2f}};

    private static String problem(float[][] labeledX, int[] labeledY, float[][] unlabeledX, int[] testY) {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data =
                    new SslData(
                            SPEC,
                            split(manager, labeledX, labeledY),
                            split(manager, unlabeledX, new int[unlabeledX.length]),
                            split(manager, GOOD, testY));
            return assertThrows(InvalidConfigException.class, () -> DataChecks.check(data, manager)).problem();
        }
    }

    @Test
    void soundDataPasses() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data =
                    new SslData(
                            SPEC,
                            split(manager, GOOD, new int[] {0, 1, 2}),
                            split(manager, GOOD, new int[] {-1, -1, -1}),
                            split(manager, GOOD, new int[] {2, 1, 0}));
            DataChecks.check(data, manager);
        }
    }

    @Test
    void aLabelOutsideTheClassesIsNamedWithItsExample() {
        assertEquals(
                "the labeled split's example 1 has label 3, outside the class ids [0, 3)",
                problem(GOOD, new int[] {0, 3, 2}, GOOD, new int[] {0, 1, 2}));
        assertEquals(
                "the test split's example 2 has label -1, outside the class ids [0, 3)",
                problem(GOOD, new int[] {0, 1, 2}, GOOD, new int[] {0, 1, -1}));
    }

    @Test
    void aClassWithoutLabelsIsRefused() {
        assertEquals(
                "the labeled split has no example of class 1 ('b'); every class needs at least one label",
                problem(GOOD, new int[] {0, 2, 2}, GOOD, new int[] {0, 1, 2}));
    }

    @Test
    void nonFiniteInputsAreNamedWithTheirExample() {
        float[][] bad = {{0f, 1f}, {1f, 0f}, {Float.NaN, 2f}, {1f, Float.POSITIVE_INFINITY}};
        assertEquals(
                "the unlabeled split's example 2 holds NaN or infinite values",
                problem(GOOD, new int[] {0, 1, 2}, bad, new int[] {0, 1, 2}));
    }

    @Test
    void examplesOfAnotherShapeAreRefused() {
        float[][] wide = {{0f, 1f, 2f}, {1f, 0f, 2f}, {2f, 2f, 2f}};
        assertEquals(
                "the labeled split's examples have shape (3), the data declares (2)",
                problem(wide, new int[] {0, 1, 2}, GOOD, new int[] {0, 1, 2}));
    }
}
