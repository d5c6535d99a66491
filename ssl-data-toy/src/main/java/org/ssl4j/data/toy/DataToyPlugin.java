package org.ssl4j.data.toy;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

/** The {@code data-toy} plugin: the {@code two-moons} data source. */
@AutoService(Ssl4jPlugin.class)
public final class DataToyPlugin implements Ssl4jPlugin {

    /** Creates the plugin; does no work. */
    public DataToyPlugin() {}

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "data-toy";
    }

    /** {@inheritDoc} */
    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** {@inheritDoc} */
    @Override
    public List<Component<DataSourceConfig>> dataSources() {
        return List.of(
                Component.of(
                        "two-moons",
                        TwoMoonsConfig.class,
                        "two interleaved half circles in 2-D with a few labels (the MPL toy)"));
    }
}
