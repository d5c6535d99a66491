package org.ssl4j.steps;

import java.util.ArrayList;
import java.util.List;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.composition.PhaseSetup;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.Student;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.api.role.TeacherContext;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/**
 * A method composed from a teacher, a student, a pseudo-label strategy and phases ({@link
 * TeacherStudentConfig}).
 *
 * <p>Creation order, which decides which network gets which initial draw: a teacher that {@link
 * TeacherConfig#ownsNetwork() owns its network} first, then the student, then any other teacher
 * (it may copy the student), then the phases in order (the networks they make). When the
 * phases start with {@code pretrain} and the student is {@linkplain DeferrableStudentConfig
 * deferrable}, its networks are created when it is first used instead (the first phase after the
 * pretraining begins), so that a network the teacher pretrained and freed is gone first (Reduced
 * MPL). It evaluates
 * the network of the last phase that has begun and produces one ({@link Phase#result()}), else
 * the student's evaluated network.
 *
 * <p>A teacher that {@linkplain Teacher#needsFeedback() learns from the student's progress} with
 * a student that does not {@linkplain Student#measuresFeedback() measure it} is refused here,
 * before training, naming both.
 */
public final class TeacherStudentMethod implements TrainingMethod {

    private final Teacher teacher;
    private final Student student;
    private final List<Phase> phases = new ArrayList<>();

    TeacherStudentMethod(TeacherStudentConfig config, MethodContext context) {
        PseudoLabelStrategy strategy = config.pseudoLabels().create();
        TeacherConfig teacherConfig = config.teacher();
        Teacher first = null;
        if (teacherConfig != null && teacherConfig.ownsNetwork()) {
            first = under("teacher", () -> teacherConfig.create(new TeacherContext(context, null, strategy)));
        }
        student =
                under(
                        "student",
                        () ->
                                config.phases().get(0) instanceof PretrainConfig
                                                && config.student() instanceof DeferrableStudentConfig deferrable
                                        ? deferrable.deferred(context)
                                        : config.student().create(context));
        if (teacherConfig != null && first == null) {
            Student made = student;
            first = under("teacher", () -> teacherConfig.create(new TeacherContext(context, made, strategy)));
        }
        teacher = first;
        if (teacher != null && teacher.needsFeedback() && !student.measuresFeedback()) {
            throw new InvalidConfigException(
                    "student",
                    "teacher '"
                            + context.nameOf(teacherConfig)
                            + "' learns from the student's labeled loss before and after its"
                            + " update, but student '"
                            + context.nameOf(config.student())
                            + "' does not measure it"
                            + (config.student() instanceof CrossEntropyStudentConfig
                                    ? "; set student.measureFeedback: true"
                                    : ""));
        }
        for (int i = 0; i < config.phases().size(); i++) {
            PhaseConfig phaseConfig = config.phases().get(i);
            String path = "phases[" + i + "]";
            List<Phase> made =
                    under(path, () -> phaseConfig.create(new PhaseSetup(context, teacher, student, this::evaluated, path)));
            if (made.isEmpty()) {
                throw new IllegalStateException(
                        "phase type '" + context.nameOf(phaseConfig) + "' made no phase");
            }
            phases.addAll(made);
        }
    }

    /**
     * Runs a role's creation, naming the role's section in a config error it raises ({@code
     * teacher.path}), unless the error already names a section of the run ({@code train.}).
     */
    private static <T> T under(String section, java.util.function.Supplier<T> create) {
        try {
            return create.get();
        } catch (InvalidConfigException e) {
            if (e.field().startsWith("train.") || e.field().startsWith(section + ".") || e.field().startsWith(section + "[")) {
                throw e;
            }
            throw new InvalidConfigException(section + "." + e.field(), e.problem());
        }
    }

    @Override
    public List<Phase> phases() {
        return List.copyOf(phases);
    }

    /**
     * @return the result of the last phase that has one, else the student's evaluated network
     */
    @Override
    public Network evaluated() {
        for (int i = phases.size() - 1; i >= 0; i--) {
            Network result = phases.get(i).result();
            if (result != null) {
                return result;
            }
        }
        return student.evaluated();
    }

    /**
     * Saves the state the roles and phases keep outside their networks (a feedback baseline, a
     * round's sampler).
     *
     * @param state where to write
     */
    @Override
    public void saveState(StateWriter state) {
        if (teacher != null) {
            teacher.saveState(state.under("teacher."));
        }
        student.saveState(state.under("student."));
        for (int i = 0; i < phases.size(); i++) {
            phases.get(i).saveState(state.under("phase" + i + "."));
        }
    }

    @Override
    public void restoreState(StateReader state) {
        if (teacher != null) {
            teacher.restoreState(state.under("teacher."));
        }
        student.restoreState(state.under("student."));
        for (int i = 0; i < phases.size(); i++) {
            phases.get(i).restoreState(state.under("phase" + i + "."));
        }
    }
}
