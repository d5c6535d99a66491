package org.ssl4j.runtime.executor;

import ai.djl.Device;
import java.util.List;

/**
 * Where a run computes: the devices its networks live on and the engine settings it needs.
 * Created from an {@link ExecutorConfig} by {@link #of}, which checks that the devices exist;
 * one per run.
 */
public interface Executor {

    /**
     * @return the device the run's data, losses and optimizer state live on (the first of {@link
     *     #devices()})
     */
    default Device device() {
        return devices().get(0);
    }

    /**
     * @return the devices a network is replicated on, the primary first; one device means no
     *     data parallelism. A device may repeat (replicas on the CPU).
     */
    List<Device> devices();

    /**
     * Applies the executor's engine settings (threads) on the calling thread, before any work.
     */
    void prepare();

    /**
     * @return a short description for run summaries, e.g. {@code cpu, 2 threads}
     */
    String describe();

    /**
     * Creates the executor a config asks for, after checking that its GPUs are visible to the
     * engine, so that a missing GPU is reported before any data is loaded.
     *
     * @param config the config's {@code executor} section
     * @return the executor
     * @throws org.ssl4j.api.config.InvalidConfigException naming the field ({@code device},
     *     {@code devices[i]}) when a GPU the config names is not visible
     */
    static Executor of(ExecutorConfig config) {
        if (config instanceof GpuExecutorConfig gpu) {
            VisibleGpus.check(List.of(gpu.device()), "device");
            return new GpuExecutor(List.of(gpu.device()), gpu.threads());
        }
        if (config instanceof MultiGpuExecutorConfig gpus) {
            VisibleGpus.check(gpus.devices(), "devices");
            return new GpuExecutor(gpus.devices(), gpus.threads());
        }
        return new CpuExecutor((CpuExecutorConfig) config);
    }
}
