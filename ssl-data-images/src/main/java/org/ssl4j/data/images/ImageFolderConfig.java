package org.ssl4j.data.images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.data.SslData;

/**
 * The {@code image-folder} data source: image files sorted into one sub-folder per class,
 * {@code directory/train/<class>/*.png|jpg|jpeg} and {@code directory/test/<class>/...}, read
 * with {@code javax.imageio}. The classes are the sub-folders of
 * {@code train}, sorted by name; {@code test} may leave some out but may not add any. All images
 * must have the same size. An 8-bit grey image gives its grey values (repeated in R, G and B
 * for 3 channels); any other image gives its sRGB colours, and for 1 channel the luma {@code
 * round(0.299 R + 0.587 G + 0.114 B)}; transparency is ignored. The files must be on this
 * machine; nothing is downloaded.
 *
 * <p>Splits are made as {@link SplitSettings} describes; example shape {@code (channels, height,
 * width)}.
 *
 * @param directory the folder holding {@code train} and {@code test}; required
 * @param channels 3 to read RGB, 1 to read grey; default 3
 * @param labeledPerClass see {@link SplitSettings}; required
 * @param validationPerClass see {@link SplitSettings}; default 0
 * @param normalize see {@link SplitSettings}; default true
 */
public record ImageFolderConfig(
        String directory,
        Integer channels,
        Integer labeledPerClass,
        Integer validationPerClass,
        Boolean normalize)
        implements DataSourceConfig {

    /** Applies the defaults and checks the directory, the channels and the split settings. */
    public ImageFolderConfig {
        Checks.required("directory", directory);
        channels = channels == null ? 3 : channels;
        if (channels != 1 && channels != 3) {
            throw new InvalidConfigException(
                    "channels", "must be 1 (grey) or 3 (RGB), got " + channels);
        }
        SplitSettings split = new SplitSettings(labeledPerClass, validationPerClass, normalize);
        validationPerClass = split.validationPerClass();
        normalize = split.normalize();
    }

    /**
     * @return the shared split fields
     */
    public SplitSettings splitSettings() {
        return new SplitSettings(labeledPerClass, validationPerClass, normalize);
    }

    /**
     * Reads every image and makes the splits in {@code context.manager()}.
     *
     * @param context the seed and the run's manager
     * @return the splits, classes named after the training sub-folders
     * @throws IOException when a folder is missing or a file is malformed ({@link
     *     DataFileException})
     */
    @Override
    public SslData load(DataContext context) throws IOException {
        Path root = DataFiles.requireDirectory(Path.of(directory), "");
        Path trainFolder = DataFiles.requireDirectory(root.resolve("train"), "");
        Path testFolder = DataFiles.requireDirectory(root.resolve("test"), "");
        List<String> classNames = ImageFolderReader.classNames(trainFolder);
        ImageFolderReader reader = new ImageFolderReader(channels);
        ImageSet train = reader.read(trainFolder, classNames);
        ImageSet test = reader.read(testFolder, classNames);
        return ImageSplitter.split(
                "image-folder (" + root + ")", train, test, classNames, splitSettings(), context);
    }
}
