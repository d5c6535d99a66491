package org.ssl4j.runtime.preview;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.SslData;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.network.EngineOps;
import org.ssl4j.runtime.result.CompareResult;
import org.ssl4j.runtime.result.TrainResult;
import org.ssl4j.runtime.result.TrainedModel;

/**
 * Draws the decision regions of each method of a comparison for one seed, for data of 2-D points
 * (like Two Moons and the Meta Pseudo Labels paper's figure 1): one panel per method, the
 * background tinted by the predicted class (paler where the model is less sure), the unlabeled
 * points as small grey dots and the labeled points as large dots in their class's colour.
 */
public final class BoundaryPlot {

    private static final int PANEL = 320;
    private static final int TITLE = 24;
    private static final int GAP = 8;
    private static final Color[] CLASS_COLOURS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
    };

    private BoundaryPlot() {}

    /**
     * Writes the plot.
     *
     * @param config the compared config (its data are loaded again for {@code seed})
     * @param result the comparison, whose runs of {@code seed} are drawn in order
     * @param seed the seed to draw
     * @param png the file to write
     * @throws InvalidConfigException when the examples are not 2-D points or no run has the seed
     * @throws IOException when the data cannot be read or the file written
     */
    public static void write(RunConfig config, CompareResult result, long seed, Path png)
            throws IOException {
        List<TrainResult> runs = result.runs().stream().filter(r -> r.seed() == seed).toList();
        if (runs.isEmpty()) {
            throw new InvalidConfigException(
                    "seeds", "no run of the comparison has seed " + seed + "; seeds: " + config.seeds());
        }
        boolean previous = EngineOps.setGradMode(false);
        Engine.getInstance().setRandomSeed((int) seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            SslData data = config.data().load(new DataContext(seed, manager));
            if (data.spec().exampleShape().dimension() != 1 || data.spec().exampleShape().get(0) != 2) {
                throw new InvalidConfigException(
                        "data",
                        "decision boundaries need 2-D points, got examples of shape "
                                + data.spec().exampleShape());
            }
            float[][] unlabeled = points(data.unlabeled(), manager);
            float[][] labeled = points(data.labeled(), manager);
            int[] labels = labels(data.labeled(), manager);
            Bounds bounds = Bounds.around(unlabeled, labeled);
            BufferedImage image =
                    new BufferedImage(
                            runs.size() * (PANEL + GAP) - GAP, PANEL + TITLE, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < runs.size(); i++) {
                TrainResult run = runs.get(i);
                int left = i * (PANEL + GAP);
                try (TrainedModel model = run.loadModel()) {
                    drawRegions(image, model, bounds, left);
                }
                drawPoints(g, unlabeled, null, bounds, left, 2, Color.DARK_GRAY);
                drawPoints(g, labeled, labels, bounds, left, 7, null);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
                g.drawString(
                        String.format(Locale.ROOT, "%s  %.1f %%", run.method(), 100 * run.accuracy()),
                        left + 6,
                        PANEL + TITLE - 7);
            }
            g.dispose();
            Path parent = png.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            ImageIO.write(image, "png", png.toFile());
        } finally {
            EngineOps.setGradMode(previous);
        }
    }

    private static void drawRegions(BufferedImage image, TrainedModel model, Bounds bounds, int left) {
        float[][] grid = new float[PANEL * PANEL][];
        for (int y = 0; y < PANEL; y++) {
            for (int x = 0; x < PANEL; x++) {
                grid[y * PANEL + x] = new float[] {bounds.x(x, PANEL), bounds.y(y, PANEL)};
            }
        }
        float[][] probabilities = model.probabilities(grid);
        for (int p = 0; p < grid.length; p++) {
            int best = 0;
            for (int k = 1; k < probabilities[p].length; k++) {
                if (probabilities[p][k] > probabilities[p][best]) {
                    best = k;
                }
            }
            Color colour = CLASS_COLOURS[best % CLASS_COLOURS.length];
            float strength = 0.15f + 0.35f * probabilities[p][best];
            image.setRGB(left + p % PANEL, p / PANEL, tint(colour, strength));
        }
    }

    private static void drawPoints(
            Graphics2D g, float[][] points, int[] labels, Bounds bounds, int left, int size, Color fixed) {
        for (int i = 0; i < points.length; i++) {
            int x = left + bounds.column(points[i][0], PANEL) - size / 2;
            int y = bounds.row(points[i][1], PANEL) - size / 2;
            g.setColor(fixed != null ? fixed : CLASS_COLOURS[labels[i] % CLASS_COLOURS.length]);
            g.fillOval(x, y, size, size);
            if (fixed == null) {
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(1.5f));
                g.drawOval(x, y, size, size);
            }
        }
    }

    private static int tint(Color colour, float strength) {
        int r = Math.round(255 + (colour.getRed() - 255) * strength);
        int gr = Math.round(255 + (colour.getGreen() - 255) * strength);
        int b = Math.round(255 + (colour.getBlue() - 255) * strength);
        return r << 16 | gr << 8 | b;
    }

    private static float[][] points(ArrayDataset split, NDManager manager) {
        long[] all = new long[Math.toIntExact(split.size())];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        float[] flat = split.getByIndices(manager, all).getData().singletonOrThrow().toFloatArray();
        float[][] points = new float[all.length][];
        for (int i = 0; i < all.length; i++) {
            points[i] = new float[] {flat[2 * i], flat[2 * i + 1]};
        }
        return points;
    }

    private static int[] labels(ArrayDataset split, NDManager manager) {
        long[] all = new long[Math.toIntExact(split.size())];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        NDArray labels = split.getByIndices(manager, all).getLabels().singletonOrThrow();
        return labels.toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
    }

    /** The plotted square region of the plane. */
    private record Bounds(float minX, float minY, float span) {

        static Bounds around(float[][]... sets) {
            float minX = Float.MAX_VALUE;
            float minY = Float.MAX_VALUE;
            float maxX = -Float.MAX_VALUE;
            float maxY = -Float.MAX_VALUE;
            for (float[][] set : sets) {
                for (float[] p : set) {
                    minX = Math.min(minX, p[0]);
                    maxX = Math.max(maxX, p[0]);
                    minY = Math.min(minY, p[1]);
                    maxY = Math.max(maxY, p[1]);
                }
            }
            float span = Math.max(maxX - minX, maxY - minY) * 1.1f;
            float cx = (minX + maxX) / 2;
            float cy = (minY + maxY) / 2;
            return new Bounds(cx - span / 2, cy - span / 2, span);
        }

        float x(int column, int size) {
            return minX + span * (column + 0.5f) / size;
        }

        float y(int row, int size) {
            return minY + span * (size - row - 0.5f) / size;
        }

        int column(float x, int size) {
            return Math.round((x - minX) / span * size);
        }

        int row(float y, int size) {
            return Math.round(size - (y - minY) / span * size);
        }
    }
}
