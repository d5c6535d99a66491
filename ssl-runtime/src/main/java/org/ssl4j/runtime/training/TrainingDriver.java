package org.ssl4j.runtime.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.Batch;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ssl4j.api.data.Augmentation;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.model.Network;
import org.ssl4j.runtime.config.NonFinitePolicy;
import org.ssl4j.runtime.config.TrainSettings;
import org.ssl4j.runtime.executor.Executor;
import org.ssl4j.runtime.network.DjlNetwork;
import org.ssl4j.runtime.network.EngineOps;
import org.ssl4j.runtime.network.NetworkFactory;
import org.ssl4j.runtime.network.NonFiniteGradients;
import org.ssl4j.runtime.result.Diagnostics;
import org.ssl4j.runtime.result.Evaluation;
import org.ssl4j.runtime.result.Metrics;
import org.ssl4j.runtime.result.RunListener;
import org.ssl4j.runtime.result.RunStart;
import org.ssl4j.runtime.result.StepEvent;
import org.ssl4j.runtime.result.TrainResult;
import org.ssl4j.runtime.run.CheckpointFile;
import org.ssl4j.runtime.run.Checkpoints;
import org.ssl4j.runtime.run.RunFolder;
import org.ssl4j.runtime.run.RunSpec;
import org.ssl4j.runtime.run.StartMode;

/**
 * Runs one method with one seed: runs the phases of the method its {@link Preflight} built,
 * step by step, on the data the preflight loaded, evaluates, checkpoints, and fills the run
 * folder; or continues such a run from its newest good checkpoint ({@link StartMode#RESUME}).
 * Neither the data nor the method is loaded or built again here.
 *
 * <p>Memory: the run owns the method's manager ({@link PreparedMethod#manager()}), which holds
 * its networks and is closed when the run ends; the data belongs to the preflight. Each step
 * runs in its own sub-manager, closed when the step returns, so a long run does not grow.
 *
 * <p>Repeatability: every source of randomness is derived from the run's seed and the global
 * step: before each step the engine's generator (dropout, noise) is re-seeded and the step's
 * Java generator is created; before the first phase begins it is seeded with the run's seed, so
 * what ran between the method's creation and its run (the preflight's building other methods)
 * does not matter; the samplers' data order is re-derivable from their seeds. On the
 * CPU with a fixed thread count, the same config and seed give the same parameters, and a run
 * resumed from a checkpoint gives the same parameters as one that never stopped.
 *
 * <p>Checkpoints ({@code train.checkpointEvery} steps and after the last) hold every network's
 * parameters and optimizer state, the global step and phase, the data order, the evaluations so
 * far and the method's own state ({@link TrainingMethod#saveState}).
 *
 * <p>Guards: after every step the losses are checked (one host read) and the networks report
 * updates refused for non-finite gradients; {@code train.onNonFinite} decides whether that
 * stops the run ({@link TrainingException}, no checkpoint of the bad step) or skips the step.
 */
