package org.ssl4j.runtime.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.Map;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.runtime.config.ConfigException;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.executor.Executor;
import org.ssl4j.runtime.network.EngineOps;
import org.ssl4j.runtime.network.NetworkFactory;
import org.ssl4j.runtime.run.FinishedRun;

/**
 * Checks a whole config against its data before any training starts: the data loads and is
 * sound ({@link DataChecks}: shapes, finite values, label ranges, every class labeled), the
 * augmentations accept its shape, and every method builds its networks for it. So a comparison
 * never fails on its fifth method after an hour of training on the first four.
 */
public final class Preflight {

    private Preflight() {}

    /**
     * Runs the checks with the config's first seed, in a manager closed at the end.
     *
     * @param config the config
     * @param source the config's file name, for messages
     * @return a one-line description of the data
     * @throws ConfigException naming the section ({@code data}, {@code augment.strong}, {@code
     *     methods.NAME}) and the problem
     */
    public static String check(RunConfig config, String source) {
        return check(config, source, false);
    }

    /**
     * Runs the checks, for a fresh run or for one that resumes from a checkpoint: a resumed run's
     * networks come from the checkpoint, so their backbones' {@code initFrom} is not read (the
     * folder it names may be gone).
     *
     * @param config the config
     * @param source the config's file name, for messages
     * @param resuming whether the run resumes
     * @return a one-line description of the data
     * @throws ConfigException naming the section and the problem
     */
    public static String check(RunConfig config, String source, boolean resuming) {
        Executor executor = section(source, "executor", () -> Executor.of(config.executor()));
        executor.prepare();
        boolean previous = EngineOps.setGradMode(false);
        Engine.getInstance().setRandomSeed((int) (long) config.seeds().get(0));
        try (NDManager manager = NDManager.newBaseManager(executor.device())) {
            SslData data = section(source, "data", () -> load(config, manager));
            section(source, "data", () -> {
                DataChecks.check(data, manager);
                return null;
            });
            checkAugmentation(source, "augment.weak", config.augment().weak(), data);
            checkAugmentation(source, "augment.strong", config.augment().strong(), data);
            for (Map.Entry<String, MethodConfig> method : config.methods().entrySet()) {
                section(
                        source,
                        "methods." + method.getKey(),
                        () -> {
                            try (NDManager scratch = manager.newSubManager()) {
                                NetworkFactory networks =
                                        new NetworkFactory(data.spec(), config.train(), 0, scratch, executor.devices());
                                networks.restoring(name -> resuming);
                                networks.initialParameters(FinishedRun::parameters);
                                TrainingMethod built = method.getValue().create(networks);
                                if (built.phases().isEmpty()) {
                                    throw new InvalidConfigException("type", "the method has no phases to run");
                                }
                                for (Phase phase : built.phases()) {
                                    phase.batches();
                                }
                            }
                            return null;
                        });
            }
            return data.spec().description();
        } finally {
            EngineOps.setGradMode(previous);
        }
    }

    private static SslData load(RunConfig config, NDManager manager) {
        try {
            return config.data().load(new DataContext(config.seeds().get(0), manager));
        } catch (IOException e) {
            throw new InvalidConfigException("data", e.getMessage());
        }
    }

    private static void checkAugmentation(
            String source, String path, AugmentationConfig augmentation, SslData data) {
        if (augmentation != null) {
            section(source, path, () -> augmentation.create(data.spec()));
        }
    }

    /** Runs a check, naming the config section in any complaint it raises. */
    private static <T> T section(String source, String path, java.util.function.Supplier<T> check) {
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
