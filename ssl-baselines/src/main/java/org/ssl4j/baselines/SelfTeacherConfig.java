package org.ssl4j.baselines;

import org.ssl4j.api.role.Teacher;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.api.role.TeacherContext;

/** Config of the {@code self} teacher: the student labels its own inputs. It has no settings. */
public record SelfTeacherConfig() implements TeacherConfig {

    @Override
    public Teacher create(TeacherContext context) {
        return new SelfTeacher(context.student().network(), context.strategy());
    }
}
