package org.ssl4j.runtime;

import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import ai.djl.ndarray.NDManager;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.runtime.result.TrainedModel;
import org.ssl4j.runtime.run.FinishedRun;
import org.ssl4j.runtime.training.FinishedNetworks;
import org.ssl4j.runtime.config.ConfigReader;
import org.ssl4j.runtime.config.ConfigSchema;
import org.ssl4j.runtime.result.CompareResult;
import org.ssl4j.runtime.result.Metric;
import org.ssl4j.runtime.report.Report;
import org.ssl4j.runtime.result.RunListener;
import org.ssl4j.runtime.result.TrainResult;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.preview.BoundaryPlot;
import org.ssl4j.runtime.preview.ViewGrid;
import org.ssl4j.runtime.registry.PluginRegistry;
import org.ssl4j.runtime.run.ComparisonFiles;
import org.ssl4j.runtime.run.Provenance;
import org.ssl4j.runtime.run.RunFolder;
import org.ssl4j.runtime.run.RunSpec;
import org.ssl4j.runtime.run.StartMode;
import org.ssl4j.runtime.training.Preflight;
import org.ssl4j.runtime.training.RunInputs;
import org.ssl4j.runtime.training.TrainingDriver;
import org.ssl4j.runtime.wiring.RunModule;

/**
 * The Java API of SSL4J: load plugins, read or build configs, train one method or compare
 * several over seeds, and get results and trained models back as objects. The {@code ssl4j}
 * command line is a thin shell over this class.
 *
 * <pre>{@code
 * Ssl4j ssl4j = Ssl4j.create();
 * RunConfig config = ssl4j.readConfig(Path.of("examples/two-moons.yaml"));
 * CompareResult result = ssl4j.compare(config, Path.of("runs/two-moons"));
 * System.out.println(result.toMarkdown());
 * try (TrainedModel model = result.runs().get(0).loadModel()) {
 *     int[] classes = model.predict(new float[][] {{0.5f, 0.25f}});
 * }
 * }</pre>
 *
 * <p>Runs execute one after the other on the calling thread. An instance is safe to reuse.
 */
public final class Ssl4j {

    private final PluginRegistry registry;
    private final ConfigReader reader;
    private final Path workingDirectory;

    private Ssl4j(PluginRegistry registry) {
        this.registry = registry;
        this.reader = new ConfigReader(registry);
        this.workingDirectory = Path.of("").toAbsolutePath();
    }

    /**
     * Loads the plugins on the class path of the current thread's context class loader.
     *
     * @return the API
     */
    public static Ssl4j create() {
        return new Ssl4j(PluginRegistry.loadDefault());
    }

    /**
     * Loads the plugins visible to a class loader (e.g. one over a {@code plugins/} folder).
     *
     * @param classLoader where to look for plugins
     * @return the API
     */
    public static Ssl4j create(ClassLoader classLoader) {
        return new Ssl4j(PluginRegistry.load(classLoader));
    }

    /**
     * @return the plugins and components found, and the plugins that failed to load
     */
    public PluginRegistry plugins() {
        return registry;
    }

