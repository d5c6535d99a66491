package org.ssl4j.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.LibUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.ssl4j.runtime.registry.PluginRegistry;

/** The engine report, on this machine's CPU libtorch and on hand-made GPU reports. */
class EngineReportTest {

    private static EngineReport withGpus(int count, Set<String> features) {
        List<EngineReport.Gpu> gpus =
                IntStream.range(0, count)
                        .mapToObj(id -> new EngineReport.Gpu(id, "90", 3L << 30, 80L << 30))
                        .toList();
        EngineReport.LoadedEngine engine =
                new EngineReport.LoadedEngine(
                        "PyTorch", "2.7.1", Path.of("/opt/libtorch/lib"), Path.of("/c/pytorch/2.7.1-cu128-linux-x86_64/0.36.0-libdjl_torch.so"),
                        "cu128", features, gpus, 8, 1);
        return new EngineReport("17", "0.36.0", engine, null, null, List.of("PYTORCH_FLAVOR=cu128"), true, Path.of("/c"), 10, 0);
    }

    @Test
    void reportsTheCpuLibtorchOfTheClassPath() {
        EngineReport report = EngineReport.collect(PluginRegistry.loadDefault());
        assertNull(report.engineError());
        EngineReport.LoadedEngine engine = report.engine();
        assertEquals("PyTorch", engine.name());
        assertEquals("2.7.1", engine.version());
        assertEquals("cpu", engine.flavor());
        assertEquals(Path.of(LibUtils.getLibtorchPath()), engine.libtorchDirectory());
        assertTrue(Files.isRegularFile(engine.libtorchDirectory().resolve("libtorch.so")), engine.libtorchDirectory().toString());
        assertNotNull(engine.jniLibrary(), "found in /proc/self/maps");
        assertTrue(engine.jniLibrary().getFileName().toString().endsWith("libdjl_torch.so"), engine.jniLibrary().toString());
        int gpus = ai.djl.engine.Engine.getInstance().getGpuCount();
        assertEquals(gpus, report.gpuCount(), "the GPUs DJL counts on this machine, whatever it has");
        assertTrue(engine.intraOpThreads() >= 1);
        assertTrue(report.nativeJar().startsWith("pytorch-native-cpu-2.7.1"), report.nativeJar());
        assertEquals("PyTorch 2.7.1 (cpu), " + gpus + (gpus == 1 ? " GPU" : " GPUs"), report.summary());
    }

    @Test
    void flavorIsTheMiddleOfTheJniFolderName() {
        assertEquals("cpu", EngineReport.flavor(Path.of("/c/pytorch/2.7.1-20250812-cpu-linux-x86_64/0.36.0-libdjl_torch.so")));
        assertEquals("cu128", EngineReport.flavor(Path.of("/c/pytorch/2.7.1-cu128-linux-x86_64/0.36.0-libdjl_torch.so")));
        assertEquals("cpu-precxx11", EngineReport.flavor(Path.of("/c/pytorch/2.7.1-cpu-precxx11-linux-x86_64/0.36.0-libdjl_torch.so")));
        assertEquals("unknown", EngineReport.flavor(Path.of("/usr/lib/libdjl_torch.so")));
    }

    @Test
    void executorsFollowTheGpuCount() {
        assertEquals(
                "cpu: yes; gpu: no (0 GPUs visible); multi-gpu: no (needs 2 GPUs, 0 visible)",
                withGpus(0, Set.of()).executors());
        assertEquals(
                "cpu: yes; gpu: yes (device 0); multi-gpu: no (needs 2 GPUs, 1 visible)",
                withGpus(1, Set.of("CUDA")).executors());
        assertEquals(
                "cpu: yes; gpu: yes (devices 0-3); multi-gpu: yes (devices 0-3)",
                withGpus(4, Set.of("CUDA")).executors());
    }

    @Test
    void linesShowEachGpuAndExplainCudaWithoutGpus() {
        List<String> two = withGpus(2, Set.of("CUDA", "CUDNN")).lines();
        assertTrue(two.contains("gpu 1: compute capability 90, memory 3.0 GiB used of 80.0 GiB"), two.toString());
        assertTrue(two.contains("libtorch features: CUDA, CUDNN"), two.toString());
        assertTrue(two.contains("cuda available: yes"), two.toString());
        assertTrue(two.stream().noneMatch(line -> line.startsWith("hint:")), two.toString());

        List<String> none = withGpus(0, Set.of("CUDA")).lines();
        assertTrue(none.contains("gpus: 0"), none.toString());
        assertTrue(none.stream().anyMatch(line -> line.startsWith("hint:") && line.contains("libcudart")), none.toString());
    }

    @Test
    void aFailedEngineIsReportedWithAHint() {
        EngineReport failed =
                new EngineReport(
                        "17", "0.36.0", null,
                        "Cannot copy jni files: Resource not found in classpath: jnilib/linux-x86_64/cpu-precxx11/libdjl_torch.so",
                        null, List.of("PYTORCH_LIBRARY_PATH=/opt/libtorch/lib"), true, Path.of("/c"), 10, 0);
        List<String> lines = failed.lines();
        assertTrue(lines.get(2).startsWith("engine: failed to load: Cannot copy jni files"), lines.toString());
        assertTrue(lines.get(3).startsWith("hint: ") && lines.get(3).contains("PYTORCH_FLAVOR"), lines.toString());
        assertEquals("cpu: no (the engine did not load); gpu: no (0 GPUs visible); multi-gpu: no (needs 2 GPUs, 0 visible)", failed.executors());
        assertTrue(failed.summary().startsWith("not loaded: Cannot copy jni files"), failed.summary());
    }

    @Test
    void engineAndErrorExcludeEachOther() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new EngineReport("17", "0.36.0", null, null, null, List.of(), true, Path.of("/c"), 0, 0));
    }
}
