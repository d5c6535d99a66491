package org.ssl4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.runtime.result.CompareResult;
import org.ssl4j.runtime.result.TrainResult;
import org.ssl4j.runtime.result.TrainedModel;

/** Builds and runs the example application, as a user would. */
class SideBySideTest {

    @TempDir Path dir;

    @Test
    void comparesBothMethodsOverTwoSeedsAndPredictsWithTheTrainedModel() {
        CompareResult result = SideBySide.compare(dir, 300);
        assertEquals(4, result.runs().size());
        assertEquals(2, result.rows().size());
        assertTrue(Files.exists(dir.resolve("results.json")));
        for (TrainResult run : result.runs()) {
            assertEquals(300, run.steps());
            // Six labels and 300 steps on Two Moons are far better than chance.
            assertTrue(run.accuracy() > 0.6, run.method() + " seed " + run.seed() + ": " + run.accuracy());
        }
        TrainResult first = result.runs().get(0);
        try (TrainedModel model = first.loadModel()) {
            // Far from the boundary: the top of the upper moon and the bottom of the lower one.
            int[] classes = model.predict(new float[][] {{0f, 1f}, {1f, -0.5f}});
            assertEquals(0, classes[0]);
            assertEquals(1, classes[1]);
        }
    }

    @Test
    void mainRunsEndToEnd() {
        SideBySide.main(new String[] {dir.toString(), "50"});
        assertTrue(Files.exists(dir.resolve("results.md")));
    }
}
