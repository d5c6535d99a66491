package org.ssl4j.runtime.executor;

import ai.djl.Device;
import java.util.Collections;
import java.util.List;
import org.ssl4j.runtime.network.EngineOps;

/** Runs on the CPU with a configurable number of libtorch threads, optionally with replicas. */
public final class CpuExecutor implements Executor {

    private final CpuExecutorConfig config;

    /**
     * @param config the thread count (null keeps the engine's) and replica count
     */
    public CpuExecutor(CpuExecutorConfig config) {
        this.config = config;
    }

    @Override
    public List<Device> devices() {
        return Collections.nCopies(config.replicas(), Device.cpu());
    }

    @Override
    public void prepare() {
        if (config.threads() != null) {
            EngineOps.setThreads(config.threads());
        }
    }

    @Override
    public String describe() {
        String replicas = config.replicas() > 1 ? ", data parallel over " + config.replicas() + " replicas" : "";
        return "cpu, " + EngineOps.threads() + " threads" + replicas;
    }
}
