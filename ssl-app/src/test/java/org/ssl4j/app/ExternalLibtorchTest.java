package org.ssl4j.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's {@code SSL4J_LIBTORCH} switch, run for real: the {@code ssl4j} script in a
 * stand-in application folder whose {@code lib/} holds this test's jars, the CPU libtorch jar
 * among them, and a libtorch folder of its own made from the CPU libtorch that DJL extracted in
 * this JVM. {@code doctor} then has to report that folder, no libtorch jar and the flavor asked
 * for. What a CUDA libtorch would add (the cu128 flavor loading) cannot run here.
 */
class ExternalLibtorchTest {

    @TempDir static Path dir;

    /** The stand-in for the repository: the launcher script and ssl-app/target/lib. */
    private static Path home;
    /** A libtorch folder laid out as the official zip unpacks: libtorch/lib/libtorch.so. */
    private static Path libtorch;

    /** One launcher run. */
    private record Outcome(int code, String out, String err) {}

    @BeforeAll
    static void layOutTheApplicationAndALibtorch() throws IOException {
        // Running DJL once extracts the CPU libtorch from its jar, also on a clean machine.
        Engine.getInstance();
        Path extracted = Path.of(LibUtils.getLibtorchPath());
        libtorch = dir.resolve("libtorch");
        Path lib = Files.createDirectories(libtorch.resolve("lib"));
        try (Stream<Path> files = Files.list(extracted)) {
            for (Path file : files.toList()) {
                // DJL's own JNI library is extracted beside libtorch; a libtorch zip has none.
                if (Files.isRegularFile(file) && !file.getFileName().toString().contains("djl_torch")) {
                    Files.createSymbolicLink(lib.resolve(file.getFileName()), file);
                }
            }
        }
        assertTrue(Files.exists(lib.resolve("libtorch.so")), "no libtorch.so in " + extracted);

        home = Files.createDirectories(dir.resolve("home"));
        Path script = home.resolve("ssl4j");
        Files.copy(Path.of("").toAbsolutePath().getParent().resolve("ssl4j"), script);
        assertTrue(script.toFile().setExecutable(true));
        Path appLib = Files.createDirectories(home.resolve("ssl-app/target/lib"));
        boolean nativeJar = false;
        int directories = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            String name = path.getFileName().toString();
            if (Files.isDirectory(path)) {
                // Module classes not yet in a jar (this module's, at least): a class directory
                // works on the class path under a jar's name too.
                Files.createSymbolicLink(appLib.resolve("classes-" + directories++ + ".jar"), path);
            } else if (name.endsWith(".jar") && Files.exists(path)) {
                nativeJar |= name.startsWith("pytorch-native-cpu");
                Files.createSymbolicLink(appLib.resolve(name), path);
            }
        }
        assertTrue(nativeJar, "the CPU libtorch jar must be in lib/, for the launcher to leave it out");
        // The launcher's build stamp, newer than every source in this folder (there are none).
        Files.createFile(appLib.resolve(".built"));
    }

    /** Removes the links before JUnit cleans the folder up, which warns about each one. */
    @AfterAll
    static void removeTheLinks() throws IOException {
        for (Path tree : List.of(home, libtorch)) {
            try (Stream<Path> paths = Files.walk(tree)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static Outcome ssl4j(Map<String, String> settings, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("ssl4j").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PYTORCH_") || name.startsWith("SSL4J_") || name.equals("JAVA_OPTS"));
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + env.getOrDefault("PATH", ""));
        env.put("SSL4J_THREADS", "1");
        env.put("DJL_CACHE_DIR", dir.resolve("djl-cache").toString());
        env.putAll(settings);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ssl4j " + String.join(" ", args) + " took over 2 minutes");
        }
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void doctorRunsOnTheLibtorchFolderWithoutTheJar() throws Exception {
        Path lib = libtorch.resolve("lib");
        Outcome result = ssl4j(Map.of("SSL4J_LIBTORCH", lib.toString(), "PYTORCH_FLAVOR", "cpu"), "doctor");
        assertEquals(0, result.code(), result.out() + result.err());
        String out = result.out();
        assertTrue(out.contains("engine: PyTorch 2.7.1\n"), out);
        assertTrue(out.contains("libtorch directory: " + lib.toAbsolutePath() + "\n"), out);
        assertTrue(out.contains("libtorch flavor: cpu\n"), out);
        assertTrue(out.contains("native jar: none on the class path\n"), out);
        assertTrue(out.contains("jni library: " + dir.resolve("djl-cache/pytorch/2.7.1-cpu-linux-x86_64")), out);
        assertTrue(out.contains("PYTORCH_LIBRARY_PATH=" + lib.toAbsolutePath() + ", PYTORCH_VERSION=2.7.1, PYTORCH_FLAVOR=cpu"), out);
        assertTrue(out.contains("ai.djl.offline: true\n"), out);
        assertTrue(out.contains("threads: 1 intra-op, 1 inter-op\n"), out);
        assertTrue(out.contains("executors: cpu: yes; gpu: no (0 GPUs visible)"), out);
    }

    @Test
    void theFlavorDefaultsToCu128AndACpuFolderThenFailsWithAHint() throws Exception {
        // The unpacked libtorch/ folder works as well as its lib/.
        Outcome result = ssl4j(Map.of("SSL4J_LIBTORCH", libtorch.toString()), "doctor");
        assertEquals(Main.RUN_FAILED, result.code(), result.out() + result.err());
        String out = result.out();
        assertTrue(out.contains("PYTORCH_FLAVOR=cu128"), out);
        assertTrue(out.contains("engine: failed to load: "), out);
        assertTrue(out.contains("2.7.1-cu128-linux-x86_64"), "DJL took the cu128 JNI library:\n" + out);
        assertTrue(out.contains("\nhint: ") && out.contains("PYTORCH_FLAVOR right"), out);
        assertTrue(out.contains("executors: cpu: no (the engine did not load)"), out);
    }

    @Test
    void aFolderWithoutLibtorchIsAClearErrorBeforeJavaStarts() throws Exception {
        Outcome missing = ssl4j(Map.of("SSL4J_LIBTORCH", dir.resolve("nowhere").toString()), "doctor");
        assertEquals(Main.BAD_INPUT, missing.code());
        assertEquals("", missing.out());
        assertEquals(
                "error: SSL4J_LIBTORCH=" + dir.resolve("nowhere") + " is not a directory; point it at the lib/ folder"
                        + " of an unpacked libtorch 2.7.1 (docs/gpu.md)\n",
                missing.err());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Outcome noLibrary = ssl4j(Map.of("SSL4J_LIBTORCH", empty.toString()), "doctor");
        assertEquals(Main.BAD_INPUT, noLibrary.code());
        assertEquals("", noLibrary.out());
        assertTrue(noLibrary.err().startsWith("error: SSL4J_LIBTORCH=" + empty + " holds no libtorch.so (nor does its lib/)"), noLibrary.err());
    }
}
