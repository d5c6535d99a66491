package org.ssl4j.models.torchscript;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.plugin.SpiVersion;

/** The {@code models-torchscript} plugin: the {@code torchscript} backbone. */
@AutoService(Ssl4jPlugin.class)
public final class TorchScriptPlugin implements Ssl4jPlugin {

    /** Creates the plugin; does no work. */
    public TorchScriptPlugin() {}

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "models-torchscript";
    }


    /** {@inheritDoc} */
    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** {@inheritDoc} */
    @Override
    public List<Component<BackboneConfig>> backbones() {
        return List.of(Component.of(
                "torchscript",
                TorchScriptConfig.class,
                "a network scripted or traced in PyTorch (a .pt file), trained from the file's parameters"));
    }
}
