package org.ssl4j.runtime.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.config.InvalidConfigException;

/** Executors from configs, and the device check that runs before any work. */
class ExecutorTest {

    @Test
    void cpuReplicasAreCopiesOfTheCpuDevice() {
        Executor executor = Executor.of(new CpuExecutorConfig(null, 3));
        assertEquals(List.of(Device.cpu(), Device.cpu(), Device.cpu()), executor.devices());
        assertEquals(Device.cpu(), executor.device());
        assertTrue(executor.describe().endsWith("data parallel over 3 replicas"), executor.describe());
        assertEquals(List.of(Device.cpu()), Executor.of(new CpuExecutorConfig(2)).devices());
    }

    @Test
    void aGpuThisEngineCannotSeeIsRefusedNamingTheField() {
        // The CPU build of libtorch that the tests run on sees no GPU.
        InvalidConfigException one =
                assertThrows(InvalidConfigException.class, () -> Executor.of(new GpuExecutorConfig(null, null)));
        assertEquals("device", one.field());
        assertTrue(one.problem().startsWith("GPU 0 was asked for, but the engine sees no GPU (PyTorch 2.7.1)"), one.problem());
        InvalidConfigException many =
                assertThrows(InvalidConfigException.class, () -> Executor.of(new MultiGpuExecutorConfig(List.of(2, 3), null)));
        assertEquals("devices[0]", many.field());
        assertTrue(many.problem().startsWith("GPU 2 was asked for"), many.problem());
    }

    @Test
    void theMessageSaysWhatToDoInEachCase() {
        assertTrue(VisibleGpus.problem(0, 0, true, "PyTorch 2.7.1")
                .contains("libtorch reports CUDA (PyTorch 2.7.1): DJL counts GPUs through the CUDA runtime, libcudart.so"));
        assertTrue(VisibleGpus.problem(0, 0, false, "PyTorch 2.7.1").endsWith("Use executor type cpu to run without one"));
        String tooHigh = VisibleGpus.problem(2, 2, true, "PyTorch 2.7.1");
        assertTrue(tooHigh.startsWith("GPU 2 was asked for, but the engine sees 2 GPUs (ids 0-1)"), tooHigh);
        assertTrue(tooHigh.endsWith("Use an id the engine sees"), tooHigh);
        assertTrue(VisibleGpus.problem(1, 1, true, "x").contains("sees 1 GPU (id 0)"));
    }
}
