package org.ssl4j.api.method;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * What one step reports: its loss terms and how many examples it consumed.
 *
 * @param losses scalar arrays by name ({@code loss}, {@code teacher.uda}, ...), owned by the
 *     step's manager; every step the runtime checks that they are finite with one host read of
 *     their sum, and reads each term only on logging steps (or when one is not finite)
 * @param examples examples the step processed, for the images/s figure
 */
public record StepResult(Map<String, NDArray> losses, long examples) {

    /** Copies the map. */
    public StepResult {
        losses = Map.copyOf(losses);
    }
}
