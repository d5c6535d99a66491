package org.ssl4j.steps;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.api.role.TeacherContext;

/**
 * A test plugin with the smallest {@link Pretrainable} teacher, {@code steps-test-pretraining}:
 * a network of its own that learns labeled cross-entropy alone in a {@code pretrain} phase and
 * labels the weak view with its argmax, so the {@code pretrain} phase runs in this module's
 * plugin contract. Registered in the test resources only.
 */
public final class PretrainingTeacherPlugin implements Ssl4jPlugin {

    /** Creates the plugin. */
    public PretrainingTeacherPlugin() {}

    @Override
    public String name() {
        return "steps-test";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<Component<TeacherConfig>> teachers() {
        return List.of(Component.of("steps-test-pretraining", Config.class, "test: a teacher that pretrains"));
    }

    /**
     * @param backbone its network
     * @param optimizer its optimizer
     */
    public record Config(BackboneConfig backbone, OptimizerConfig optimizer) implements TeacherConfig {

        @Override
        public boolean ownsNetwork() {
            return true;
        }

        @Override
        public Teacher create(TeacherContext context) {
            Network network =
                    context.method().trainable("teacher", backbone, optimizer, context.method().budget().steps());
            return new PretrainingTeacher(network);
        }
    }

    private record PretrainingTeacher(Network network) implements Teacher, Pretrainable {

        @Override
        public PseudoLabels teach(StepContext context) {
            NDArray logits = network.forward(context.unlabeled().weak(), false).stopGradient();
            return new HardLabelStrategy(0f).label(logits);
        }

        @Override
        public Network pretrained() {
            return network;
        }

        @Override
        public OptionalLong pretrainSteps() {
            return OptionalLong.of(2);
        }

        @Override
        public boolean pretrainsOnUnlabeled() {
            return false;
        }

        @Override
        public Map<String, NDArray> pretrain(StepContext context) {
            return Map.of("teacherSupervised", Updates.supervised(network, context.labeled(), 0f, null, context));
        }
    }
}
