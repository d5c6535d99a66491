package org.ssl4j.api.method;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * What one step reports: its loss terms and how many examples it consumed.
 *
 * @param losses scalar arrays by name ({@code loss}, {@code teacher.uda}, ...), owned by the
 *     step's manager; the runtime reads them only on logging steps, so reporting costs nothing
 *     on the others
 * @param examples examples the step processed, for the images/s figure
 */
public record StepResult(Map<String, NDArray> losses, long examples) {

    /** Copies the map. */
    public StepResult {
        losses = Map.copyOf(losses);
    }
}
