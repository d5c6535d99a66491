package org.ssl4j.steps;

import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.role.Student;
import org.ssl4j.api.role.StudentConfig;

/**
 * A student config whose student can create its networks when it is first used rather than when
 * it is created. A composition whose phases start with {@code pretrain} creates such a student
 * this way, so that a network the teacher pretrained and freed is gone before the student's
 * exist (Reduced MPL); any other student is created with its networks.
 */
public interface DeferrableStudentConfig extends StudentConfig {

    /**
     * Creates the student without its networks; it answers {@link Student#view()}, {@link
     * Student#needsStrongView()}, {@link Student#usesUnlabeled()} and {@link
     * Student#measuresFeedback()} from its config, and creates its networks at the first call
     * of {@link Student#network()}, {@link Student#evaluated()} or {@link Student#learn}.
     *
     * @param context the method's context, where it creates its networks then
     * @return the student
     * @throws org.ssl4j.api.config.InvalidConfigException when its config does not fit the data,
     *     checked now
     */
    Student deferred(MethodContext context);
}
