package org.ssl4j.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.Student;
import org.ssl4j.api.role.StudentConfig;
import org.ssl4j.api.role.StudentFeedback;
import org.ssl4j.api.role.View;

/**
 * The kit's student {@code testkit-student}, a student plugin written against the SPI alone: one
 * network trained on the labeled cross-entropy plus the pseudo labels' loss on the weak view,
 * measuring its labeled loss before and after each update (so it can serve a teacher that learns
 * from the student's progress). The contract test teaches it with teachers under test, and a
 * method's sample can name it: {@code "student": {"type": "testkit-student"}}.
 *
 * @param backbone its network; default {@code testkit-mlp}
 * @param optimizer its optimizer; default {@code testkit-sgd}
 */
public record KitStudentConfig(BackboneConfig backbone, OptimizerConfig optimizer) implements StudentConfig {

    /** The name of its network. */
    public static final String NETWORK = "student";

    /** Fills the defaults. */
    public KitStudentConfig {
        backbone = backbone == null ? new MlpBackboneConfig(null) : backbone;
        optimizer = optimizer == null ? new SgdConfig(null) : optimizer;
    }

    @Override
    public Student create(MethodContext context) {
        Network network = context.trainable(NETWORK, backbone, optimizer, context.budget().steps());
        return new KitStudent(network);
    }

    /** The student: cross-entropy on labels and pseudo labels, feedback measured. */
    private record KitStudent(Network network) implements Student {

        @Override
        public View view() {
            return View.WEAK;
        }

        @Override
        public boolean needsStrongView() {
            return false;
        }

        @Override
        public boolean measuresFeedback() {
            return true;
        }

        @Override
        public StudentFeedback learn(PseudoLabels labels, StepContext context) {
            LabeledBatch labeled = context.labeled();
            NDArray before = labeledLoss(labeled, false);
            Map<String, NDArray> losses = new LinkedHashMap<>();
            try (GradientCollector collector = context.newGradientCollector()) {
                NDArray loss = labeledLoss(labeled, true);
                losses.put("labeled", loss);
                if (labels != null) {
                    NDArray unlabeled = labels.loss(network.forward(view().of(context.unlabeled()), true), 0f);
                    losses.put("unlabeled", unlabeled);
                    loss = loss.add(unlabeled);
                }
                collector.backward(loss);
            }
            network.update();
            return new StudentFeedback(losses, before, labeledLoss(labeled, false));
        }

        private NDArray labeledLoss(LabeledBatch labeled, boolean training) {
            return Losses.crossEntropy(network.forward(labeled.inputs(), training), labeled.labels(), 0f).mean();
        }
    }
}
