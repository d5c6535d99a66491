package org.ssl4j.runtime.executor;

import ai.djl.Device;
import java.util.List;
import java.util.stream.Collectors;
import org.ssl4j.runtime.network.EngineOps;

/** Runs on one GPU, or data parallel over several; made by {@link Executor#of}. */
final class GpuExecutor implements Executor {

    private final List<Device> devices;
    private final Integer threads;

    /**
     * @param ids GPU ids, checked to be visible
     * @param threads intra-op threads for CPU work, or null for the engine's setting
     */
    GpuExecutor(List<Integer> ids, Integer threads) {
        this.devices = ids.stream().map(Device::gpu).toList();
        this.threads = threads;
    }

    @Override
    public List<Device> devices() {
        return devices;
    }

    @Override
    public void prepare() {
        if (threads != null) {
            EngineOps.setThreads(threads);
        }
    }

    @Override
    public String describe() {
        String ids = devices.stream().map(d -> String.valueOf(d.getDeviceId())).collect(Collectors.joining(", "));
        return devices.size() == 1 ? "gpu " + ids : "multi-gpu, data parallel over gpus " + ids;
    }
}
