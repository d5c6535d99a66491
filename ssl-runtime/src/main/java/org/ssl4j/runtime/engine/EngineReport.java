package org.ssl4j.runtime.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Platform;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ssl4j.runtime.registry.PluginRegistry;

/**
 * What this process computes on: Java, DJL, the engine and the libtorch build it loaded, the
 * GPUs it sees, its threads and settings, the plugins, and which executors can run here. The
 * facts behind {@code ssl4j doctor}.
 *
 * @param javaVersion the Java runtime's version and vendor, e.g. {@code 17.0.16 (Debian)}
 * @param djlVersion DJL's version, e.g. {@code 0.36.0}
 * @param engine the loaded engine; null when it failed to load
 * @param engineError why the engine failed to load (the messages of the exception and its
 *     causes); null when it loaded
 * @param nativeJar the file name of the libtorch jar on the class path ({@code
 *     pytorch-native-cpu-...jar}); null when there is none
 * @param pytorchSettings the {@code PYTORCH_*} settings DJL reads, as {@code NAME=value}, in the
 *     order library path, version, flavor; only those that are set
 * @param offline whether DJL runs offline ({@code ai.djl.offline})
 * @param cacheDirectory DJL's cache directory, where it extracts libtorch and its JNI library
 * @param pluginsLoaded the number of plugins loaded
 * @param pluginsFailed the number of plugins or components refused
 */