    /**
     * @return the JSON Schema of config files, with every registered component (plugins
     *     included), as text ({@code ssl4j schema}; see {@link ConfigSchema})
     */
    public String schema() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(ConfigSchema.of(registry));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the schema", e);
        }
    }

    /**
     * Reads and validates a YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}) config.
     *
     * @param file the config file
     * @return the config
     * @throws org.ssl4j.runtime.config.ConfigException naming the file, the config path and what
     *     is allowed, when the file is malformed or a value is wrong
     */
    public RunConfig readConfig(Path file) {
        return reader.read(file);
    }

    /**
     * @param config a config
     * @return it as YAML with every default filled in (what a run folder's {@code config.yaml}
     *     holds)
     */
    public String toYaml(RunConfig config) {
        return reader.toYaml(config);
    }

    /**
     * Checks a config against its data without training: the data loads, the augmentations
     * accept it, every method builds its networks for it. {@link #train} and {@link #compare} do
     * this before their first step, and train what it loaded and built.
     *
     * @param config the config
     * @return a description of the data
     * @throws org.ssl4j.runtime.config.ConfigException naming the config section and the problem
     */
    public String validate(RunConfig config) {
        try (Preflight preflight = preflight(config)) {
            return preflight.description();
        }
    }

    private Preflight preflight(RunConfig config) {
        return preflight(config, false);
    }

    private Preflight preflight(RunConfig config, boolean resuming) {
        return Preflight.open(config, "config '" + config.name() + "'", registry, reader, resuming);
    }

    /**
     * Trains a config that has exactly one method and one seed, and writes the run's {@code
     * report.html}.
     *
     * @param config the config
     * @param runDir the run folder, created if needed
     * @param listeners progress listeners
     * @return the result
     * @throws IllegalArgumentException when the config has several methods or seeds (use {@link
     *     #compare})
     * @throws org.ssl4j.runtime.config.ConfigException when the config does not fit its data
     */
    public TrainResult train(RunConfig config, Path runDir, RunListener... listeners) {
        if (config.methods().size() != 1 || config.seeds().size() != 1) {
            throw new IllegalArgumentException(
                    "train runs one method with one seed; this config has "
                            + config.methods().size() + " methods and " + config.seeds().size()
                            + " seeds: use compare");
        }
        String method = config.methods().keySet().iterator().next();
        TrainResult result;
        try (Preflight preflight = preflight(config)) {
            result = run(preflight, config, method, config.seeds().get(0), runDir, StartMode.FRESH, listeners);
        }
        Report.writeRun(runDir);
        return result;
    }

    /**
     * Continues a run of {@link #train} (or one run folder of {@link #compare}) from its newest
     * checkpoint that verifies, with the config saved in the folder. Damaged newer checkpoints
     * are skipped and reported to the listeners ({@link RunListener#notice}). On the CPU with the
     * same thread count, the final parameters equal those of a run that never stopped, and
     * {@code metrics.jsonl} has every step and evaluation once.
     *
     * @param runDir a run folder holding {@code config.yaml} and {@code checkpoints/}
     * @param listeners progress listeners
     * @return the result
     * @throws IllegalArgumentException when the folder does not exist or has no {@code
     *     config.yaml}; nothing is created then
     * @throws org.ssl4j.runtime.config.ConfigException when the saved config no longer reads
     * @throws org.ssl4j.runtime.training.TrainingException when no checkpoint verifies, or it was
     *     written with another config
     */
    public TrainResult resume(Path runDir, RunListener... listeners) {
        Path file = RunFolder.existing(runDir).configFile();
        RunConfig config = readConfig(file);
        if (config.methods().size() != 1 || config.seeds().size() != 1) {
            throw new IllegalArgumentException(file + " has several methods or seeds: not a run folder's config");
        }
        String method = config.methods().keySet().iterator().next();
        TrainResult result;
        try (Preflight preflight = preflight(config, true)) {
            result = run(preflight, config, method, config.seeds().get(0), runDir, StartMode.RESUME, listeners);
        }
        Report.writeRun(runDir);
        return result;
    }

    /**
     * Runs every method of a config with every seed, one after the other, each in {@code
     * outDir/METHOD/seed-SEED}, then writes {@code results.json}, {@code results.md} and {@code
     * report.html} (with {@code plots/}) in {@code outDir}: accuracy, against {@code supervised}
     * if there is such a method, else the first. The runs go seed by seed (every method of the
     * first seed, then of the next), so each seed's data is loaded once and shared by its
     * methods; the results list them by method, then seed.
     *
     * @param config the config
     * @param outDir the comparison's folder, created if needed
     * @param listeners progress listeners, told about every run
     * @return all results, with the per-method table
     */
    public CompareResult compare(RunConfig config, Path outDir, RunListener... listeners) {
        return compare(config, outDir, Metric.ACCURACY, null, listeners);
    }

    /**
     * As {@link #compare(RunConfig, Path, RunListener...)}, with the metric of the table and the
     * baseline of the paired differences chosen. When a run fails, the results and the report are
     * still written from the runs that finished, naming those that did not, and the failure is
     * thrown on.
     *
     * @param config the config
     * @param outDir the comparison's folder, created if needed
     * @param metric the metric of {@code results.md} and the report's table
     * @param baseline the method the differences are against; {@code null}: {@code supervised}
     *     if the config has such a method, else the first
     * @param listeners progress listeners, told about every run
     * @return all results
     * @throws IllegalArgumentException when the baseline is not a method of the config
     */
    public CompareResult compare(
            RunConfig config, Path outDir, Metric metric, String baseline, RunListener... listeners) {
        List<String> names = List.copyOf(config.methods().keySet());
        String chosen = baseline != null ? baseline : names.contains("supervised") ? "supervised" : names.get(0);
        if (!names.contains(chosen)) {
            throw new IllegalArgumentException("baseline '" + chosen + "' is not a method of the config; methods: " + names);
        }
        List<TrainResult> runs = new ArrayList<>();
        ComparisonFiles files = null;
        try (Preflight preflight = preflight(config)) {
            files = new ComparisonFiles(outDir);
            files.writeConfig(reader.toYaml(config));
            for (long seed : config.seeds()) {
                for (String method : names) {
                    Path runDir = outDir.resolve(method).resolve("seed-" + seed);
                    runs.add(run(preflight, config, method, seed, runDir, StartMode.FRESH, listeners));
                }
            }
        } catch (RuntimeException | Error failure) {
            if (files == null) {
                throw failure; // the config did not pass preflight: no folder was made
            }
            try {
                writeComparison(config, outDir, runs, metric, chosen, files);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
        return writeComparison(config, outDir, runs, metric, chosen, files);
    }

    /**
     * Writes {@code results.json}, {@code results.md} and {@code report.html} of a comparison
     * whose runs trained elsewhere (in other processes or on other machines, e.g. as Spark tasks)
     * into {@code outDir/METHOD/seed-SEED}: the same files {@link #compare} writes, from each run
     * folder's {@code summary.json}; runs without one are named as not finished. The config goes
     * through the same preflight as for {@link #compare} (its data are loaded per seed).
     *
     * @param config the compared config
     * @param outDir the comparison's folder, holding the run folders
     * @param metric the metric of {@code results.md} and the report's table
     * @param baseline the method the differences are against; {@code null}: {@code supervised}
     *     if the config has such a method, else the first
     * @return the finished runs, with the per-method table
     * @throws IllegalArgumentException when the baseline is not a method of the config, or no
     *     run finished
     */
    public CompareResult collect(RunConfig config, Path outDir, Metric metric, String baseline) {
        List<String> names = List.copyOf(config.methods().keySet());
        String chosen = baseline != null ? baseline : names.contains("supervised") ? "supervised" : names.get(0);
        if (!names.contains(chosen)) {
            throw new IllegalArgumentException("baseline '" + chosen + "' is not a method of the config; methods: " + names);
        }
        List<TrainResult> runs = new ArrayList<>();
        try (Preflight preflight = preflight(config)) {
            for (long seed : config.seeds()) {
                for (String method : names) {
                    Path runDir = outDir.resolve(method).resolve("seed-" + seed);
                    if (Files.isRegularFile(runDir.resolve(RunFolder.SUMMARY))) {
                        runs.add(preflight.finished(runDir));
                    }
                }
            }
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException(outDir + " holds no finished run of config '" + config.name() + "'");
        }
        ComparisonFiles files = new ComparisonFiles(outDir);
        files.writeConfig(reader.toYaml(config));
        return writeComparison(config, outDir, runs, metric, chosen, files);
    }

    private static CompareResult writeComparison(
            RunConfig config, Path outDir, List<TrainResult> runs, Metric metric, String baseline, ComparisonFiles files) {
        List<String> order = List.copyOf(config.methods().keySet());
        runs.sort(Comparator.comparingInt((TrainResult r) -> order.indexOf(r.method())));
        CompareResult result = new CompareResult(config.name(), outDir, runs);
        List<String> unfinished = new ArrayList<>();
        for (String method : config.methods().keySet()) {
            for (long seed : config.seeds()) {
                if (runs.stream().noneMatch(r -> r.method().equals(method) && r.seed() == seed)) {
                    unfinished.add(method + " seed " + seed);
                }
            }
        }
        boolean defined = runs.stream().allMatch(r -> metric.of(r.metrics()) != null);
        String tableBaseline =
                runs.stream().anyMatch(r -> r.method().equals(baseline)) ? baseline : result.table().defaultBaseline();
        if (!runs.isEmpty()) {
            files.writeResults(result, defined ? metric : Metric.ACCURACY, tableBaseline, unfinished);
        }
        Report.writeComparison(outDir, metric, baseline, runs.stream().map(TrainResult::runDir).toList());
        return result;
    }

    /**
     * Writes the report of a comparison folder again, or for the first time after a comparison
     * was killed: from the runs with a {@code summary.json}, naming the others as not finished.
     *
     * @param outDir the comparison's folder
     * @param metric the metric of the table
     * @param baseline the baseline method, or {@code null} for the default
     * @return the page
     */
    public Path report(Path outDir, Metric metric, String baseline) {
        if (!Files.isRegularFile(outDir.resolve(RunFolder.CONFIG))) {
            throw new IllegalArgumentException(outDir + " is not a comparison folder: it has no " + RunFolder.CONFIG);
        }
        return Report.writeComparison(outDir, metric, baseline);
    }

    /**
     * Writes a PNG grid of a config's augmentations: for {@code count} unlabeled examples, the
     * original, the weak view and the strong view, one row each.
     *
     * @param config a config whose data are images
     * @param count examples to show
     * @param png the file to write
     * @throws IOException when the data cannot be read or the file written
     */
    public void preview(RunConfig config, int count, Path png) throws IOException {
        ViewGrid.write(config, count, 3, png);
    }

    /**
     * Writes a PNG of the decision regions of each method of a comparison for one seed; the
     * config's examples must be 2-D points.
     *
     * @param config the compared config
     * @param result the comparison
     * @param seed the seed to draw
     * @param png the file to write
     * @throws IOException when the data cannot be read or the file written
     */
    public void plotBoundaries(RunConfig config, CompareResult result, long seed, Path png)
            throws IOException {
        BoundaryPlot.write(config, result, seed, png);
    }

    /**
     * Loads a network of a finished run for prediction, built for the given data shapes: the
     * architecture its resolved config gives the network, the values of its last step. The
     * run's own data are not read, so the run folder is all that must be at hand (e.g. on a
     * Spark executor).
     *
     * @param runDir the finished run's folder
     * @param network the network's name in the run, or null for the one it evaluated
     * @param data the shapes and classes of the examples it will see
     * @return the model; the caller closes it
     * @throws IllegalArgumentException naming what the folder holds when it is not a finished
     *     run, lacks the network, or its parameters do not fit {@code data}
     */
    public TrainedModel loadRun(Path runDir, String network, DataSpec data) {
        FinishedRun run = FinishedRun.open(runDir);
        String name = run.network(network);
        BackboneConfig backbone;
        try (NDManager scratch = NDManager.newBaseManager()) {
            backbone = new FinishedNetworks(reader, registry).saved(runDir, name, data, scratch).backbone();
        }
        Path folder = runDir.resolve(name.equals(run.evaluatedNetwork()) ? RunFolder.MODEL : RunFolder.NETWORKS);
        return TrainedModel.load(folder, name, backbone, data);
    }

    private TrainResult run(
            Preflight preflight,
            RunConfig config,
            String methodName,
            long seed,
            Path runDir,
            StartMode mode,
            RunListener... listeners) {
        MethodConfig method = config.methods().get(methodName);
        RunInputs inputs = new RunInputs(preflight.data(seed), preflight.method(methodName, seed));
        RunConfig single =
                new RunConfig(
                        config.name(),
                        List.of(seed),
                        config.data(),
                        config.augment(),
                        Map.of(methodName, method),
                        config.train(),
                        config.executor());
        RunSpec spec =
                new RunSpec(methodName, method, seed, config, reader.toYaml(single), provenance());
        RunModule module = new RunModule(spec, inputs, runDir, mode, Arrays.asList(listeners));
        try {
            return Guice.createInjector(module).getInstance(TrainingDriver.class).run();
        } finally {
            inputs.method().close();
        }
    }

    private Provenance provenance() {
        List<Provenance.PluginVersion> plugins =
                registry.plugins().stream()
                        .map(p -> new Provenance.PluginVersion(p.name(), p.version(), p.spiVersion()))
                        .toList();
        return Provenance.collect(plugins, workingDirectory);
    }
}
