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
 * @param path the finished run's folder, required
 * @param network the saved network's name in that run; default the network the run reported
 */
public record RunTeacherConfig(String path, String network) implements TeacherConfig {

    /** Checks that the path is given. */
    public RunTeacherConfig {
        Checks.required("path", path);
        if (path.isBlank()) {
            throw new InvalidConfigException("path", "must name a finished run's folder");
        }
    }

    @Override
    public Teacher create(TeacherContext context) {
        return new RunTeacher(
                context.method().fromRun(RunTeacher.NETWORK_NAME, Path.of(path), network),
                context.strategy());
    }
}
