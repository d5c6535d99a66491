package org.ssl4j.runtime.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

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
}
