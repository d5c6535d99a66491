package org.ssl4j.runtime.preview;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.Augmentation;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.SslData;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.network.EngineOps;

/**
 * Renders a PNG grid of a config's augmentations, so a person can look at them: one column per
 * example, rows for the original, the weak view and the strong view. Each image is scaled to
 * its own minimum and maximum, so normalised data shows as it would on screen.
 */
public final class ViewGrid {

    private static final int GAP = 2;

    private ViewGrid() {}

    /**
     * Loads the config's data (first seed), draws {@code count} unlabeled examples, makes their
     * views with the config's augmentations, and writes the grid.
     *
     * @param config the config (its data must be images: examples of shape (C, H, W), C 1 or 3)
     * @param count examples to show
     * @param scale pixels per data pixel
     * @param png the file to write
     * @throws IOException when the data cannot be read or the file written
     */
    public static void write(RunConfig config, int count, int scale, Path png) throws IOException {
        long seed = config.seeds().get(0);
        boolean previous = EngineOps.setGradMode(false);
        Engine.getInstance().setRandomSeed((int) seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config.data().load(new DataContext(seed, manager));
            Shape shape = data.spec().exampleShape();
            if (shape.dimension() != 3 || (shape.get(0) != 1 && shape.get(0) != 3)) {
                throw new InvalidConfigException(
                        "data", "preview needs images of shape (1 or 3, H, W), got " + shape);
            }
            Random random = new Random(seed);
            long size = data.unlabeled().size();
            long[] indices = new long[(int) Math.min(count, size)];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = (long) (random.nextDouble() * size);
            }
            NDArray clean = data.unlabeled().getByIndices(manager, indices).getData().singletonOrThrow();
            NDArray[] rows = {
                clean,
                view(config.augment().weak(), data, clean, random),
                view(config.augment().strong(), data, clean, random)
            };
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(render(rows, shape, scale), "png", png.toFile());
        } finally {
            EngineOps.setGradMode(previous);
        }
    }

    private static NDArray view(AugmentationConfig config, SslData data, NDArray clean, Random random) {
        if (config == null) {
            return clean;
        }
        Augmentation augmentation = config.create(data.spec());
        return augmentation.apply(clean, random);
    }

    private static BufferedImage render(NDArray[] rows, Shape shape, int scale) {
        int channels = (int) shape.get(0);
        int height = (int) shape.get(1);
        int width = (int) shape.get(2);
        int columns = (int) rows[0].getShape().get(0);
        int cellW = width * scale + GAP;
        int cellH = height * scale + GAP;
        BufferedImage image = new BufferedImage(columns * cellW, rows.length * cellH, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows.length; r++) {
            float[] values = rows[r].toFloatArray();
            int perImage = channels * height * width;
            for (int c = 0; c < columns; c++) {
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < perImage; i++) {
                    min = Math.min(min, values[c * perImage + i]);
                    max = Math.max(max, values[c * perImage + i]);
                }
                float range = max > min ? max - min : 1f;
                for (int y = 0; y < height * scale; y++) {
                    for (int x = 0; x < width * scale; x++) {
                        int pixel = (y / scale) * width + x / scale;
                        int[] rgb = new int[3];
                        for (int k = 0; k < 3; k++) {
                            int channel = channels == 1 ? 0 : k;
                            float v = values[c * perImage + channel * height * width + pixel];
                            rgb[k] = Math.round(255 * (v - min) / range);
                        }
                        image.setRGB(c * cellW + x, r * cellH + y, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
                    }
                }
            }
        }
        return image;
    }
}
