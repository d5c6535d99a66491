package org.ssl4j.runtime.executor;

import org.ssl4j.api.config.Checks;

/**
 * Runs on one GPU.
 *
 * @param device the GPU's id as CUDA numbers it (default 0)
 * @param threads intra-op threads of libtorch for what runs on the CPU (data loading,
 *     augmentation); null leaves the engine's setting
 */
public record GpuExecutorConfig(Integer device, Integer threads) implements ExecutorConfig {

    /** Checks the id and thread count; the device defaults to 0. */
    public GpuExecutorConfig {
        device = device == null ? 0 : device;
        Checks.inRange("device", device, 0, 1023);
        if (threads != null) {
            Checks.inRange("threads", threads, 1, 1024);
        }
    }
}
