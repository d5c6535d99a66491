package org.ssl4j.runtime.run;

import ai.djl.Model;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The folder of one run and the files in it:
 *
 * <pre>
 * config.yaml          the resolved config (every default filled in)
 * metrics.jsonl        one JSON object per logged step and per evaluation
 * model/NAME-0000.params     the evaluated network, in DJL's format (Model.load)
 * networks/NAME-0000.params  every network of the method, in DJL's format
 * summary.json         result and provenance
 * checkpoints/step-NNNNNNNNNN.ckpt   the newest checkpoints ({@link Checkpoints})
 * </pre>
 */
public final class RunFolder {

    /** Name of the resolved config file. */
    public static final String CONFIG = "config.yaml";
    /** Name of the metrics file. */
    public static final String METRICS = "metrics.jsonl";
    /** Name of the summary file. */
    public static final String SUMMARY = "summary.json";
    /** Folder of the evaluated network. */
    public static final String MODEL = "model";
    /** Folder of all networks. */
    public static final String NETWORKS = "networks";
    /** Folder of the checkpoints. */
    public static final String CHECKPOINTS = "checkpoints";

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    /**
     * Creates the folder (and its parents) if needed.
     *
     * @param root the run folder
     * @throws UncheckedIOException when it cannot be created
     */
    public RunFolder(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder " + root, e);
        }
    }

    /**
     * @return the folder
     */
    public Path root() {
        return root;
    }

    /**
     * @return the metrics file's path
     */
    public Path metricsFile() {
        return root.resolve(METRICS);
    }

    /**
     * @return the run's checkpoints
     */
    public Checkpoints checkpoints() {
        return new Checkpoints(root.resolve(CHECKPOINTS));
    }

    /**
     * @return the resolved config's path
     */
    public Path configFile() {
        return root.resolve(CONFIG);
    }

    /**
     * @param yaml the resolved config
     */
    public void writeConfig(String yaml) {
        writeAtomically(root.resolve(CONFIG), yaml.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param summary an object Jackson can write (records, maps, lists)
     */
    public void writeSummary(Object summary) {
        try {
            writeAtomically(root.resolve(SUMMARY), JSON.writeValueAsBytes(summary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + SUMMARY + " in " + root, e);
        }
    }

    /**
     * Saves a network's parameters as {@code folder/NAME-0000.params}, loadable with DJL's {@code
     * Model.load(folder, NAME)} into a block of the same architecture.
     *
     * @param folder {@link #MODEL} or {@link #NETWORKS}
     * @param name the network's name
     * @param block the network's block
     * @return the folder the file was written to
     */
    public Path saveParameters(String folder, String name, Block block) {
        Path dir = root.resolve(folder);
        try (Model model = Model.newInstance(name)) {
            Files.createDirectories(dir);
            model.setBlock(block);
            model.save(dir, name);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save network '" + name + "' in " + dir, e);
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
