package org.ssl4j.noisystudent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PseudoLabelSamplerTest {

    @Test
    void theSamplerDrawsEveryCopyOncePerPass() {
        int[] expanded = {0, 0, 0, 4, 7};
        PseudoLabelSampler sampler = new PseudoLabelSampler(expanded, new Random(3));
        Random steps = new Random(5);

        long[] firstPass = sampler.next(5, steps);
        long[] secondPass = sampler.next(5, steps);

        long[] sorted = firstPass.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new long[] {0, 0, 0, 4, 7}, sorted);
        Arrays.sort(secondPass);
        assertArrayEquals(new long[] {0, 0, 0, 4, 7}, secondPass);
        assertThrows(IllegalArgumentException.class, () -> new PseudoLabelSampler(new int[0], new Random(1)));
    }
}
