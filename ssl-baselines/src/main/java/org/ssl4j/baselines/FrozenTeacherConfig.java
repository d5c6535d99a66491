package org.ssl4j.baselines;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.api.role.TeacherContext;

/**
 * Config of the {@code frozen} teacher: a copy of the student, refreshed every few steps.
 *
 * @param refreshEvery copy the student into the teacher every this many steps, {@code > 0};
 *     default 100
 */
public record FrozenTeacherConfig(Long refreshEvery) implements TeacherConfig {

    /** Fills the default and checks the range. */
    public FrozenTeacherConfig {
        refreshEvery = refreshEvery == null ? 100L : refreshEvery;
        Checks.positive("refreshEvery", refreshEvery);
    }

    @Override
    public Teacher create(TeacherContext context) {
        return new FrozenTeacher(context, refreshEvery);
    }
}
