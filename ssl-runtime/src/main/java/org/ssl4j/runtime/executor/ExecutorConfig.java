package org.ssl4j.runtime.executor;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Where a run's tensors live and how many threads compute them: the config's {@code executor}
 * section, {@code cpu} (the default), {@code gpu} or {@code multi-gpu}. Executors belong to the
 * runtime (they touch the engine), so their types are listed here rather than registered by
 * plugins. Methods never see which one runs them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CpuExecutorConfig.class, name = "cpu"),
    @JsonSubTypes.Type(value = GpuExecutorConfig.class, name = "gpu"),
    @JsonSubTypes.Type(value = MultiGpuExecutorConfig.class, name = "multi-gpu")
})
public sealed interface ExecutorConfig permits CpuExecutorConfig, GpuExecutorConfig, MultiGpuExecutorConfig {}
