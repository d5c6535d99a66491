package org.ssl4j.runtime.registry.fake;

import ai.djl.nn.Block;
import org.ssl4j.api.model.ResumableOptimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.data.Augmentation;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.composition.PhaseSetup;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.model.ScheduleConfig;
import org.ssl4j.api.role.AuxiliaryLoss;
import org.ssl4j.api.role.AuxiliaryLossConfig;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;
import org.ssl4j.api.role.Student;
import org.ssl4j.api.role.StudentConfig;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.api.role.TeacherContext;

/**
 * Config records of the fake components the registry and config reader tests use. They are
 * only read and written, never run: every factory method throws.
 */
public final class FakeConfigs {

    private FakeConfigs() {}

    /**
     * A method with a required backbone, optional parts and a checked threshold.
     *
     * @param backbone required
     * @param optimizer optional
     * @param teacher optional
     * @param pseudoLabels optional
     * @param threshold default 0.5, in [0, 1]
     * @param auxiliaryLosses default empty
     */
    public record Method(
            BackboneConfig backbone,
            OptimizerConfig optimizer,
            TeacherConfig teacher,
            PseudoLabelStrategyConfig pseudoLabels,
            Double threshold,
            List<AuxiliaryLossConfig> auxiliaryLosses)
            implements MethodConfig {

        /** Checks and fills defaults. */
        public Method {
            Checks.required("backbone", backbone);
            threshold = Checks.inUnitInterval("threshold", threshold == null ? 0.5 : threshold);
            auxiliaryLosses = Checks.listOf("auxiliaryLosses", auxiliaryLosses);
        }

        @Override
        public TrainingMethod create(MethodContext context) {
            throw new UnsupportedOperationException("fake");
        }
    }

    /**
     * A multilayer perceptron.
     *
     * @param hidden hidden widths, default [16]
     * @param dropout default 0.0, in [0, 1]
     * @param activation default relu
     */
    public record Mlp(List<Integer> hidden, Double dropout, String activation)
            implements BackboneConfig {

        /** Fills defaults. */
        public Mlp {
            hidden = hidden == null ? List.of(16) : Checks.listOf("hidden", hidden);
            dropout = Checks.inUnitInterval("dropout", dropout == null ? 0.0 : dropout);
            activation = activation == null ? "relu" : activation;
        }

        @Override
        public Block build(DataSpec data) {
            throw new UnsupportedOperationException("fake");
        }
    }

    /**
     * A convolutional network, registered with the alias {@code fake-convnet}.
     *
     * @param channels default 8
     */
    public record Cnn(Integer channels) implements BackboneConfig {

        /** Fills the default. */
        public Cnn {
            channels = channels == null ? 8 : channels;
        }

        @Override
        public Block build(DataSpec data) {
            throw new UnsupportedOperationException("fake");
        }
    }

    /**
     * A data source.
     *
     * @param examples required, positive
     * @param shuffle default true
     */
    public record Blobs(Integer examples, Boolean shuffle) implements DataSourceConfig {

        /** Checks and fills defaults. */
        public Blobs {
            Checks.positive("examples", Checks.required("examples", examples));
            shuffle = shuffle == null ? Boolean.TRUE : shuffle;
        }

        @Override
        public SslData load(DataContext context) {
            throw new UnsupportedOperationException("fake");
        }
    }

    /** An augmentation without settings. */
    public record Identity() implements AugmentationConfig {

        @Override
        public Augmentation create(DataSpec spec) {
            throw new UnsupportedOperationException("fake");
        }
    }

    /** The momentum variants of {@link Sgd}. */
    public enum Momentum {
        /** No momentum. */
        NONE,
        /** Heavy-ball momentum. */
        CLASSIC
    }

    /**
     * An optimizer.
     *
     * @param learningRate default 0.1
     * @param momentum default NONE
     * @param schedule optional
     */
    public record Sgd(Double learningRate, Momentum momentum, ScheduleConfig schedule)
            implements OptimizerConfig {

        /** Fills defaults. */
        public Sgd {
            learningRate = learningRate == null ? 0.1 : learningRate;
            momentum = momentum == null ? Momentum.NONE : momentum;
        }

        @Override
        public ResumableOptimizer create(long totalSteps) {
            throw new UnsupportedOperationException("fake");
        }
    }

