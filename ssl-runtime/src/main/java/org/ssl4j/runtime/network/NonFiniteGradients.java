package org.ssl4j.runtime.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the updates that {@link DjlNetwork#update()} refused because a gradient held NaN or
 * infinity; the training driver reads and clears it after every step. One per run, shared by
 * the run's networks. Not thread-safe (a run's steps are sequential).
 */
public final class NonFiniteGradients {

    /**
     * A refused update.
     *
     * @param network the network's name
     * @param parameter the first parameter whose gradient was not finite
     * @param largest the largest absolute gradient value of that parameter (NaN or infinite)
     */
    public record Refusal(String network, String parameter, float largest) {

        /**
         * @return e.g. {@code gradient of network 'student' parameter '01Linear_weight' is NaN}
         */
        public String describe() {
            return "gradient of network '" + network + "' parameter '" + parameter + "' is " + largest;
        }
    }

    private final List<Refusal> refusals = new ArrayList<>();

    /**
     * @param refusal an update that was not applied
     */
    void add(Refusal refusal) {
        refusals.add(refusal);
    }

    /**
     * @return the refusals since the last call, oldest first; the list is cleared
     */
    public List<Refusal> drain() {
        List<Refusal> out = List.copyOf(refusals);
        refusals.clear();
        return out;
    }
}
