package org.ssl4j.runtime.executor;

import ai.djl.Device;
import org.ssl4j.runtime.network.EngineOps;

/** Runs on the CPU with a configurable number of libtorch threads. */
public final class CpuExecutor implements Executor {

    private final CpuExecutorConfig config;

    /**
     * @param config the thread count (null keeps the engine's)
     */
    public CpuExecutor(CpuExecutorConfig config) {
        this.config = config;
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    @Override
    public void prepare() {
        if (config.threads() != null) {
            EngineOps.setThreads(config.threads());
        }
    }

    @Override
    public String describe() {
        return "cpu, " + EngineOps.threads() + " threads";
    }
}
