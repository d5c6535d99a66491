package org.ssl4j.data.tabular;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.plugin.SpiVersion;

/**
 * The {@code data-tabular} plugin: the {@code csv} data source and the table augmentations
 * {@code feature-dropout} and {@code swap-noise} (Gaussian noise, the third view for tables, is
 * {@code gaussian-noise} of {@code ssl-augment}).
 */
@AutoService(Ssl4jPlugin.class)
public final class TabularPlugin implements Ssl4jPlugin {

    /** Creates the plugin; does no work. */
    public TabularPlugin() {}

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "data-tabular";
    }


    /** {@inheritDoc} */
    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** {@inheritDoc} */
    @Override
    public List<Component<DataSourceConfig>> dataSources() {
        return List.of(Component.of(
                "csv",
                CsvConfig.class,
                "a CSV table: numeric and categorical columns, a label column (empty = unlabeled), a test file or share"));
    }

    /** {@inheritDoc} */
    @Override
    public List<Component<AugmentationConfig>> augmentations() {
        return List.of(
                Component.of("feature-dropout", FeatureDropoutConfig.class,
                        "sets each value to 0 (the standardised mean) with probability p"),
                Component.of("swap-noise", SwapNoiseConfig.class,
                        "replaces each value with probability p by the same column's value in another row of the batch"));
    }
}
