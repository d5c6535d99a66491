package org.ssl4j.runtime.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ssl4j.api.data.Augmentation;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.TrainSettings;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.model.Network;
import org.ssl4j.runtime.result.Evaluation;
import org.ssl4j.runtime.result.RunListener;
import org.ssl4j.runtime.result.RunStart;
import org.ssl4j.runtime.result.StepEvent;
import org.ssl4j.runtime.result.TrainResult;
import org.ssl4j.runtime.executor.Executor;
import org.ssl4j.runtime.network.DjlNetwork;
import org.ssl4j.runtime.network.EngineOps;
import org.ssl4j.runtime.network.NetworkFactory;
import org.ssl4j.runtime.run.RunFolder;
import org.ssl4j.runtime.run.RunSpec;

/**
 * Runs one method with one seed: loads the data, creates the method, runs its phases step by
 * step, evaluates, and fills the run folder.
 *
 * <p>Memory: the run owns one manager on the executor's device, closed at the end. Data and
 * networks live in sub-managers of it; each step runs in its own sub-manager, closed when the
 * step returns, so a long run does not grow.
 *
 * <p>Repeatability: the engine's generator is seeded with the run's seed before anything is
 * created; the samplers and the steps' Java generators derive from it. On the CPU with a fixed
 * thread count, the same config and seed give the same parameters.
 */
public final class TrainingDriver {

    private final RunSpec spec;
    private final Executor executor;
    private final RunFolder folder;
    private final List<RunListener> listeners;

