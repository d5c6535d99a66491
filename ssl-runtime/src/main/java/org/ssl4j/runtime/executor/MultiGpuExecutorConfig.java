package org.ssl4j.runtime.executor;

import java.util.HashSet;
import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;

/**
 * Data parallel over several GPUs in one process: every network has a replica on each device,
 * every batch a network sees is split across them, the gradients are summed on the first device
 * and one optimizer update there is copied to the others. docs/executors.md has the details,
 * batch normalisation included.
 *
 * @param devices the GPUs' ids as CUDA numbers them, at least two, no repeats; the first holds
 *     the run's data, the losses and the optimizer state
 * @param threads intra-op threads of libtorch for what runs on the CPU; null leaves the
 *     engine's setting
 */
public record MultiGpuExecutorConfig(List<Integer> devices, Integer threads) implements ExecutorConfig {

    /** Checks the ids and thread count. */
    public MultiGpuExecutorConfig {
        Checks.required("devices", devices);
        if (devices.size() < 2) {
            throw new InvalidConfigException(
                    "devices", "needs at least two GPU ids, got " + devices + " (for one GPU use type: gpu)");
        }
        for (int i = 0; i < devices.size(); i++) {
            Checks.required("devices[" + i + "]", devices.get(i));
            Checks.inRange("devices[" + i + "]", devices.get(i), 0, 1023);
        }
        if (new HashSet<>(devices).size() != devices.size()) {
            throw new InvalidConfigException("devices", "lists a GPU twice: " + devices);
        }
        devices = List.copyOf(devices);
        if (threads != null) {
            Checks.inRange("threads", threads, 1, 1024);
        }
    }
}
