package org.ssl4j.examples.entropy;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.api.role.TeacherContext;

/**
 * Config of the example's {@code agreement} teacher: the student labels the weak view, and an
 * example is kept only when the student's top class on the strong view agrees (a consistency
 * filter on top of the composition's strategy).
 *
 * @param minAgreement kept when both views' top classes agree and the strong view's probability
 *     of that class is at least this, in [0, 1]; default 0
 */
public record AgreementTeacherConfig(Double minAgreement) implements TeacherConfig {

    /** Fills the default and checks the range. */
    public AgreementTeacherConfig {
        minAgreement = minAgreement == null ? 0.0 : minAgreement;
        Checks.inUnitInterval("minAgreement", minAgreement);
    }

    @Override
    public Teacher create(TeacherContext context) {
        return new AgreementTeacher(context.student().network(), context.strategy(), minAgreement.floatValue());
    }
}
