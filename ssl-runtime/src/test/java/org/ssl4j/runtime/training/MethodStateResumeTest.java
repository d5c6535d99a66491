package org.ssl4j.runtime.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import com.google.inject.Guice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.runtime.config.TrainSettings;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;
import org.ssl4j.data.toy.TwoMoonsConfig;
import org.ssl4j.models.basic.MlpConfig;
import org.ssl4j.runtime.config.AugmentConfig;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.executor.CpuExecutorConfig;
import org.ssl4j.runtime.result.RunListener;
import org.ssl4j.runtime.run.Provenance;
import org.ssl4j.runtime.run.RunSpec;
import org.ssl4j.runtime.run.StartMode;
import org.ssl4j.runtime.wiring.RunModule;

/**
 * The method-state SPI through the driver, as a plugin like MPL uses it: the method's own state
 * (a moving-average baseline fed by the step's generator) is saved with each checkpoint and
 * restored on resume before the phase begins again, with {@code resumed()} true.
 */
class MethodStateResumeTest {

    @TempDir Path dir;

    /** What the method saw: each {@code begin}'s resumed flag, and the final baseline. */
    static final class Record {
        final List<Boolean> begins = new ArrayList<>();
        final List<Double> saved = new ArrayList<>();
        double finalBaseline;
    }

    /** A one-phase method whose only learning is a baseline in Java. */
    record BaselineConfig(Record record) implements MethodConfig {
        @Override
        public TrainingMethod create(MethodContext context) {
            return new BaselineMethod(context, record);
        }
    }

    /** Keeps {@code baseline = 0.9 * baseline + 0.1 * u}, u from the step's generator. */
    static final class BaselineMethod implements TrainingMethod, Phase {
        private final Network network;
        private final long steps;
        private final Record record;
        private double baseline;

        BaselineMethod(MethodContext context, Record record) {
            this.network = context.frozen("net", MlpConfig.of(List.of(4)));
            this.steps = context.budget().steps();
            this.record = record;
        }

        @Override
        public List<Phase> phases() {
            return List.of(this);
        }

        @Override
        public Network evaluated() {
            return network;
        }

        @Override
        public void saveState(StateWriter state) {
            state.under("baseline.").putDouble("value", baseline);
            record.saved.add(baseline);
        }

        @Override
        public void restoreState(StateReader state) {
            baseline = state.under("baseline.").getDouble("value");
        }

        @Override
        public String name() {
            return "train";
        }

        @Override
        public long steps() {
            return steps;
        }

        @Override
        public BatchPlan batches() {
            return BatchPlan.labeledOnly(2);
        }

        @Override
        public void begin(PhaseContext context) {
            record.begins.add(context.resumed());
        }

        @Override
        public StepResult step(StepContext context) {
            baseline = 0.9 * baseline + 0.1 * context.random().nextDouble();
            record.finalBaseline = baseline;
            NDArray value = context.manager().create((float) baseline);
            return new StepResult(Map.of("baseline", value), 2);
        }
    }

    private void run(Record record, Path runDir, StartMode mode) {
        RunConfig config =
                new RunConfig(
                        "state",
                        List.of(4L),
                        new TwoMoonsConfig(100, 2, 0.1, 50),
                        AugmentConfig.NONE,
                        Map.of("baseline", new BaselineConfig(record)),
                        TrainSettings.builder(20, 2).unlabeledRatio(0).evaluateEvery(10).logEvery(5).checkpointEvery(5).build(),
                        new CpuExecutorConfig(1));
        RunSpec spec =
                new RunSpec(
                        "baseline",
                        config.methods().get("baseline"),
                        4,
                        config,
                        "name: state\n",
                        Provenance.collect(List.of(), dir));
        List<RunListener> listeners = List.of();
        try (Preflight preflight = Preflight.open(config, "test", null)) {
            RunInputs inputs = new RunInputs(preflight.data(4), preflight.method("baseline", 4));
            Guice.createInjector(new RunModule(spec, inputs, runDir, mode, listeners))
                    .getInstance(TrainingDriver.class)
                    .run();
        }
    }

    @Test
    void theMethodsStateIsSavedWithEachCheckpointAndRestoredBeforeItsPhaseBeginsAgain() throws Exception {
        Record whole = new Record();
        Path run = dir.resolve("run");
        run(whole, run, StartMode.FRESH);
        assertEquals(List.of(false), whole.begins);
        assertEquals(4, whole.saved.size(), "a checkpoint after steps 5, 10, 15 and 20");

        Files.delete(run.resolve("checkpoints/step-0000000020.ckpt"));
        Record resumed = new Record();
        run(resumed, run, StartMode.RESUME);
        assertEquals(List.of(true), resumed.begins);
        assertEquals(List.of(whole.saved.get(3)), resumed.saved, "one more checkpoint, after step 20");
        assertEquals(whole.finalBaseline, resumed.finalBaseline, 0.0);
    }
}
