package org.ssl4j.baselines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.api.role.TeacherContext;
import org.ssl4j.steps.PseudoLabelFile;
import org.ssl4j.steps.TeacherPredictions;

/**
 * Config of the {@code run} teacher: a network trained by a finished SSL4J run, loaded frozen
 * into a network named {@code teacher}, labelling the weak view in evaluation mode. It never
 * changes: a Noisy Student round's teacher, or labels from a model trained with another method.
 *
 * <pre>{@code
 * teacher: {type: run, path: runs/supervised-1, network: student}
 * teacher: {type: run, path: runs/supervised-1, labels: labels/round-1.csv}
 * }</pre>
 *
 * <p>With {@code labels} the run's predictions come from a pseudo-label file instead ({@link
 * org.ssl4j.steps.PseudoLabelFile}: what {@code ssl4j label --noisy-student} writes from a label
 * table, or a Noisy Student round's {@code pseudo-labels/round-K.csv}), and its network is not
 * loaded: each unlabeled example gets the file's row of its index in this run's unlabeled split
 * ({@link RunLabelsTeacher}). The file is read when the teacher is created, before training
 * starts: a missing file, a malformed line (file and line) and a row count that is not the
 * split's size ({@link org.ssl4j.api.method.MethodContext#unlabeledSize()}) are refused, naming
 * {@code labels}.
 *
 * <p>It is created after the student, so the student's initial draw is the same as with any
 * other teacher; reading the finished run builds that run's method once to learn the
 * architecture, which draws from the engine's generator, so networks created after it (a
 * finetune phase's) start from other values than without it, the same on every run and resume.
 *
 * @param path the finished run's folder, required
 * @param network the saved network's name in that run; null (the default) for the network the
 *     run reported; not with {@code labels}
 * @param labels a pseudo-label file of that run's predictions, one row per example of this run's
 *     unlabeled split in index order; null (the default) to label with the network in process
 */
public record RunTeacherConfig(String path, String network, String labels) implements TeacherConfig {

    /** Checks that the path is given, and that {@code labels} names a file without {@code network}. */
    public RunTeacherConfig {
        Checks.required("path", path);
        if (path.isBlank()) {
            throw new InvalidConfigException("path", "must name a finished run's folder");
        }
        if (labels != null && labels.isBlank()) {
            throw new InvalidConfigException("labels", "must name a pseudo-label file");
        }
        if (labels != null && network != null) {
            throw new InvalidConfigException(
                    "network", "not with labels: the labels file holds the run's predictions, its network is not loaded");
        }
    }

    /**
     * @throws InvalidConfigException naming {@code path} or {@code network} when the folder is
     *     not a finished run, lacks the network, or its shapes do not fit this run's data; naming
     *     {@code labels} (file and line) when the labels file is missing or malformed, or its row
     *     count is not the unlabeled split's size
     */
    @Override
    public Teacher create(TeacherContext context) {
        if (labels != null) {
            return labelsTeacher(context);
        }
        try {
            return new RunTeacher(
                    context.method().fromRun(RunTeacher.NETWORK_NAME, Path.of(path), network),
                    context.strategy());
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException(network != null && e.field().equals("network") ? "network" : "path", e.problem());
        }
    }

    private Teacher labelsTeacher(TeacherContext context) {
        Path file = Path.of(labels);
        if (!Files.isDirectory(Path.of(path))) {
            throw new InvalidConfigException("path", "is not a folder: " + path);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException("labels", "no such file: " + file);
        }
        TeacherPredictions predictions;
        try {
            predictions = PseudoLabelFile.read(file, context.method().data().classes()).predictions();
        } catch (IOException e) {
            throw new InvalidConfigException("labels", e.getMessage());
        }
        OptionalLong size = context.method().unlabeledSize();
        if (size.isPresent() && size.getAsLong() != predictions.size()) {
            throw new InvalidConfigException(
                    "labels",
                    file + ": " + predictions.size() + " rows, but the run's unlabeled split has " + size.getAsLong()
                            + " examples; the file needs one row per example of this run's split, in index order");
        }
        return new RunLabelsTeacher(file, predictions, context.strategy());
    }
}