    /**
     * A schedule.
     *
     * @param warmupSteps default 0
     */
    public record Cosine(Long warmupSteps) implements ScheduleConfig {

        /** Fills the default. */
        public Cosine {
            warmupSteps = warmupSteps == null ? 0L : warmupSteps;
        }

        @Override
        public Tracker create(float baseLearningRate, long totalSteps) {
            throw new UnsupportedOperationException("fake");
        }
    }

    /**
     * A teacher with its own backbone.
     *
     * @param backbone optional
     */
    public record Frozen(BackboneConfig backbone) implements TeacherConfig {

        @Override
        public Teacher create(TeacherContext context) {
            throw new UnsupportedOperationException("fake");
        }
    }

    /**
     * A preset: a name that stands for a {@link Method} with its backbone.
     *
     * @param backbone required
     */
    public record Preset(BackboneConfig backbone) implements MethodConfig {

        /** Checks the backbone. */
        public Preset {
            Checks.required("backbone", backbone);
        }

        @Override
        public MethodConfig expand() {
            return new Method(backbone, null, null, null, 0.25, null);
        }

        @Override
        public TrainingMethod create(MethodContext context) {
            return expand().create(context);
        }
    }

    /**
     * A broken preset whose expansion expands again to another config.
     *
     * @param generation default 0
     */
    public record Drifting(Integer generation) implements MethodConfig {

        @Override
        public MethodConfig expand() {
            return new Drifting(generation == null ? 1 : generation + 1);
        }

        @Override
        public TrainingMethod create(MethodContext context) {
            throw new UnsupportedOperationException("fake");
        }
    }

    /**
     * A student with its own backbone.
     *
     * @param backbone optional
     */
    public record Learner(BackboneConfig backbone) implements StudentConfig {

        @Override
        public Student create(MethodContext context) {
            throw new UnsupportedOperationException("fake");
        }
    }

    /**
     * A phase of a composed method.
     *
     * @param steps optional
     */
    public record Stage(Long steps) implements PhaseConfig {

        @Override
        public List<Phase> create(PhaseSetup setup) {
            throw new UnsupportedOperationException("fake");
        }
    }

    /**
     * A pseudo-label strategy with a primitive (so required, non-null) threshold.
     *
     * @param threshold in [0, 1]
     */
    public record HardLabels(double threshold) implements PseudoLabelStrategyConfig {

        /** Checks the range. */
        public HardLabels {
            Checks.inUnitInterval("threshold", threshold);
        }

        @Override
        public PseudoLabelStrategy create() {
            throw new UnsupportedOperationException("fake");
        }
    }

    /**
     * An auxiliary loss.
     *
     * @param weight default 1.0, at least 0
     */
    public record Entropy(Double weight) implements AuxiliaryLossConfig {

        /** Checks and fills the default. */
        public Entropy {
            weight = Checks.nonNegative("weight", weight == null ? 1.0 : weight);
        }

        @Override
        public AuxiliaryLoss create(DataSpec data) {
            throw new UnsupportedOperationException("fake");
        }
    }

    /**
     * A second backbone config class, used by {@link FakePlugins.Duplicate}.
     *
     * @param depth any
     */
    public record OtherNet(Integer depth) implements BackboneConfig {

        @Override
        public Block build(DataSpec data) {
            throw new UnsupportedOperationException("fake");
        }
    }

    /**
     * A third backbone config class, used by {@link FakePlugins.Duplicate}.
     *
     * @param depth any
     */
    public record ThirdNet(Integer depth) implements BackboneConfig {

        @Override
        public Block build(DataSpec data) {
            throw new UnsupportedOperationException("fake");
        }
    }

    /**
     * A second data source config class, used by {@link FakePlugins.Duplicate}.
     *
     * @param path any
     */
    public record Csv(String path) implements DataSourceConfig {

        @Override
        public SslData load(DataContext context) {
            throw new UnsupportedOperationException("fake");
        }
    }
}