public final class TrainingDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POSITION = "run";
    private static final String CONFIG = "run.config";
    /** The names of the networks live at the checkpoint, comma-separated. */
    private static final String NETWORKS = "run.networks";

    private final RunSpec spec;
    private final RunInputs inputs;
    private final Executor executor;
    private final RunFolder folder;
    private final StartMode mode;
    private final List<RunListener> listeners;

    /**
     * @param spec what to run
     * @param inputs the data and the built method, from the run's {@link Preflight}; the driver
     *     closes the method
     * @param executor where to run it
     * @param folder where its files go
     * @param mode whether to start fresh or resume from the folder's checkpoints
     * @param listeners who follows it
     */
    @Inject
    public TrainingDriver(
            RunSpec spec,
            RunInputs inputs,
            Executor executor,
            RunFolder folder,
            StartMode mode,
            Set<RunListener> listeners) {
        this.spec = spec;
        this.inputs = inputs;
        this.executor = executor;
        this.folder = folder;
        this.mode = mode;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Runs the training to the end.
     *
     * @return the result
     * @throws TrainingException when a step produces a non-finite loss or gradient under {@code
     *     onNonFinite: stop}, or a resumed run has no usable checkpoint
     */
    public TrainResult run() {
        try (PreparedMethod prepared = inputs.method()) {
            return run(prepared);
        }
    }

    private TrainResult run(PreparedMethod prepared) {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        Checkpoints checkpoints = folder.checkpoints();
        Checkpoints.Loaded resumeFrom = mode == StartMode.RESUME ? loadCheckpoint(checkpoints) : null;
        if (resumeFrom == null) {
            deleteAll(checkpoints);
        }
        executor.prepare();
        boolean previousGradMode = EngineOps.setGradMode(false);
        folder.writeConfig(spec.resolvedConfig());
        TrainSettings train = spec.config().train();
        try {
            NDManager runManager = prepared.manager();
            PreparedData prepData = inputs.data();
            SslData data = prepData.data();
            NetworkFactory networks = prepared.networks();
            TrainingMethod method = prepared.method();
            List<Phase> phases = prepared.phases();

            List<RunStart.PhasePlan> plans = new ArrayList<>();
            phases.forEach(p -> plans.add(new RunStart.PhasePlan(p.name(), p.steps())));
            long totalSteps = plans.stream().mapToLong(RunStart.PhasePlan::steps).sum();
            Loop loop =
                    new Loop(
                            prepData,
                            prepData.weak(),
                            prepData.strong(),
                            method,
                            networks,
                            phases,
                            train,
                            totalSteps,
                            runManager,
                            checkpoints);
            if (resumeFrom != null) {
                loop.restore(resumeFrom);
            }
            RunStart start =
                    new RunStart(
                            spec.method(), spec.seed(), folder.root(), plans, data.spec().description(), loop.globalStep);
            listeners.forEach(l -> l.runStarted(start));
            if (resumeFrom != null) {
                resumeFrom.rejected().forEach(problem -> notice("skipped damaged checkpoint " + problem));
                notice("resumed from " + resumeFrom.file() + " after step " + resumeFrom.step() + " of " + totalSteps);
            }
            for (int p = 0; p < loop.phase && p < phases.size(); p++) {
                phases.get(p).passed();
            }
            Engine.getInstance().setRandomSeed((int) spec.seed());
            for (int p = loop.phase; p < phases.size(); p++) {
                loop.runPhase(p, phases.get(p));
            }
            if (loop.evaluations.isEmpty()) {
                loop.evaluate("end", 0);
            }
            Network evaluated = method.evaluated();
            Path modelDir = folder.saveParameters(RunFolder.MODEL, evaluated.name(), blockOf(evaluated, networks));
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
                            loop.finalMetrics(),
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

    private Checkpoints.Loaded loadCheckpoint(Checkpoints checkpoints) {
        Checkpoints.Loaded loaded;
        try {
            loaded = checkpoints.latestGood();
        } catch (IllegalStateException e) {
            throw new TrainingException("cannot resume " + folder.root() + ": " + e.getMessage());
        }
        String saved = loaded.contents().getString(CONFIG);
        if (!saved.equals(spec.resolvedConfig())) {
            throw new TrainingException(
                    "cannot resume from " + loaded.file() + ": it was written with another config ("
                            + firstDifference(saved, spec.resolvedConfig()) + ")");
        }
        return loaded;
    }

    private static String firstDifference(String before, String now) {
        String[] a = before.split("\n", -1);
        String[] b = now.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "";
            String y = i < b.length ? b[i] : "";
            if (!x.equals(y)) {
                return "line " + (i + 1) + " was '" + x.strip() + "', is '" + y.strip() + "'";
            }
        }
        return "no line differs";
    }

    private static void deleteAll(Checkpoints checkpoints) {
        try {
            for (Path old : checkpoints.list()) {
                Files.deleteIfExists(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + checkpoints.folder(), e);
        }
    }

    private void notice(String message) {
        listeners.forEach(l -> l.notice(message));
    }

    /** The block of a network the method evaluates, which must be one of the run's. */
    private static ai.djl.nn.Block blockOf(Network network, NetworkFactory networks) {
        DjlNetwork known = networks.networks().get(network.name());
        if (known != network) {
            throw new IllegalStateException(
                    "the method evaluates network '" + network.name() + "', which is not a live network of this run");
        }
        return known.block();
    }

    /** The state of the step loop across phases. */
    private final class Loop {
        private final PreparedData prepared;
        private final SslData data;
        private final Augmentation weak;
        private final Augmentation strong;
        private final TrainingMethod method;
        private final NetworkFactory networks;
        private final List<Phase> phases;
        private final TrainSettings train;
        private final long totalSteps;
        private final NDManager runManager;
        private final Checkpoints checkpoints;
        private final List<Evaluation> evaluations = new ArrayList<>();
        private long globalStep;
        private long examples;
        private long loopStarted;
        private double elapsedBefore;
        private int phase;
        private long phaseStep;
        private CheckpointFile resumeState;
        private Path lastCheckpoint;
        private Metrics lastMetrics;
        private final DiagnosticsRecorder diagnostics = new DiagnosticsRecorder();

        Loop(
                PreparedData prepared,
                Augmentation weak,
                Augmentation strong,
                TrainingMethod method,
                NetworkFactory networks,
                List<Phase> phases,
                TrainSettings train,
                long totalSteps,
                NDManager runManager,
                Checkpoints checkpoints) {
            this.prepared = prepared;
            this.data = prepared.data();
            this.weak = weak;
            this.strong = strong;
            this.method = method;
            this.networks = networks;
            this.phases = phases;
            this.train = train;
            this.totalSteps = totalSteps;
            this.runManager = runManager;
            this.checkpoints = checkpoints;
        }

        /**
         * Restores networks, method state and position; the samplers are restored when their
         * phase starts. A checkpoint at the end of a phase resumes at the start of the next.
         */
        void restore(Checkpoints.Loaded loaded) {
            CheckpointFile state = loaded.contents();
            RunPosition position;
            try {
                position = JSON.readValue(state.getString(POSITION), RunPosition.class);
            } catch (IOException e) {
                throw new TrainingException("cannot read the position in " + loaded.file() + ": " + e.getMessage());
            }
            if (!position.method().equals(spec.method()) || position.seed() != spec.seed()) {
                throw new TrainingException(
                        loaded.file() + " belongs to method " + position.method() + " seed " + position.seed()
                                + ", not " + spec.method() + " seed " + spec.seed());
            }
            Set<String> saved =
                    state.contains(NETWORKS)
                            ? Set.of(state.getString(NETWORKS).split(","))
                            : networks.networks().keySet();
            networks.restoreFrom(state.under("network."), Set.copyOf(saved));
            method.restoreState(state.under("method."));
            globalStep = position.globalStep();
            examples = position.examples();
            elapsedBefore = position.elapsedSeconds();
            evaluations.addAll(position.evaluations());
            phase = position.phase();
            phaseStep = position.phaseStep();
            if (phase < phases.size() && phaseStep >= phases.get(phase).steps()) {
                phase++;
                phaseStep = 0;
            } else {
                resumeState = state;
            }
            lastCheckpoint = loaded.file();
        }

        /**
         * The full metrics of the last evaluation; measured again when this session made none
         * (a run resumed from its final checkpoint), which draws nothing random.
         */
        Metrics finalMetrics() {
            if (lastMetrics == null) {
                lastMetrics = Evaluator.measure(method.evaluated(), data.test(), data.spec().classes(), runManager);
            }
            return lastMetrics;
        }

        void runPhase(int index, Phase current) {
            long firstStep = index == phase ? phaseStep : 0;
            if (current.steps() == 0 || firstStep >= current.steps()) {
                return;
            }
            boolean resumed = firstStep > 0;
            long phaseSeed = spec.seed() * 1_000_003L + index;
            BatchPlan plan = current.batches();
            BatchSampler labeled = new BatchSampler(data.labeled().size(), phaseSeed * 2);
            BatchSampler unlabeled =
                    plan.unlabeled() > 0 ? new BatchSampler(data.unlabeled().size(), phaseSeed * 2 + 1) : null;
            if (resumed) {
                labeled.restoreState(resumeState.under("sampler.labeled."));
                if (unlabeled != null) {
                    unlabeled.restoreState(resumeState.under("sampler.unlabeled."));
                }
                resumeState = null;
            }
            try (NDManager phaseManager = runManager.newSubManager()) {
                current.begin(
                        new PhaseScope(prepared, phaseManager, new Random(phaseSeed), resumed, folder.artifacts()));
                if (loopStarted == 0) {
                    loopStarted = System.nanoTime();
                }
                for (long step = firstStep; step < current.steps(); step++) {
                    runStep(current, plan, step, labeled, unlabeled);
                    boolean lastOfPhase = step + 1 == current.steps();
                    if ((step + 1) % train.evaluateEvery() == 0 || lastOfPhase) {
                        evaluate(current.name(), step + 1);
                    }
                    if (globalStep % train.checkpointEvery() == 0 || globalStep == totalSteps) {
                        checkpoint(index, step + 1, labeled, unlabeled);
                    }
                }
            }
        }

        private void runStep(
                Phase phase, BatchPlan plan, long step, BatchSampler labeled, BatchSampler unlabeled) {
            long stepSeed = spec.seed() * 6_364_136_223_846_793_005L + globalStep;
            Random random = new Random(stepSeed);
            Engine.getInstance().setRandomSeed(Long.hashCode(stepSeed ^ (stepSeed >>> 31)));
            Map<String, Double> losses = Map.of();
            try (NDManager stepManager = runManager.newSubManager()) {
                LabeledBatch labeledBatch =
                        labeledBatch(stepManager, labeled.next(plan.labeled()), random);
                long[] unlabeledIndices = unlabeled == null ? null : unlabeledIndices(phase, plan, unlabeled, random);
                Batch unlabeledExamples =
                        unlabeled == null ? null : data.unlabeled().getByIndices(stepManager, unlabeledIndices);
                UnlabeledBatch unlabeledBatch =
                        unlabeled == null ? null : unlabeledBatch(unlabeledExamples, unlabeledIndices, plan, random);
                StepScope context =
                        new StepScope(
                                phase.name(),
                                step,
                                phase.steps(),
                                stepManager,
                                labeledBatch,
                                unlabeledBatch,
                                random,
                                networks::newGradientCollector);
                StepResult result;
                try {
                    result = phase.step(context);
                } finally {
                    networks.endStep();
                }
                examples += result.examples();
                boolean finite = lossesFinite(result);
                boolean log = (globalStep + 1) % train.logEvery() == 0 || globalStep + 1 == totalSteps;
                Map<String, Double> read = log || !finite || train.diagnostics() ? read(result) : Map.of();
                if (log || !finite) {
                    losses = read;
                }
                guard(phase.name(), step, losses, finite);
                if (train.diagnostics()) {
                    diagnostics.step(read);
                    if (context.pseudoTargets() != null && unlabeledExamples != null) {
                        diagnostics.pseudoLabels(
                                context.pseudoTargets(), context.pseudoMask(),
                                unlabeledExamples.getLabels().singletonOrThrow());
                    }
                }
            }
            double elapsed = elapsedBefore + (System.nanoTime() - loopStarted) / 1e9;
            StepEvent event =
                    new StepEvent(
                            phase.name(), step, globalStep, totalSteps, losses, examples / Math.max(elapsed, 1e-9), elapsed);
            globalStep++;
            listeners.forEach(l -> l.stepFinished(event));
        }

        /** One host read for all loss terms: their sum is finite only if every term is. */
        private boolean lossesFinite(StepResult result) {
            NDArray total = null;
            for (NDArray loss : result.losses().values()) {
                NDArray term = loss.toType(DataType.FLOAT32, false).sum();
                total = total == null ? term : total.add(term);
            }
            return total == null || Float.isFinite(total.getFloat());
        }

        /** Stops or reports a step whose losses or gradients were not finite. */
        private void guard(String phaseName, long step, Map<String, Double> losses, boolean finite) {
            List<NonFiniteGradients.Refusal> refused = networks.nonFiniteGradients().drain();
            if (finite && refused.isEmpty()) {
                return;
            }
            List<String> problems = new ArrayList<>();
            losses.forEach(
                    (name, value) -> {
                        if (!Double.isFinite(value)) {
                            problems.add("loss '" + name + "' is " + value);
                        }
                    });
            refused.forEach(r -> problems.add(r.describe() + " (update not applied)"));
            String where =
                    "step " + (globalStep + 1) + " (step " + (step + 1) + " of phase '" + phaseName + "', method "
                            + spec.method() + ", seed " + spec.seed() + "): " + String.join("; ", problems);
            if (train.onNonFinite() == NonFinitePolicy.SKIP) {
                notice(where + "; step skipped (train.onNonFinite: skip)");
                return;
            }
            String kept =
                    lastCheckpoint == null
                            ? "no checkpoint was written yet"
                            : "the last good checkpoint is " + lastCheckpoint + " (ssl4j train --resume " + folder.root() + ")";
            throw new TrainingException(
                    where + "; stopped (train.onNonFinite: stop); " + kept
                            + "; lower the learning rate or check the data");
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

        /** The views of the gathered examples; their labels stay with the runtime. */
        private UnlabeledBatch unlabeledBatch(Batch examples, long[] indices, BatchPlan plan, Random random) {
            NDArray clean = examples.getData().singletonOrThrow();
            NDArray weakView = weak.apply(clean, random);
            NDArray strongView = plan.strongView() ? strong.apply(clean, random) : null;
            return new UnlabeledBatch(clean, weakView, strongView, indices);
        }

        private Map<String, Double> read(StepResult result) {
            Map<String, Double> values = new LinkedHashMap<>();
            result.losses().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> values.put(e.getKey(), (double) e.getValue().getFloat()));
            return values;
        }

        void evaluate(String phaseName, long step) {
            Network network = method.evaluated();
            lastMetrics = Evaluator.measure(network, data.test(), data.spec().classes(), runManager);
            Double validation =
                    data.validation() == null
                            ? null
                            : Evaluator.measure(network, data.validation(), data.spec().classes(), runManager).accuracy();
            Evaluation evaluation = Evaluation.of(phaseName, step, globalStep, network.name(), lastMetrics, validation);
            evaluations.add(evaluation);
            listeners.forEach(l -> l.evaluated(evaluation));
            if (train.diagnostics()) {
                Map<String, Double> accuracy = new LinkedHashMap<>();
                networks.classifiers().forEach((name, each) -> accuracy.put(
                        name,
                        each == network
                                ? lastMetrics.accuracy()
                                : Evaluator.measure(each, data.test(), data.spec().classes(), runManager).accuracy()));
                Diagnostics summary = diagnostics.finish(phaseName, step, globalStep, accuracy);
                listeners.forEach(l -> l.diagnosed(summary));
            }
        }

        private void checkpoint(int index, long stepsDone, BatchSampler labeled, BatchSampler unlabeled) {
            CheckpointFile file = new CheckpointFile();
            double elapsed = elapsedBefore + (System.nanoTime() - loopStarted) / 1e9;
            RunPosition position =
                    new RunPosition(
                            spec.method(), spec.seed(), globalStep, index, stepsDone, examples, elapsed, evaluations);
            try {
                file.writer().putString(POSITION, JSON.writeValueAsString(position));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            file.writer().putString(CONFIG, spec.resolvedConfig());
            file.writer().putString(NETWORKS, String.join(",", networks.networks().keySet()));
            for (DjlNetwork network : networks.networks().values()) {
                network.saveState(file.writer().under("network." + network.name() + "."));
            }
            labeled.saveState(file.writer().under("sampler.labeled."));
            if (unlabeled != null) {
                unlabeled.saveState(file.writer().under("sampler.unlabeled."));
            }
            method.saveState(file.writer().under("method."));
            lastCheckpoint = checkpoints.write(globalStep, file);
            Path written = lastCheckpoint;
            listeners.forEach(l -> l.checkpointed(written, globalStep));
        }
    }
}