    /**
     * @param spec what to run
     * @param executor where to run it
     * @param folder where its files go
     * @param listeners who follows it
     */
    @Inject
    public TrainingDriver(
            RunSpec spec, Executor executor, RunFolder folder, Set<RunListener> listeners) {
        this.spec = spec;
        this.executor = executor;
        this.folder = folder;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Runs the training to the end.
     *
     * @return the result
     * @throws TrainingException when a step produces a non-finite loss
     */
    public TrainResult run() {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        executor.prepare();
        boolean previousGradMode = EngineOps.setGradMode(false);
        Engine.getInstance().setRandomSeed((int) spec.seed());
        folder.writeConfig(spec.resolvedConfig());
        TrainSettings train = spec.config().train();
        try (NDManager runManager = NDManager.newBaseManager(executor.device())) {
            SslData data = load(runManager);
            Augmentation weak = augmentation(spec.config().augment().weak(), data);
            Augmentation strong = augmentation(spec.config().augment().strong(), data);
            NetworkFactory networks = new NetworkFactory(data.spec(), train, spec.seed(), runManager);
            TrainingMethod method = spec.methodConfig().create(networks);
            List<Phase> phases = List.copyOf(method.phases());

            List<RunStart.PhasePlan> plans = new ArrayList<>();
            phases.forEach(p -> plans.add(new RunStart.PhasePlan(p.name(), p.steps())));
            RunStart start =
                    new RunStart(spec.method(), spec.seed(), folder.root(), plans, data.spec().description());
            listeners.forEach(l -> l.runStarted(start));

            Loop loop = new Loop(data, weak, strong, method, train, start.totalSteps(), runManager);
            for (int p = 0; p < phases.size(); p++) {
                loop.runPhase(p, phases.get(p));
            }
            if (loop.evaluations.isEmpty()) {
                loop.evaluate("end", 0);
            }
            Network evaluated = method.evaluated();
            Path modelDir = folder.saveParameters(RunFolder.MODEL, evaluated.name(), evaluated.block());
            for (DjlNetwork network : networks.networks().values()) {
                folder.saveParameters(RunFolder.NETWORKS, network.name(), network.block());
            }
            Evaluation last = loop.evaluations.get(loop.evaluations.size() - 1);
            TrainResult result =
                    new TrainResult(
                            spec.method(),
                            spec.seed(),
                            last.accuracy(),
                            loop.globalStep,
                            (System.nanoTime() - started) / 1e9,
                            folder.root(),
                            modelDir,
                            loop.evaluations,
                            data.spec(),
                            evaluated.name(),
                            evaluated.backbone());
            folder.writeSummary(RunSummary.of(spec, result, executor.describe(), startedAt));
            listeners.forEach(l -> l.runFinished(result));
            return result;
        } finally {
            EngineOps.setGradMode(previousGradMode);
        }
    }

    private SslData load(NDManager runManager) {
        try {
            return spec.config().data().load(new DataContext(spec.seed(), runManager.newSubManager()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load data: " + e.getMessage(), e);
        }
    }

    private static Augmentation augmentation(AugmentationConfig config, SslData data) {
        return config == null ? (batch, random) -> batch : config.create(data.spec());
    }

    /** The state of the step loop across phases. */
    private final class Loop {
        private final SslData data;
        private final Augmentation weak;
        private final Augmentation strong;
        private final TrainingMethod method;
        private final TrainSettings train;
        private final long totalSteps;
        private final NDManager runManager;
        private final List<Evaluation> evaluations = new ArrayList<>();
        private long globalStep;
        private long examples;
        private long loopStarted;

        Loop(
                SslData data,
                Augmentation weak,
                Augmentation strong,
                TrainingMethod method,
                TrainSettings train,
                long totalSteps,
                NDManager runManager) {
            this.data = data;
            this.weak = weak;
            this.strong = strong;
            this.method = method;
            this.train = train;
            this.totalSteps = totalSteps;
            this.runManager = runManager;
        }

        void runPhase(int index, Phase phase) {
            if (phase.steps() == 0) {
                return;
            }
            long phaseSeed = spec.seed() * 1_000_003L + index;
            BatchPlan plan = phase.batches();
            BatchSampler labeled = new BatchSampler(data.labeled().size(), phaseSeed * 2);
            BatchSampler unlabeled =
                    plan.unlabeled() > 0 ? new BatchSampler(data.unlabeled().size(), phaseSeed * 2 + 1) : null;
            try (NDManager phaseManager = runManager.newSubManager()) {
                phase.begin(new PhaseScope(data, phaseManager, new Random(phaseSeed), folder.root()));
                if (loopStarted == 0) {
                    loopStarted = System.nanoTime();
                }
                for (long step = 0; step < phase.steps(); step++) {
                    runStep(phase, plan, step, labeled, unlabeled);
                    boolean lastOfPhase = step + 1 == phase.steps();
                    if ((step + 1) % train.evaluateEvery() == 0 || lastOfPhase) {
                        evaluate(phase.name(), step + 1);
                    }
                }
            }
        }

        private void runStep(
                Phase phase, BatchPlan plan, long step, BatchSampler labeled, BatchSampler unlabeled) {
            Random random = new Random(spec.seed() * 6_364_136_223_846_793_005L + globalStep);
            Map<String, Double> losses = Map.of();
            try (NDManager stepManager = runManager.newSubManager()) {
                LabeledBatch labeledBatch =
                        labeledBatch(stepManager, labeled.next(plan.labeled()), random);
                UnlabeledBatch unlabeledBatch =
                        unlabeled == null
                                ? null
                                : unlabeledBatch(
                                        stepManager, unlabeledIndices(phase, plan, unlabeled, random), plan, random);
                StepScope context =
                        new StepScope(
                                phase.name(), step, phase.steps(), stepManager, labeledBatch, unlabeledBatch, random);
                StepResult result = phase.step(context);
                examples += result.examples();
                boolean log = (globalStep + 1) % train.logEvery() == 0 || globalStep + 1 == totalSteps;
                if (log) {
                    losses = read(result, phase.name(), step);
                }
            }
            double elapsed = (System.nanoTime() - loopStarted) / 1e9;
            StepEvent event =
                    new StepEvent(
                            phase.name(), step, globalStep, totalSteps, losses, examples / Math.max(elapsed, 1e-9), elapsed);
            globalStep++;
            listeners.forEach(l -> l.stepFinished(event));
        }

        private long[] unlabeledIndices(Phase phase, BatchPlan plan, BatchSampler sampler, Random random) {
            long[] chosen = phase.unlabeledIndices(plan.unlabeled(), random);
            if (chosen == null) {
                return sampler.next(plan.unlabeled());
            }
            long size = data.unlabeled().size();
            if (chosen.length != plan.unlabeled()) {
                throw new IllegalStateException(
                        "phase '" + phase.name() + "' chose " + chosen.length + " unlabeled examples, its plan asks for "
                                + plan.unlabeled());
            }
            for (long index : chosen) {
                if (index < 0 || index >= size) {
                    throw new IllegalStateException(
                            "phase '" + phase.name() + "' chose unlabeled example " + index + " of a split of " + size);
                }
            }
            return chosen;
        }

        private LabeledBatch labeledBatch(NDManager manager, long[] indices, Random random) {
            Batch batch = data.labeled().getByIndices(manager, indices);
            NDArray inputs = weak.apply(batch.getData().singletonOrThrow(), random);
            return new LabeledBatch(inputs, batch.getLabels().singletonOrThrow(), indices);
        }

        private UnlabeledBatch unlabeledBatch(
                NDManager manager, long[] indices, BatchPlan plan, Random random) {
            NDArray clean = gather(data.unlabeled(), manager, indices);
            NDArray weakView = weak.apply(clean, random);
            NDArray strongView = plan.strongView() ? strong.apply(clean, random) : null;
            return new UnlabeledBatch(clean, weakView, strongView, indices);
        }

        private NDArray gather(ArrayDataset split, NDManager manager, long[] indices) {
            return split.getByIndices(manager, indices).getData().singletonOrThrow();
        }

        private Map<String, Double> read(StepResult result, String phase, long step) {
            Map<String, Double> values = new LinkedHashMap<>();
            result.losses().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> values.put(e.getKey(), (double) e.getValue().getFloat()));
            values.forEach(
                    (name, value) -> {
                        if (!Double.isFinite(value)) {
                            throw new TrainingException(
                                    "loss '" + name + "' is " + value + " at step " + (step + 1)
                                            + " of phase '" + phase + "' (method " + spec.method()
                                            + ", seed " + spec.seed() + "); lower the learning rate or check the data");
                        }
                    });
            return values;
        }

        void evaluate(String phase, long step) {
            Network network = method.evaluated();
            double accuracy = Evaluator.accuracy(network, data.test(), runManager);
            Evaluation evaluation =
                    new Evaluation(phase, step, globalStep, network.name(), accuracy, data.test().size());
            evaluations.add(evaluation);
            listeners.forEach(l -> l.evaluated(evaluation));
        }
    }
}
