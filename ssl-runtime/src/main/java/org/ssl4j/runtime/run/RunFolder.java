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
import org.ssl4j.api.method.Artifacts;

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
 * pseudo-labels/NAME   pseudo-label sets a method hands over ({@link #artifacts()})
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
    /** Folder of the pseudo-label sets ({@link Artifacts.Kind#PSEUDO_LABELS}). */
    public static final String PSEUDO_LABELS = "pseudo-labels";

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
     * Opens the folder of an earlier run, creating nothing.
     *
     * @param root a folder a run wrote
     * @return the folder
     * @throws IllegalArgumentException when {@code root} does not exist, is not a folder, or
     *     holds no {@value #CONFIG}
     */
    public static RunFolder existing(Path root) {
        if (!Files.exists(root)) {
            throw new IllegalArgumentException(root + " does not exist: give the folder of a run to resume");
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a folder: give the folder of a run to resume");
        }
        if (!Files.isRegularFile(root.resolve(CONFIG))) {
            throw new IllegalArgumentException(root + " is not a run folder: it has no " + CONFIG);
        }
        return new RunFolder(root);
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

    /**
     * Where a method's phases hand their files: {@link Artifacts.Kind#PSEUDO_LABELS} go to
     * {@value #PSEUDO_LABELS}{@code /NAME}, written to a temporary file and renamed, so a reader
     * never sees half a file.
     *
     * @return the run's artifacts
     */
    public Artifacts artifacts() {
        return (kind, name, text) -> {
            checkArtifactName(name);
            String folder =
                    switch (kind) {
                        case PSEUDO_LABELS -> PSEUDO_LABELS;
                    };
            writeAtomically(root.resolve(folder).resolve(name), text.getBytes(StandardCharsets.UTF_8));
        };
    }

    private static void checkArtifactName(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("an artifact needs a file name, got '" + name + "'");
        }
        for (char c : name.toCharArray()) {
            if (c == '/' || c == '\\' || Character.isISOControl(c)) {
                throw new IllegalArgumentException(
                        "artifact name '" + name + "' must be a plain file name, without path separators or control characters");
            }
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
