package org.ssl4j.runtime.executor;

import org.ssl4j.api.config.Checks;

/**
 * Runs on the CPU.
 *
 * @param threads intra-op threads of libtorch; null leaves the engine's setting (the launcher
 *     sets it to the machine's cores)
 */
public record CpuExecutorConfig(Integer threads) implements ExecutorConfig {

    /** Checks the thread count. */
    public CpuExecutorConfig {
        if (threads != null) {
            Checks.inRange("threads", threads, 1, 1024);
        }
    }
}
