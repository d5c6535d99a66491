package org.ssl4j.optim;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.model.ScheduleConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

/** The {@code optim} plugin: the {@code sgd} and {@code adam} optimizers and their schedules. */
@AutoService(Ssl4jPlugin.class)
public final class OptimPlugin implements Ssl4jPlugin {

    /** Creates the plugin; does no work. */
    public OptimPlugin() {}

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "optim";
    }

    /** {@inheritDoc} */
    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** {@inheritDoc} */
    @Override
    public List<Component<OptimizerConfig>> optimizers() {
        return List.of(
                Component.of(
                        "sgd",
                        SgdConfig.class,
                        "SGD as in PyTorch: momentum, Nesterov, L2 weight decay"),
                Component.of("adam", AdamConfig.class, "Adam (DJL's), L2 weight decay"));
    }

    /** {@inheritDoc} */
    @Override
    public List<Component<ScheduleConfig>> schedules() {
        return List.of(
                Component.of("constant", ConstantScheduleConfig.class, "a fixed learning rate"),
                Component.of(
                        "cosine",
                        CosineScheduleConfig.class,
                        "linear warm-up, then cosine decay to a fraction of the base rate"));
    }
}
