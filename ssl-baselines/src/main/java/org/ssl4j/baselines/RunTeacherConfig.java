package org.ssl4j.baselines;

import java.nio.file.Path;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.api.role.TeacherContext;

/**
 * Config of the {@code run} teacher: a network trained by a finished SSL4J run, loaded frozen
 * into a network named {@code teacher}, labelling the weak view in evaluation mode. It never
 * changes: a Noisy Student round's teacher, or labels from a model trained with another method.
 *
 * <pre>{@code
 * teacher: {type: run, path: runs/supervised-1, network: student}
 * }</pre>
 *
 * <p>It is created after the student, so the student's initial draw is the same as with any
 * other teacher; reading the finished run builds that run's method once to learn the
 * architecture, which draws from the engine's generator, so networks created after it (a
 * finetune phase's) start from other values than without it, the same on every run and resume.
 *
 * @param path the finished run's folder, required
 * @param network the saved network's name in that run; null (the default) for the network the
 *     run reported
 */
public record RunTeacherConfig(String path, String network) implements TeacherConfig {

    /** Checks that the path is given. */
    public RunTeacherConfig {
        Checks.required("path", path);
        if (path.isBlank()) {
            throw new InvalidConfigException("path", "must name a finished run's folder");
        }
    }

    /**
     * @throws InvalidConfigException naming {@code path} or {@code network} when the folder is
     *     not a finished run, lacks the network, or its shapes do not fit this run's data
     */
    @Override
    public Teacher create(TeacherContext context) {
        try {
            return new RunTeacher(
                    context.method().fromRun(RunTeacher.NETWORK_NAME, Path.of(path), network),
                    context.strategy());
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException(network != null && e.field().equals("network") ? "network" : "path", e.problem());
        }
    }
}
