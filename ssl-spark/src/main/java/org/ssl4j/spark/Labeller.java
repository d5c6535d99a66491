package org.ssl4j.spark;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.result.TrainedModel;
import org.ssl4j.runtime.run.RunFolder;

/**
 * A finished run's network, loaded once per JVM (per executor on Spark, not per partition or
 * row) and shared by the tasks that run there: it labels batches of images, each forward pass in
 * an NDManager of its own that is closed after it ({@link TrainedModel#probabilities}). Tasks in
 * one JVM call it at once: a forward pass in evaluation mode changes nothing in the network, as
 * with DJL's predictors over one model.
 *
 * <p>Images are scaled to {@code [0, 1]} and standardised per channel as the run's data source
 * did: with the pool mean and standard deviation its summary records (4 decimals), or not at
 * all when it records "not normalized".
 */
final class Labeller {

    private static final Map<String, Labeller> LOADED = new ConcurrentHashMap<>();
    private static final Pattern STATISTICS = Pattern.compile("pool mean ([-0-9.e/]+), std ([-0-9.e/]+)");

    private final TrainedModel model;
    private final float[] mean;
    private final float[] std;
    private final long[] shape;

    private Labeller(TrainedModel model, float[] mean, float[] std, long[] shape) {
        this.model = model;
        this.mean = mean;
        this.std = std;
        this.shape = shape;
    }

    /**
     * @param runDir the finished run (path or Hadoop URI; copied to a local folder once when it is
     *     not on the local file system)
     * @param network its network, or null for the evaluated one
     * @param shape the images' {@code (C, H, W)}
     * @param conf Hadoop's settings
     * @return this JVM's labeller of that network
     */
    static Labeller of(String runDir, String network, long[] shape, Configuration conf) {
        String key = runDir + "|" + network + "|" + shape[0] + "x" + shape[1] + "x" + shape[2];
        return LOADED.computeIfAbsent(key, k -> load(runDir, network, shape, conf));
    }

    /**
     * Reads the run's summary: its class names and its data source's normalisation.
     *
     * @param runDir a local run folder
     * @return the summary's JSON
     * @throws IllegalArgumentException when the folder holds no finished run
     */
    static JsonNode summary(Path runDir) {
        Path file = runDir.resolve(RunFolder.SUMMARY);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(runDir + " holds no finished run (no " + RunFolder.SUMMARY + ")");
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param runDir a run folder, path or URI
     * @param conf Hadoop's settings
     * @return it on the local file system (a copy of the files prediction needs when it is not)
     */
    static Path local(String runDir, Configuration conf) {
        org.apache.hadoop.fs.Path path = HadoopFiles.qualify(runDir);
        if ("file".equals(path.toUri().getScheme())) {
            return Path.of(path.toUri());
        }
        FileSystem fs = HadoopFiles.fs(path, conf);
        try {
            Path copy = Files.createTempDirectory("ssl4j-teacher-");
            HadoopFiles.downloadFolder(fs, path, copy, RunFolder.CHECKPOINTS);
            String last = RunTask.newestCheckpoint(fs, new org.apache.hadoop.fs.Path(path, RunFolder.CHECKPOINTS));
            if (last != null) {
                HadoopFiles.download(fs, new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(path, RunFolder.CHECKPOINTS), last),
                        copy.resolve(RunFolder.CHECKPOINTS).resolve(last));
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + runDir + " here: " + e.getMessage(), e);
        }
    }

    private static Labeller load(String runDir, String network, long[] shape, Configuration conf) {
        Path local = local(runDir, conf);
        JsonNode summary = summary(local);
        List<String> classes = new ArrayList<>();
        summary.path("classNames").forEach(n -> classes.add(n.asText()));
        String data = summary.path("data").asText();
        int channels = (int) shape[0];
        float[] mean = new float[channels];
        float[] std = new float[channels];
        java.util.Arrays.fill(std, 1f);
        Matcher m = STATISTICS.matcher(data);
        if (m.find()) {
            String[] means = m.group(1).split("/");
            String[] stds = m.group(2).split("/");
            if (means.length != channels) {
                throw new IllegalArgumentException("the run in " + runDir + " was trained on " + means.length
                        + "-channel images; the input's have " + channels);
            }
            for (int c = 0; c < channels; c++) {
                mean[c] = Float.parseFloat(means[c]);
                std[c] = Float.parseFloat(stds[c]);
            }
        }
        DataSpec spec = new DataSpec(new Shape(shape), classes.size(), classes, "images to label");
        TrainedModel model = Ssl4j.create(Labeller.class.getClassLoader()).loadRun(local, network, spec);
        return new Labeller(model, mean, std, shape);
    }

    /**
     * @param pixels images in {@code [0, 1]}, {@code (C, H, W)} order
     * @return one row of class probabilities per image
     */
    float[][] probabilities(List<float[]> pixels) {
        int plane = (int) (shape[1] * shape[2]);
        float[][] batch = new float[pixels.size()][];
        for (int i = 0; i < batch.length; i++) {
            float[] x = pixels.get(i).clone();
            for (int p = 0; p < x.length; p++) {
                int c = p / plane;
                x[p] = (x[p] - mean[c]) / std[c];
            }
            batch[i] = x;
        }
        return model.probabilities(batch);
    }
}
