package org.ssl4j.examples.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.role.AuxiliaryInputs;

/** Values computed by hand: H(1/2, 1/2) = ln 2; H(3/4, 1/4) = 2 ln 2 - (3/4) ln 3. */
class EntropyLossTest {

    @Test
    void isTheMeanEntropyOfTheWeakViewTimesTheWeight() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // rows: logits (0, 0) -> p = (1/2, 1/2); (ln 3, 0) -> p = (3/4, 1/4)
            NDArray weak = manager.create(new float[][] {{0f, 0f}, {(float) Math.log(3), 0f}});
            double h1 = Math.log(2);
            double h2 = 2 * Math.log(2) - 0.75 * Math.log(3);
            NDArray loss = new EntropyLoss(0.5f).compute(new AuxiliaryInputs(null, null, weak, null), null);
            assertEquals(0.5 * (h1 + h2) / 2, loss.getFloat(), 1e-6);
        }
    }

    @Test
    void gradientPushesPredictionsAwayFromUniform() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weak = manager.create(new float[][] {{(float) Math.log(3), 0f}});
            weak.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                collector.backward(new EntropyLoss(1f).compute(new AuxiliaryInputs(null, null, weak, null), null));
            }
            // dH/dz_k = -p_k (log p_k + H): for p = (3/4, 1/4), H = 2 ln 2 - (3/4) ln 3
            double h = 2 * Math.log(2) - 0.75 * Math.log(3);
            float[] expected = {
                (float) (-0.75 * (Math.log(0.75) + h)), (float) (-0.25 * (Math.log(0.25) + h))
            };
            assertArrayEquals(expected, weak.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void withoutWeakLogitsItNamesTheView() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new EntropyLoss(1f).compute(new AuxiliaryInputs(null, null, null, null), null));
        assertEquals("the entropy loss needs the weak view's logits", e.getMessage());
    }

    @Test
    void aNegativeWeightNamesTheField() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new EntropyConfig(-1.0));
        assertEquals("weight", e.field());
    }
}
