package org.ssl4j.steps;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.composition.PhaseConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;
import org.ssl4j.api.role.StudentConfig;

/**
 * The {@code steps} plugin: the components of the support library, which every composed method
 * uses: the {@code teacher-student} method, the {@code cross-entropy} student, the {@code
 * pretrain}, {@code teach-and-learn} and {@code finetune} phases and the {@code hard}, {@code
 * soft} and {@code sampled} pseudo-label strategies.
 */
@AutoService(Ssl4jPlugin.class)
public final class StepsPlugin implements Ssl4jPlugin {

    /** Creates the plugin; it does no work. */
    public StepsPlugin() {}

    @Override
    public String name() {
        return "steps";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<Component<MethodConfig>> methods() {
        return List.of(
                Component.of(
                        "teacher-student",
                        TeacherStudentConfig.class,
                        "a teacher, a student, a pseudo-label strategy and phases, each picked by config"));
    }

    @Override
    public List<Component<StudentConfig>> students() {
        return List.of(
                Component.of(
                        "cross-entropy",
                        CrossEntropyStudentConfig.class,
                        "labeled and pseudo-label cross-entropy, auxiliary terms; optional feedback, EMA, clipping"));
    }

    @Override
    public List<Component<PhaseConfig>> phases() {
        return List.of(
                Component.of(
                        "pretrain",
                        PretrainConfig.class,
                        "the teacher learns alone, from labeled data and its auxiliary losses, before the student exists"),
                Component.of(
                        "teach-and-learn",
                        TeachAndLearnConfig.class,
                        "the teacher labels, the student learns, the teacher learns from the student"),
                Component.of(
                        "finetune",
                        FinetuneConfig.class,
                        "a copy of the result trained on labeled data alone"));
    }

    @Override
    public List<Component<PseudoLabelStrategyConfig>> pseudoLabelStrategies() {
        return List.of(
                Component.of("hard", HardLabelsConfig.class, "argmax class, masked below a confidence threshold"),
                Component.of(
                        "soft",
                        SoftLabelsConfig.class,
                        "temperature-sharpened softmax, masked below a confidence threshold"),
                Component.of(
                        "sampled",
                        SampledLabelsConfig.class,
                        "a class drawn from the temperature-scaled softmax, no mask"));
    }
}
