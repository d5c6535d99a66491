package org.ssl4j.runtime.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import java.nio.file.Path;
import java.util.List;
import org.ssl4j.runtime.result.RunListener;
import org.ssl4j.runtime.executor.Executor;
import org.ssl4j.runtime.run.MetricsWriter;
import org.ssl4j.runtime.run.RunFolder;
import org.ssl4j.runtime.run.RunSpec;
import org.ssl4j.runtime.run.StartMode;
import org.ssl4j.runtime.training.RunInputs;

/**
 * The object graph of one run: what to run ({@link RunSpec}) on which data and built method
 * ({@link RunInputs}, from the preflight), where ({@link Executor}), into which folder ({@link
 * RunFolder}), fresh or resumed ({@link StartMode}), and who listens (the metrics file plus the
 * caller's listeners). {@link org.ssl4j.runtime.training.TrainingDriver} is built from it.
 */
public final class RunModule extends AbstractModule {

    private final RunSpec spec;
    private final RunInputs inputs;
    private final Path runDir;
    private final StartMode mode;
    private final List<RunListener> listeners;

    /**
     * @param spec what to run
     * @param inputs its data and built method
     * @param runDir the run folder
     * @param mode a fresh run, or one resumed from the folder's checkpoints
     * @param listeners the caller's listeners, in the order they are called (after the metrics
     *     file)
     */
    public RunModule(RunSpec spec, RunInputs inputs, Path runDir, StartMode mode, List<RunListener> listeners) {
        this.spec = spec;
        this.inputs = inputs;
        this.runDir = runDir;
        this.mode = mode;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    protected void configure() {
        bind(RunSpec.class).toInstance(spec);
        bind(RunInputs.class).toInstance(inputs);
        bind(StartMode.class).toInstance(mode);
        Multibinder<RunListener> all = Multibinder.newSetBinder(binder(), RunListener.class);
        all.addBinding().to(MetricsWriter.class);
        listeners.forEach(listener -> all.addBinding().toInstance(listener));
    }

    @Provides
    @Singleton
    Executor executor() {
        return Executor.of(spec.config().executor());
    }

    @Provides
    @Singleton
    RunFolder runFolder() {
        return new RunFolder(runDir);
    }

    @Provides
    @Singleton
    MetricsWriter metricsWriter(RunFolder folder) {
        return new MetricsWriter(folder);
    }
}
