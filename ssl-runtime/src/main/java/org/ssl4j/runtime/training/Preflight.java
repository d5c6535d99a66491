package org.ssl4j.runtime.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.Augmentation;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.runtime.config.ConfigException;
import org.ssl4j.runtime.config.ConfigReader;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.executor.Executor;
import org.ssl4j.runtime.network.EngineOps;
import org.ssl4j.runtime.network.NetworkFactory;
import org.ssl4j.runtime.registry.ComponentNames;
import org.ssl4j.runtime.result.TrainResult;
import org.ssl4j.runtime.run.RunFolder;

/**
 * Checks a whole config against its data before any training starts, and keeps what it loaded
 * and built for the runs that train it: one pass through a run.
 *
 * <p>{@link #open} loads the data with the config's first seed and checks it ({@link
 * DataChecks}: shapes, finite values, label ranges, every class labeled), creates the
 * augmentations for it, and builds every method for it: its networks, initialised, and its
 * phases. So a comparison never fails on its fifth method after an hour of training on the first
 * four, and the first seed's runs train exactly what was checked.
 *
 * <p>Data: data sources derive their splits from the seed (which examples are labeled, the
 * points of a synthetic set), so data is loaded once per seed and shared by every method of that
 * seed ({@link #data}); asking for another seed frees the previous seed's data. A comparison
 * therefore runs seed by seed. Methods: {@link #method} hands over a method built by the
 * preflight (the first seed) or builds it now (other seeds); each is built once.
 *
 * <p>Randomness: the engine's generator is seeded with the run's seed right before the data is
 * loaded and right before each method is built, so a method's initial networks are the same
 * whether it is built alone ({@code train}) or beside others ({@code compare}).
 *
 * <p>Every problem is a {@link ConfigException} naming the section: {@code executor}, {@code
 * data}, {@code augment.weak}, {@code augment.strong}, {@code methods.NAME}.
 */
public final class Preflight implements AutoCloseable {

    private final RunConfig config;
    private final String source;
    private final ComponentNames names;
    private final Executor executor;
    private final FinishedNetworks finishedRuns;
    private final boolean resuming;
    private final NDManager manager;
    private final Map<String, PreparedMethod> built = new LinkedHashMap<>();
    private PreparedData data;

    private Preflight(
            RunConfig config,
            String source,
            ComponentNames names,
            ConfigReader reader,
            boolean resuming,
            Executor executor) {
        this.config = config;
        this.source = source;
        this.names = names;
        this.finishedRuns = new FinishedNetworks(reader, names);
        this.resuming = resuming;
        this.executor = executor;
        this.manager = NDManager.newBaseManager(executor.device());
    }

    /**
     * Runs the checks with the config's first seed and keeps the data and methods for its runs.
     *
     * @param config the config
     * @param source the config's file name, for messages
     * @param names the registered names of component configs ({@code MethodContext.nameOf})
     * @return the preflight, to close when the runs are done
     * @throws ConfigException naming the section and the problem
     */
    public static Preflight open(RunConfig config, String source, ComponentNames names) {
        return open(config, source, names, null, false);
    }

    /**
     * Runs the checks with the config's first seed and keeps the data and methods for its runs,
     * whose networks may start from finished runs ({@code initFrom}, {@code
     * MethodContext.fromRun}).
     *
     * @param config the config
     * @param source the config's file name, for messages
     * @param names the registered names of component configs ({@code MethodContext.nameOf})
     * @param reader reads finished runs' configs for {@code MethodContext.fromRun}; null refuses it
     * @param resuming whether the run resumes from a checkpoint: its networks then do not read
     *     their backbone's {@code initFrom} (the checkpoint has their values, and the folder it
     *     names may be gone)
     * @return the preflight, to close when the runs are done
     * @throws ConfigException naming the section and the problem
     */
    public static Preflight open(
            RunConfig config, String source, ComponentNames names, ConfigReader reader, boolean resuming) {
        Executor executor = section(source, "executor", () -> Executor.of(config.executor()));
        executor.prepare();
        Preflight preflight = new Preflight(config, source, names, reader, resuming, executor);
        try {
            long seed = config.seeds().get(0);
            PreparedData first = preflight.data(seed);
            for (String method : config.methods().keySet()) {
                preflight.built.put(method, preflight.build(method, seed, first));
            }
            return preflight;
        } catch (RuntimeException e) {
            preflight.close();
            throw e;
        }
    }

    /**
     * @return a one-line description of the data
     */
    public String description() {
        return data.data().spec().description();
    }

