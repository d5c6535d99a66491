package org.ssl4j.data.toy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.SslData;

class TwoMoonsConfigTest {

    private static final TwoMoonsConfig SMALL = new TwoMoonsConfig(200, 4, null, 100);

    @Test
    void appliesDefaults() {
        TwoMoonsConfig config = new TwoMoonsConfig(null, null, null, null);
        assertEquals(2000, config.examples());
        assertEquals(3, config.labeledPerClass());
        assertEquals(0.1, config.noise());
        assertEquals(1000, config.testExamples());
    }

    @Test
    void splitsHaveTheConfiguredSizesShapesAndTypes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = SMALL.load(new DataContext(42, manager));
            assertEquals(8, data.labeled().size());
            assertEquals(200, data.unlabeled().size());
            assertEquals(100, data.test().size());
            Split test = Split.read(data.test(), manager);
            assertEquals(new Shape(100, 2), test.shape);
            assertEquals(DataType.FLOAT32, test.dataType);
            assertEquals(DataType.INT32, test.labelType);
            assertEquals(new Shape(2), data.spec().exampleShape());
            assertEquals(2, data.spec().classes());
            assertEquals(List.of("upper", "lower"), data.spec().classNames());
            assertEquals(
                    "two moons: 200 unlabeled, 8 labeled (4 per class), 100 test, noise 0.1,"
                            + " seed 42",
                    data.spec().description());
        }
    }

    @Test
    void classesAreBalanced() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = SMALL.load(new DataContext(42, manager));
            assertArrayEquals(new int[] {4, 4}, Split.read(data.labeled(), manager).classCounts());
            assertArrayEquals(
                    new int[] {100, 100}, Split.read(data.unlabeled(), manager).classCounts());
            assertArrayEquals(new int[] {50, 50}, Split.read(data.test(), manager).classCounts());
        }
    }

    @Test
    void labeledPointsComeFromTheUnlabeledPoolWithTheirLabels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = SMALL.load(new DataContext(7, manager));
            Split labeled = Split.read(data.labeled(), manager);
            Split pool = Split.read(data.unlabeled(), manager);
            Map<List<Float>, Integer> poolLabels = new HashMap<>();
            for (int i = 0; i < pool.labels.length; i++) {
                poolLabels.put(pool.point(i), pool.labels[i]);
            }
            for (int i = 0; i < labeled.labels.length; i++) {
                assertEquals(
                        labeled.labels[i], poolLabels.get(labeled.point(i)), "labeled point " + i);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameDataAndAnotherSeedOtherData() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData first = SMALL.load(new DataContext(3, manager));
            SslData again = SMALL.load(new DataContext(3, manager));
            SslData other = SMALL.load(new DataContext(4, manager));
            for (int split = 0; split < 3; split++) {
                Split a = Split.read(splits(first).get(split), manager);
                Split b = Split.read(splits(again).get(split), manager);
                Split c = Split.read(splits(other).get(split), manager);
                assertArrayEquals(a.coordinates, b.coordinates);
                assertArrayEquals(a.labels, b.labels);
                assertFalse(Arrays.equals(a.coordinates, c.coordinates));
            }
        }
    }

    @Test
    void testSetIsNotTheTrainingPool() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = new TwoMoonsConfig(100, 1, null, 100).load(new DataContext(5, manager));
            float[] pool = Split.read(data.unlabeled(), manager).coordinates;
            float[] test = Split.read(data.test(), manager).coordinates;
            assertFalse(Arrays.equals(pool, test));
        }
    }

    @Test
    void aValidationSplitIsFreshPointsOfEachClassAndChangesNoOtherSplit() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData with = new TwoMoonsConfig(100, 2, null, 50, 7).load(new DataContext(5, manager));
            SslData without = new TwoMoonsConfig(100, 2, null, 50).load(new DataContext(5, manager));
            assertEquals(null, without.validation());
            Split validation = Split.read(with.validation(), manager);
            assertEquals(14, validation.labels.length);
            assertEquals(7, Arrays.stream(validation.labels).filter(l -> l == 0).count());
            Split pool = Split.read(with.unlabeled(), manager);
            assertArrayEquals(Split.read(without.unlabeled(), manager).coordinates, pool.coordinates);
            assertArrayEquals(Split.read(without.labeled(), manager).coordinates, Split.read(with.labeled(), manager).coordinates);
            assertArrayEquals(Split.read(without.test(), manager).coordinates, Split.read(with.test(), manager).coordinates);
            for (int v = 0; v < validation.labels.length; v++) {
                for (int p = 0; p < pool.labels.length; p++) {
                    assertFalse(
                            validation.coordinates[2 * v] == pool.coordinates[2 * p]
                                    && validation.coordinates[2 * v + 1] == pool.coordinates[2 * p + 1],
                            "validation point " + v + " is pool point " + p);
                }
            }
            assertTrue(with.spec().description().contains("50 test, 14 validation,"), with.spec().description());
        }
        assertField("validationPerClass", () -> new TwoMoonsConfig(null, null, null, null, -1));
    }

    @Test
    void upperMoonLiesAboveTheLowerMoon() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = SMALL.load(new DataContext(11, manager));
            Split pool = Split.read(data.unlabeled(), manager);
            double[] sumY = new double[2];
            for (int i = 0; i < pool.labels.length; i++) {
                sumY[pool.labels[i]] += pool.coordinates[2 * i + 1];
            }
            // expected means: 2/pi = 0.64 for class 0 and 0.5 - 2/pi = -0.14 for class 1
            assertEquals(2 / Math.PI, sumY[0] / 100, 0.1);
            assertEquals(0.5 - 2 / Math.PI, sumY[1] / 100, 0.1);
        }
    }

    @Test
    void withoutNoisePointsLieOnTheirCircles() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = new TwoMoonsConfig(20, 1, 0.0, 10).load(new DataContext(1, manager));
            Split pool = Split.read(data.unlabeled(), manager);
            for (int i = 0; i < pool.labels.length; i++) {
                double x = pool.coordinates[2 * i];
                double y = pool.coordinates[2 * i + 1];
                // class 0 on the unit circle around (0, 0), y >= 0; class 1 around (1, 0.5)
                double cx = pool.labels[i] == 0 ? 0 : 1;
                double cy = pool.labels[i] == 0 ? 0 : 0.5;
                assertEquals(1, Math.hypot(x - cx, y - cy), 1e-6);
                assertTrue(pool.labels[i] == 0 ? y >= 0 : y <= 0.5);
            }
        }
    }

    @Test
    void rejectsBadConfigsNamingTheField() {
        assertField("examples", () -> new TwoMoonsConfig(0, null, null, null));
        assertField("examples", () -> new TwoMoonsConfig(201, null, null, null));
        assertField("labeledPerClass", () -> new TwoMoonsConfig(10, 6, null, null));
        assertField("labeledPerClass", () -> new TwoMoonsConfig(10, 0, null, null));
        assertField("noise", () -> new TwoMoonsConfig(null, null, -0.1, null));
        assertField("testExamples", () -> new TwoMoonsConfig(null, null, null, 1));
    }

    private static List<ArrayDataset> splits(SslData data) {
        return List.of(data.labeled(), data.unlabeled(), data.test());
    }

    private static void assertField(String field, Executable construction) {
        InvalidConfigException error = assertThrows(InvalidConfigException.class, construction);
        assertEquals(field, error.field());
        assertTrue(error.getMessage().startsWith(field + ": "), error.getMessage());
    }

    /** A split copied back into Java arrays. */
    private static final class Split {
        private final float[] coordinates;
        private final int[] labels;
        private final Shape shape;
        private final DataType dataType;
        private final DataType labelType;

        private Split(
                float[] coordinates,
                int[] labels,
                Shape shape,
                DataType dataType,
                DataType labelType) {
            this.coordinates = coordinates;
            this.labels = labels;
            this.shape = shape;
            this.dataType = dataType;
            this.labelType = labelType;
        }

        static Split read(ArrayDataset split, NDManager manager) {
            // closing a batch closes the manager it was read into
            try (Batch batch = split.getByRange(manager.newSubManager(), 0, split.size())) {
                var data = batch.getData().singletonOrThrow();
                var labels = batch.getLabels().singletonOrThrow();
                return new Split(
                        data.toFloatArray(),
                        labels.toIntArray(),
                        data.getShape(),
                        data.getDataType(),
                        labels.getDataType());
            }
        }

        List<Float> point(int index) {
            return List.of(coordinates[2 * index], coordinates[2 * index + 1]);
        }

        int[] classCounts() {
            int[] counts = new int[2];
            for (int label : labels) {
                counts[label]++;
            }
            return counts;
        }
    }
}
