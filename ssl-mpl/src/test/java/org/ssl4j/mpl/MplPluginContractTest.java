package org.ssl4j.mpl;

import java.util.List;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;
import org.ssl4j.api.role.StudentConfig;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.testkit.ConfigSample;
import org.ssl4j.testkit.PluginContractTest;

/**
 * The MPL presets (Reduced MPL included), the meta teacher, the deferred student, the phases and
 * the sampled strategy pass the plugin contract of the test kit, with the kit's {@code
 * testkit-mlp} backbone and {@code testkit-sgd} optimizer. The pseudo-label strategy (hard when
 * absent) and the finetune phase (none when absent) stay null when left out.
 */
class MplPluginContractTest extends PluginContractTest {

    private static final String NETWORK =
            "\"backbone\": {\"type\": \"testkit-mlp\"}, \"optimizer\": {\"type\": \"testkit-sgd\"}";

    @Override
    protected Class<? extends Ssl4jPlugin> pluginClass() {
        return MplPlugin.class;
    }

    @Override
    protected List<ConfigSample> samples() {
        return List.of(
                ConfigSample.of(MethodConfig.class, "{\"type\": \"mpl\", \"teacher\": {" + NETWORK + "}}")
                        .withUnsetDefaults("pseudoLabels", "finetune"),
                ConfigSample.of(
                                MethodConfig.class,
                                "{\"type\": \"mpl\", \"teacher\": {" + NETWORK + ", \"maxGradNorm\": 5},"
                                        + " \"student\": {\"ema\": 0.9, \"waitSteps\": 1, \"maxGradNorm\": 5},"
                                        + " \"pseudoLabels\": {\"type\": \"sampled\"},"
                                        + " \"feedback\": {\"baselineRate\": 0.01},"
                                        + " \"finetune\": {\"steps\": 2, \"optimizer\": {\"type\": \"testkit-sgd\"}}}")
                        .withUnsetDefaults("pseudoLabels", "finetune"),
                ConfigSample.of(
                                MethodConfig.class,
                                "{\"type\": \"mpl\", \"teacher\": {" + NETWORK + "},"
                                        + " \"feedback\": {\"variant\": \"soft-exact\"}}")
                        .withUnsetDefaults("pseudoLabels", "finetune"),
                ConfigSample.of(
                                MethodConfig.class,
                                "{\"type\": \"reduced-mpl\", \"largeTeacher\": {" + NETWORK + "},"
                                        + " \"largeTeacherSteps\": 2, \"reducedTeacher\": {" + NETWORK + "}}")
                        .withUnsetDefaults("pseudoLabels"),
                ConfigSample.of(TeacherConfig.class, "{\"type\": \"meta\", " + NETWORK + "}")
                        .withUnsetDefaults("maxGradNorm", "largeTeacher", "largeTeacherSteps"),
                ConfigSample.of(StudentConfig.class, "{\"type\": \"deferred\", \"student\": {\"type\": \"cross-entropy\", " + NETWORK + "}}"),
                ConfigSample.of(PseudoLabelStrategyConfig.class, "{\"type\": \"sampled\"}"));
    }

    /**
     * The kit's compositions (the meta teacher teaching the kit's student, the deferred student
     * alone), the meta teacher with soft labels and an EMA-evaluated student, written out; and
     * Reduced MPL written out with a sampled strategy. The phases {@code soft-exact}, {@code
     * large-teacher} and {@code reduced-teach-and-learn} work with the meta teacher only, so they
     * are sampled by the presets that expand to them and by these compositions.
     */
    @Override
    protected List<ConfigSample> compositions() {
        List<ConfigSample> compositions = new java.util.ArrayList<>(super.compositions());
        compositions.addAll(List.of(
                ConfigSample.of(
                        MethodConfig.class,
                        "{\"type\": \"teacher-student\", \"teacher\": {\"type\": \"meta\", " + NETWORK + ","
                                + " \"largeTeacher\": {" + NETWORK + "}, \"largeTeacherSteps\": 2},"
                                + " \"student\": {\"type\": \"deferred\", \"student\": {\"type\": \"cross-entropy\", "
                                + NETWORK + ", \"view\": \"strong\", \"labeledLoss\": false, \"measureFeedback\": true}},"
                                + " \"pseudoLabels\": {\"type\": \"sampled\"},"
                                + " \"phases\": [{\"type\": \"large-teacher\"}, {\"type\": \"reduced-teach-and-learn\"}]}"),
                ConfigSample.of(
                        MethodConfig.class,
                        "{\"type\": \"teacher-student\", \"teacher\": {\"type\": \"meta\", " + NETWORK + "},"
                                + " \"student\": {\"type\": \"cross-entropy\", " + NETWORK + ", \"view\": \"strong\","
                                + " \"labeledLoss\": false, \"measureFeedback\": true, \"ema\": 0.9},"
                                + " \"pseudoLabels\": {\"type\": \"soft\"},"
                                + " \"phases\": [{\"type\": \"teach-and-learn\", \"name\": \"mpl\"}]}")));
        return compositions;
    }
}
