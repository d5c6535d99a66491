package org.ssl4j.mpl;

import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.Student;
import org.ssl4j.api.role.StudentFeedback;
import org.ssl4j.api.role.View;
import org.ssl4j.steps.AuxiliaryLosses;
import org.ssl4j.steps.CrossEntropyStudent;
import org.ssl4j.steps.CrossEntropyStudentConfig;

/**
 * A {@code cross-entropy} student whose networks are created when it is first used (asked for
 * its network or to learn), not with the method; until then it answers from its config.
 */
final class DeferredStudent implements Student {

    private final CrossEntropyStudentConfig config;
    private final MethodContext context;
    private final boolean needsStrongView;
    private CrossEntropyStudent student;

    DeferredStudent(CrossEntropyStudentConfig config, MethodContext context) {
        this.config = config;
        this.context = context;
        this.needsStrongView =
                config.studentView() == View.STRONG
                        || AuxiliaryLosses.needStrongView(
                                AuxiliaryLosses.create(
                                        "student.auxiliaryLosses",
                                        config.auxiliaryLosses(),
                                        context.data(),
                                        CrossEntropyStudent.LOSS_NAMES));
    }

    /**
     * @return the student, created at the first call (a resumed run restores its networks as
     *     they are created)
     */
    private CrossEntropyStudent created() {
        if (student == null) {
            student = config.create(context);
        }
        return student;
    }

    @Override
    public Network network() {
        return created().network();
    }

    @Override
    public Network evaluated() {
        return created().evaluated();
    }

    @Override
    public View view() {
        return config.studentView();
    }

    @Override
    public boolean needsStrongView() {
        return needsStrongView;
    }

    @Override
    public boolean usesUnlabeled() {
        return !config.auxiliaryLosses().isEmpty();
    }

    @Override
    public boolean measuresFeedback() {
        return config.measureFeedback();
    }

    @Override
    public StudentFeedback learn(PseudoLabels labels, StepContext context) {
        return created().learn(labels, context);
    }
}
