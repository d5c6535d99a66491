package org.ssl4j.examples.entropy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.Teacher;

/**
 * A teacher written outside SSL4J against the SPI alone: the student labels the weak view in
 * evaluation mode through the composition's strategy, and the strategy's mask is narrowed to
 * the examples whose strong view the student puts in the same class (with at least {@code
 * minAgreement} probability).
 */
final class AgreementTeacher implements Teacher {

    private final Network student;
    private final PseudoLabelStrategy strategy;
    private final float minAgreement;

    AgreementTeacher(Network student, PseudoLabelStrategy strategy, float minAgreement) {
        this.student = student;
        this.strategy = strategy;
        this.minAgreement = minAgreement;
    }

    @Override
    public boolean needsStrongView() {
        return true;
    }

    @Override
    public PseudoLabels teach(StepContext context) {
        UnlabeledBatch unlabeled = context.unlabeled();
        PseudoLabels labels = strategy.label(student.forward(unlabeled.weak(), false));
        NDArray strong = student.forward(unlabeled.strong(), false).stopGradient().softmax(1);
        NDArray weakClass = labels.kind() == PseudoLabels.Kind.HARD
                ? labels.targets().toType(DataType.INT64, false)
                : labels.targets().argMax(1);
        NDArray agree = strong.argMax(1).eq(weakClass)
                .logicalAnd(strong.max(new int[] {1}).gte(minAgreement))
                .toType(DataType.FLOAT32, false);
        return new PseudoLabels(labels.kind(), labels.targets(), labels.mask().mul(agree), labels.confidence());
    }
}