public record EngineReport(
        String javaVersion,
        String djlVersion,
        LoadedEngine engine,
        String engineError,
        String nativeJar,
        List<String> pytorchSettings,
        boolean offline,
        Path cacheDirectory,
        int pluginsLoaded,
        int pluginsFailed) {

    /** The settings DJL's PyTorch engine reads to find a libtorch of one's own. */
    private static final List<String> PYTORCH_SETTINGS = List.of("PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR");

    /** The folder DJL extracts its JNI library to: {@code VERSION[-BUILD]-FLAVOR-CLASSIFIER}. */
    private static final Pattern JNI_FOLDER = Pattern.compile("\\d+\\.\\d+\\.\\d+(?:-\\d+)?-(.+)");

    /** Copies the list; exactly one of {@code engine} and {@code engineError} is null. */
    public EngineReport {
        pytorchSettings = List.copyOf(pytorchSettings);
        if ((engine == null) == (engineError == null)) {
            throw new IllegalArgumentException("give either the engine or why it failed to load");
        }
    }

    /**
     * The engine as loaded.
     *
     * @param name the engine's name, e.g. {@code PyTorch}
     * @param version its version, e.g. {@code 2.7.1}
     * @param libtorchDirectory the folder DJL loaded libtorch from
     * @param jniLibrary the file DJL's JNI library was loaded from; null where the process's
     *     mapped libraries cannot be read (not Linux)
     * @param flavor the libtorch build DJL loaded the JNI library for: {@code cpu}, {@code
     *     cu128}, ...; {@code unknown} without {@code jniLibrary}
     * @param features what libtorch reports it can use: {@code CUDA} (libtorch itself sees a
     *     GPU), {@code CUDNN}, {@code MKL}, {@code MKLDNN}, {@code OPENMP}
     * @param gpus the GPUs DJL counts, by id
     * @param intraOpThreads libtorch's intra-op thread count
     * @param interOpThreads libtorch's inter-op thread count
     */
    public record LoadedEngine(
            String name,
            String version,
            Path libtorchDirectory,
            Path jniLibrary,
            String flavor,
            Set<String> features,
            List<Gpu> gpus,
            int intraOpThreads,
            int interOpThreads) {

        /** Copies the collections. */
        public LoadedEngine {
            features = Set.copyOf(features);
            gpus = List.copyOf(gpus);
        }

        /**
         * @return whether libtorch itself reports CUDA available (a CUDA build and a working
         *     driver)
         */
        public boolean cuda() {
            return features.contains("CUDA");
        }
    }

    /**
     * One GPU that DJL counts.
     *
     * @param id its device id ({@code Device.gpu(id)})
     * @param computeCapability e.g. {@code 90}; null when the CUDA runtime would not say
     * @param usedBytes memory in use on the device (by every process); -1 when unknown
     * @param totalBytes the device's memory; -1 when unknown
     */
    public record Gpu(int id, String computeCapability, long usedBytes, long totalBytes) {}

    /**
     * Loads the engine if it is not loaded yet and collects the report. Never throws because the
     * engine cannot load: that becomes {@link #engineError()}.
     *
     * @param plugins the plugins found, for their counts
     * @return the report
     */
    public static EngineReport collect(PluginRegistry plugins) {
        LoadedEngine engine = null;
        String engineError = null;
        try {
            engine = loadedEngine(Engine.getInstance());
        } catch (RuntimeException | LinkageError e) {
            engineError = messages(e);
        }
        List<String> settings = new ArrayList<>();
        for (String name : PYTORCH_SETTINGS) {
            String value = Utils.getEnvOrSystemProperty(name);
            if (value != null) {
                settings.add(name + "=" + value);
            }
        }
        return new EngineReport(
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                Engine.getDjlVersion(),
                engine,
                engineError,
                findNativeJar(),
                settings,
                Utils.isOfflineMode(),
                Utils.getCacheDir(),
                plugins.plugins().size(),
                plugins.failures().size());
    }

    /**
     * @return the number of GPUs DJL counts; 0 when the engine did not load
     */
    public int gpuCount() {
        return engine == null ? 0 : engine.gpus().size();
    }

    /**
     * @return one line, e.g. {@code PyTorch 2.7.1 (cpu), 0 GPUs}, or {@code not loaded: WHY}
     */
    public String summary() {
        if (engine == null) {
            return "not loaded: " + engineError;
        }
        int gpus = gpuCount();
        return engine.name() + " " + engine.version() + " (" + engine.flavor() + "), " + gpus + (gpus == 1 ? " GPU" : " GPUs");
    }

    /**
     * Which executor types can run in this process, e.g. {@code cpu: yes; gpu: no (0 GPUs
     * visible); multi-gpu: no (needs 2 GPUs, 0 visible)}.
     *
     * @return the line
     */
    public String executors() {
        int gpus = gpuCount();
        String cpu = engine == null ? "no (the engine did not load)" : "yes";
        String devices = gpus == 1 ? "device 0" : "devices 0-" + (gpus - 1);
        String gpu = gpus > 0 ? "yes (" + devices + ")" : "no (0 GPUs visible)";
        String multiGpu = gpus > 1 ? "yes (" + devices + ")" : "no (needs 2 GPUs, " + gpus + " visible)";
        return "cpu: " + cpu + "; gpu: " + gpu + "; multi-gpu: " + multiGpu;
    }

    /**
     * The report as {@code ssl4j doctor} prints it: one fact a line, {@code name: value}, and a
     * {@code hint:} line after a fact that explains a known problem.
     *
     * @return the lines, without line separators
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("java: " + javaVersion);
        lines.add("djl: " + djlVersion);
        if (engine == null) {
            lines.add("engine: failed to load: " + engineError);
            loadHint().ifPresent(hint -> lines.add("hint: " + hint));
        } else {
            lines.add("engine: " + engine.name() + " " + engine.version());
            lines.add("libtorch flavor: " + engine.flavor());
            lines.add("libtorch directory: " + engine.libtorchDirectory());
            lines.add("jni library: " + (engine.jniLibrary() == null ? "unknown" : engine.jniLibrary()));
            lines.add("libtorch features: " + (engine.features().isEmpty() ? "none" : String.join(", ", new TreeSet<>(engine.features()))));
            lines.add("cuda available: " + (engine.cuda() ? "yes" : "no"));
            lines.add("gpus: " + gpuCount());
            if (engine.cuda() && gpuCount() == 0) {
                lines.add("hint: libtorch sees CUDA but DJL counts GPUs through libcudart.so, which it did not find;"
                        + " put the CUDA runtime's lib folder on LD_LIBRARY_PATH (docs/gpu.md)");
            }
            for (Gpu gpu : engine.gpus()) {
                lines.add(String.format(
                        Locale.ROOT,
                        "gpu %d: compute capability %s, memory %s used of %s",
                        gpu.id(),
                        gpu.computeCapability() == null ? "unknown" : gpu.computeCapability(),
                        gibibytes(gpu.usedBytes()),
                        gibibytes(gpu.totalBytes())));
            }
            lines.add("threads: " + engine.intraOpThreads() + " intra-op, " + engine.interOpThreads() + " inter-op");
        }
        lines.add("native jar: " + (nativeJar == null ? "none on the class path" : nativeJar));
        lines.add("pytorch settings: " + (pytorchSettings.isEmpty() ? "none" : String.join(", ", pytorchSettings)));
        lines.add("ai.djl.offline: " + offline);
        lines.add("djl cache dir: " + cacheDirectory);
        lines.add("plugins: " + pluginsLoaded + " loaded, " + pluginsFailed + " failed");
        lines.add("executors: " + executors());
        return lines;
    }

    /** Advice for the load failures that a libtorch of one's own typically gives. */
    private Optional<String> loadHint() {
        if (engineError.contains("precxx11")) {
            return Optional.of(
                    "DJL looked for a 'precxx11' build: set PYTORCH_FLAVOR (cu128 for a CUDA 12.8 libtorch, cpu for a CPU one)");
        }
        if (engineError.contains("cuda") && engineError.contains("cannot open shared object file")) {
            return Optional.of(
                    "the JNI library of a CUDA flavor could not find libtorch's CUDA libraries: is the folder a CUDA"
                            + " libtorch 2.7.1, and PYTORCH_FLAVOR right (cpu for a CPU libtorch)?");
        }
        if (nativeJar == null && pytorchSettings.stream().noneMatch(setting -> setting.startsWith("PYTORCH_LIBRARY_PATH="))) {
            return Optional.of(
                    "no libtorch: put pytorch-native-cpu on the class path or point SSL4J_LIBTORCH at a libtorch lib folder");
        }
        return Optional.empty();
    }

    private static LoadedEngine loadedEngine(Engine engine) {
        Path jni = findJniLibrary();
        return new LoadedEngine(
                engine.getEngineName(),
                engine.getVersion(),
                Path.of(LibUtils.getLibtorchPath()),
                jni,
                jni == null ? "unknown" : flavor(jni),
                JniUtils.getFeatures(),
                gpus(engine.getGpuCount()),
                JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads());
    }

    private static List<Gpu> gpus(int count) {
        List<Gpu> gpus = new ArrayList<>();
        for (int id = 0; id < count; id++) {
            String capability;
            long used;
            long total;
            try {
                capability = CudaUtils.getComputeCapability(id);
            } catch (RuntimeException e) {
                capability = null;
            }
            try {
                MemoryUsage memory = CudaUtils.getGpuMemory(Device.gpu(id));
                used = memory.getUsed();
                total = memory.getMax();
            } catch (RuntimeException e) {
                used = -1;
                total = -1;
            }
            gpus.add(new Gpu(id, capability, used, total));
        }
        return gpus;
    }

    /**
     * The JNI library as the operating system mapped it into this process: the one file that
     * tells which flavor DJL chose, whatever the settings said.
     */
    private static Path findJniLibrary() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return null;
        }
        String name = System.mapLibraryName("djl_torch");
        try {
            for (String line : Files.readAllLines(maps)) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.endsWith(name)) {
                    return Path.of(line.substring(slash));
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** The flavor in the name of the JNI library's folder, e.g. {@code cpu} in {@code 2.7.1-cpu-linux-x86_64}. */
    static String flavor(Path jniLibrary) {
        Path folder = jniLibrary.getParent();
        String classifier = "-" + Platform.detectPlatform("pytorch").getClassifier();
        String name = folder == null ? "" : folder.getFileName().toString();
        Matcher matcher = JNI_FOLDER.matcher(name);
        if (!name.endsWith(classifier) || !matcher.matches()) {
            return "unknown";
        }
        String flavorAndClassifier = matcher.group(1);
        return flavorAndClassifier.substring(0, flavorAndClassifier.length() - classifier.length());
    }

    /** The file name of the jar that gives DJL its libtorch, found as DJL finds it. */
    private static String findNativeJar() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL properties = (loader != null ? loader : EngineReport.class.getClassLoader()).getResource("native/lib/pytorch.properties");
        if (properties == null) {
            return null;
        }
        String url = properties.toString();
        int end = url.indexOf("!/");
        return end < 0 ? url : url.substring(url.lastIndexOf('/', end) + 1, end);
    }

    private static String messages(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank() && !messages.contains(message)) {
                messages.add(message);
            }
        }
        return messages.isEmpty() ? e.getClass().getName() : String.join(": ", messages);
    }

    private static String gibibytes(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
