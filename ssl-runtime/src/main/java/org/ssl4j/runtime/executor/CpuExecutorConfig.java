package org.ssl4j.runtime.executor;

import org.ssl4j.api.config.Checks;

/**
 * Runs on the CPU.
 *
 * @param threads intra-op threads of libtorch; null leaves the engine's setting (the launcher
 *     sets it to the machine's cores)
 * @param replicas copies of every network, each computing a share of every batch, exactly as
 *     {@code multi-gpu} does across GPUs (default 1: no copies). More than one makes nothing
 *     faster on a CPU; it runs the data-parallel path on a machine without GPUs, to check that a
 *     method trains the same under it
 */
public record CpuExecutorConfig(Integer threads, Integer replicas) implements ExecutorConfig {

    /** Checks the thread and replica counts; replicas default to 1. */
    public CpuExecutorConfig {
        if (threads != null) {
            Checks.inRange("threads", threads, 1, 1024);
        }
        replicas = replicas == null ? 1 : replicas;
        Checks.inRange("replicas", replicas, 1, 64);
    }

    /**
     * @param threads intra-op threads, or null for the engine's setting
     */
    public CpuExecutorConfig(Integer threads) {
        this(threads, null);
    }
}
