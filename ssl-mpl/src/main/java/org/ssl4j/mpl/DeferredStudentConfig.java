package org.ssl4j.mpl;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.role.StudentConfig;
import org.ssl4j.steps.CrossEntropyStudentConfig;

/**
 * Config of the {@code deferred} student ({@link DeferredStudent}): a {@code cross-entropy}
 * student whose networks are created when it is first used rather than with the method. Reduced
 * MPL uses it so that its student exists only once the large teacher is freed: it is first used
 * when the {@code reduced-teach-and-learn} phase begins.
 *
 * @param student the student to create then; a {@code cross-entropy} student, required
 */
public record DeferredStudentConfig(StudentConfig student) implements StudentConfig {

    /** Checks that the student is there and is a {@code cross-entropy} student. */
    public DeferredStudentConfig {
        if (!(Checks.required("student", student) instanceof CrossEntropyStudentConfig)) {
            throw new InvalidConfigException("student.type", "must be 'cross-entropy'");
        }
    }

    /**
     * Checks that the student's backbone fits the data now; creates nothing.
     *
     * @throws InvalidConfigException naming {@code student.student.backbone} (the path in the
     *     composition) when it does not fit
     */
    @Override
    public DeferredStudent create(MethodContext context) {
        CrossEntropyStudentConfig config = (CrossEntropyStudentConfig) student;
        try {
            config.backbone().build(context.data());
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException("student.student.backbone." + e.field(), e.problem());
        }
        return new DeferredStudent(config, context);
    }
}
