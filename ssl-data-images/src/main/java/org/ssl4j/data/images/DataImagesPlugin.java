package org.ssl4j.data.images;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;

/**
 * The {@code data-images} plugin: the {@code fashion-mnist}, {@code mnist}, {@code idx}, {@code
 * cifar-10} and {@code image-folder} data sources.
 */
@AutoService(Ssl4jPlugin.class)
public final class DataImagesPlugin implements Ssl4jPlugin {

    /** Creates the plugin; does no work. */
    public DataImagesPlugin() {}

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "data-images";
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
                        "fashion-mnist",
                        FashionMnistConfig.class,
                        "Fashion-MNIST 28x28 grey clothing images, 10 classes, from local IDX"
                                + " files"),
                Component.of(
                        "mnist",
                        MnistConfig.class,
                        "MNIST 28x28 grey digits, 10 classes, from local IDX files"),
                Component.of(
                        "idx",
                        IdxConfig.class,
                        "grey images from four local IDX files (the MNIST format)"),
                Component.of(
                        "cifar-10",
                        Cifar10Config.class,
                        "CIFAR-10 32x32 colour images, 10 classes, from the local binary"
                                + " batches"),
                Component.of(
                        "image-folder",
                        ImageFolderConfig.class,
                        "PNG/JPEG files in train/<class>/ and test/<class>/ folders"));
    }
}
