package org.ssl4j.steps;

import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.Phase;

/** The part every phase shares: its name, its length and the batches of its steps. */
public abstract class BasicPhase implements Phase {

    private final String name;
    private final long steps;
    private final BatchPlan batches;

    /**
     * @param name the phase's name in progress output and metrics
     * @param steps how many steps it runs
     * @param batches what each step needs
     */
    protected BasicPhase(String name, long steps, BatchPlan batches) {
        this.name = name;
        this.steps = steps;
        this.batches = batches;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final BatchPlan batches() {
        return batches;
    }
}
