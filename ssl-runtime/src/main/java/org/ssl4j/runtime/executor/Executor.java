package org.ssl4j.runtime.executor;

import ai.djl.Device;

/**
 * Where a run computes: the device its arrays are created on and the engine settings it needs.
 * Created from an {@link ExecutorConfig}; one per run.
 */
public interface Executor {

    /**
     * @return the device every array of the run lives on
     */
    Device device();

    /**
     * Applies the executor's engine settings (threads) on the calling thread, before any work.
     */
    void prepare();

    /**
     * @return a short description for run summaries, e.g. {@code cpu, 2 threads}
     */
    String describe();

    /**
     * Creates the executor a config asks for.
     *
     * @param config the config's {@code executor} section
     * @return the executor
     */
    static Executor of(ExecutorConfig config) {
        if (config instanceof CpuExecutorConfig cpu) {
            return new CpuExecutor(cpu);
        }
        throw new IllegalArgumentException("no executor for " + config);
    }
}