    /**
     * The data of a seed: the one loaded last when it is that seed's, else loaded now (freeing
     * the previous one) and checked.
     *
     * @param seed a seed of the config
     * @return the data, valid until data of another seed is asked for or this preflight closes
     * @throws ConfigException when it does not load or fails the checks
     */
    public PreparedData data(long seed) {
        if (data != null && data.seed() == seed) {
            return data;
        }
        if (data != null) {
            data.close();
            data = null;
        }
        boolean previous = EngineOps.setGradMode(false);
        NDManager own = manager.newSubManager();
        try {
            Engine.getInstance().setRandomSeed((int) seed);
            SslData loaded = section(source, "data", () -> load(seed, own));
            section(source, "data", () -> {
                DataChecks.check(loaded, own);
                return null;
            });
            Augmentation weak = augmentation("augment.weak", config.augment().weak(), loaded);
            Augmentation strong = augmentation("augment.strong", config.augment().strong(), loaded);
            data = new PreparedData(seed, loaded, weak, strong, own);
            return data;
        } catch (RuntimeException e) {
            own.close();
            throw e;
        } finally {
            EngineOps.setGradMode(previous);
        }
    }

    /**
     * The method of a run, built once: the one the preflight built when it is for the first
     * seed, else built now on {@link #data}{@code (seed)}. The caller owns it and closes it.
     *
     * @param method the method's display name
     * @param seed the run's seed
     * @return the method
     * @throws ConfigException when it cannot be built
     * @throws IllegalArgumentException when the config has no such method
     */
    public PreparedMethod method(String method, long seed) {
        if (!config.methods().containsKey(method)) {
            throw new IllegalArgumentException("the config has no method '" + method + "'");
        }
        PreparedMethod ready = built.get(method);
        if (ready != null && ready.seed() == seed) {
            built.remove(method);
            return ready;
        }
        return build(method, seed, data(seed));
    }

    /**
     * The result of a run of this config that trained elsewhere (another process or machine) and
     * left a finished folder: read from its {@code summary.json}, with this preflight's data of
     * its seed, and the architecture its resolved config gives the evaluated network.
     *
     * @param runDir the run's folder, holding {@code summary.json} and its last checkpoint
     * @return the result; its {@code backbone} is null when a phase makes the evaluated network
     *     during training (its architecture is not known before), and then it cannot {@code
     *     loadModel()}
     * @throws java.io.UncheckedIOException naming the file when the summary cannot be read
     */
    public TrainResult finished(Path runDir) {
        RunSummary summary = RunSummary.read(runDir);
        DataSpec spec = data(summary.seed()).data().spec();
        BackboneConfig backbone;
        try (NDManager scratch = manager.newSubManager()) {
            backbone = finishedRuns.saved(runDir, summary.network(), spec, scratch).backbone();
        } catch (IllegalArgumentException e) {
            backbone = null;
        }
        return new TrainResult(
                summary.method(),
                summary.seed(),
                summary.accuracy(),
                summary.steps(),
                summary.wallSeconds(),
                runDir,
                runDir.resolve(RunFolder.MODEL),
                summary.evaluations(),
                summary.metrics(),
                spec,
                summary.network(),
                backbone);
    }

    /** Frees the data and the methods no run took. */
    @Override
    public void close() {
        built.values().forEach(PreparedMethod::close);
        built.clear();
        data = null;
        manager.close();
    }

    private PreparedMethod build(String name, long seed, PreparedData on) {
        MethodConfig config = this.config.methods().get(name);
        return section(
                source,
                "methods." + name,
                () -> {
                    boolean previous = EngineOps.setGradMode(false);
                    NDManager own = manager.newSubManager();
                    try {
                        Engine.getInstance().setRandomSeed((int) seed);
                        NetworkFactory networks =
                                new NetworkFactory(
                                        on.data().spec(), this.config.train().budget(), seed, own, executor.devices(), names);
                        networks.finishedRuns(finishedRuns);
                        networks.unlabeledSize(on.data().unlabeled().size());
                        if (resuming) {
                            networks.resuming();
                        }
                        TrainingMethod method = config.create(networks);
                        List<Phase> phases = method.phases();
                        if (phases == null || phases.isEmpty()) {
                            throw new InvalidConfigException("type", "the method has no phases to run");
                        }
                        for (Phase phase : phases) {
                            phase.batches();
                        }
                        return new PreparedMethod(name, seed, networks, method, phases, own);
                    } catch (RuntimeException e) {
                        own.close();
                        throw e;
                    } finally {
                        EngineOps.setGradMode(previous);
                    }
                });
    }

    private SslData load(long seed, NDManager into) {
        try {
            return config.data().load(new DataContext(seed, into));
        } catch (IOException e) {
            throw new InvalidConfigException("data", e.getMessage());
        }
    }

    private Augmentation augmentation(String path, AugmentationConfig augmentation, SslData loaded) {
        if (augmentation == null) {
            return (batch, random) -> batch;
        }
        return section(source, path, () -> augmentation.create(loaded.spec()));
    }

    /** Runs a check, naming the config section in any complaint it raises. */
    private static <T> T section(String source, String path, Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidConfigException e) {
            String field = e.field();
            String full = field == null || field.isEmpty() || field.equals(path) ? path : path + "." + field;
            throw new ConfigException(source, full, e.problem(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(source, path, e.getMessage(), e);
        }
    }
}
