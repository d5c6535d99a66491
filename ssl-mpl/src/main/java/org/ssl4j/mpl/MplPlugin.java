package org.ssl4j.mpl;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.PseudoLabelStrategyConfig;

/** The {@code mpl} plugin: Meta Pseudo Labels and its Reduced variant, and sampled labels. */
@AutoService(Ssl4jPlugin.class)
public final class MplPlugin implements Ssl4jPlugin {

    /** Creates the plugin; does no work. */
    public MplPlugin() {}

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "mpl";
    }

    /** {@inheritDoc} */
    @Override
    public String version() {
        return "0.1.0";
    }

    /** {@inheritDoc} */
    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** {@inheritDoc} */
    @Override
    public List<Component<MethodConfig>> methods() {
        return List.of(
                Component.of(
                        "mpl",
                        MplConfig.class,
                        "Meta Pseudo Labels: a teacher learns from the student's labeled-loss"
                                + " feedback (hard or exact soft), optional finetune phase"),
                Component.of(
                        "reduced-mpl",
                        ReducedMplConfig.class,
                        "Reduced MPL: a large teacher trained first, its predictions stored and the"
                                + " teacher freed; a small teacher over them learns with the student"));
    }

    /** {@inheritDoc} */
    @Override
    public List<Component<PseudoLabelStrategyConfig>> pseudoLabelStrategies() {
        return List.of(
                Component.of(
                        "sampled",
                        SampledLabelsConfig.class,
                        "a class drawn from the temperature-scaled softmax, no mask"));
    }
}
