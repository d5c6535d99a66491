package org.ssl4j.mpl;

import java.util.List;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.testkit.ConfigSample;
import org.ssl4j.testkit.PluginContractTest;

/**
 * The MPL presets (Reduced MPL included), the meta teacher and the soft-exact phase pass the plugin contract of the test kit, with the kit's {@code
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
                        .withUnsetDefaults("maxGradNorm", "largeTeacher", "largeTeacherSteps"));
    }

    /**
     * The kit's compositions (the meta teacher teaching the kit's student), the meta teacher with
     * soft labels and an EMA-evaluated student, written out; Reduced MPL written out with a
     * sampled strategy; and the meta teacher pretrained before MPL. The phase {@code soft-exact}
     * works with the meta teacher only, so it is sampled by the preset that expands to it.
     */
    @Override
    protected List<ConfigSample> compositions() {
        List<ConfigSample> compositions = new java.util.ArrayList<>(super.compositions());
        compositions.addAll(List.of(
                ConfigSample.of(
                        MethodConfig.class,
                        "{\"type\": \"teacher-student\", \"teacher\": {\"type\": \"meta\", " + NETWORK + ","
                                + " \"largeTeacher\": {" + NETWORK + "}, \"largeTeacherSteps\": 2},"
                                + " \"student\": {\"type\": \"cross-entropy\", "
                                + NETWORK + ", \"view\": \"strong\", \"labeledLoss\": false, \"measureFeedback\": true},"
                                + " \"pseudoLabels\": {\"type\": \"sampled\"},"
                                + " \"phases\": [{\"type\": \"pretrain\", \"name\": \"large-teacher\"},"
                                + " {\"type\": \"teach-and-learn\", \"name\": \"mpl\"}]}"),
                ConfigSample.of(
                        MethodConfig.class,
                        "{\"type\": \"teacher-student\", \"teacher\": {\"type\": \"meta\", " + NETWORK + "},"
                                + " \"student\": {\"type\": \"cross-entropy\", " + NETWORK + ", \"view\": \"strong\","
                                + " \"labeledLoss\": false, \"measureFeedback\": true},"
                                + " \"phases\": [{\"type\": \"pretrain\", \"steps\": 2}, {\"type\": \"teach-and-learn\"}]}"),
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
