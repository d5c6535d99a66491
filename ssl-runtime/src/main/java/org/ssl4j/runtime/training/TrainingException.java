package org.ssl4j.runtime.training;

/** Training cannot go on: a non-finite loss, a method that broke its contract. */
public final class TrainingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, where (phase, step, loss term) and what to try
     */
    public TrainingException(String message) {
        super(message);
    }
}
