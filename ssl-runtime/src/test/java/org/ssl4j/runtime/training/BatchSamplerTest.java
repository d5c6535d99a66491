package org.ssl4j.runtime.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.ssl4j.runtime.run.CheckpointFile;

class BatchSamplerTest {

    @Test
    void everyPassIsAPermutationOfTheSplit() {
        BatchSampler sampler = new BatchSampler(10, 7);
        for (int pass = 0; pass < 3; pass++) {
            long[] first = sampler.next(4);
            long[] second = sampler.next(6);
            long[] all = LongStream.concat(Arrays.stream(first), Arrays.stream(second)).sorted().toArray();
            assertArrayEquals(LongStream.range(0, 10).toArray(), all);
        }
    }

    @Test
    void aBatchLargerThanTheSplitWrapsIntoTheNextPass() {
        long[] batch = new BatchSampler(6, 1).next(15);
        assertEquals(15, batch.length);
        long[] firstPass = Arrays.stream(batch, 0, 6).sorted().toArray();
        assertArrayEquals(LongStream.range(0, 6).toArray(), firstPass);
        assertEquals(6, Arrays.stream(batch).distinct().count());
    }

    @Test
    void theSameSeedGivesTheSameStreamAndAnotherSeedAnother() {
        assertArrayEquals(new BatchSampler(100, 3).next(50), new BatchSampler(100, 3).next(50));
        assertFalse(Arrays.equals(new BatchSampler(100, 3).next(50), new BatchSampler(100, 4).next(50)));
    }

    @Test
    void anEmptySplitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BatchSampler(0, 1));
    }

    @Test
    void aRestoredSamplerContinuesTheSameStream() {
        BatchSampler original = new BatchSampler(13, 5);
        for (int i = 0; i < 37; i++) {
            original.next(7);
        }
        CheckpointFile state = new CheckpointFile();
        original.saveState(state.writer());
        BatchSampler restored = new BatchSampler(13, 5);
        restored.restoreState(state);
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(original.next(7), restored.next(7), "batch " + i + " after restoring");
        }
    }

    @Test
    void aSamplerOfAnotherSplitRefusesTheState() {
        CheckpointFile state = new CheckpointFile();
        new BatchSampler(13, 5).saveState(state.writer());
        IllegalStateException error =
                assertThrows(IllegalStateException.class, () -> new BatchSampler(12, 5).restoreState(state));
        assertTrue(error.getMessage().contains("13 examples with seed 5"), error.getMessage());
    }
}
