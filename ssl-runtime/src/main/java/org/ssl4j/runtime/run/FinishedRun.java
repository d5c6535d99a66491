package org.ssl4j.runtime.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A finished SSL4J run, read from its folder, as a source of trained networks: to start a new
 * network from one of them ({@code backbone.initFrom}) or to use one as it is.
 *
 * <p>What it reads: {@code summary.json} (written only when a run finishes: the number of steps
 * and the evaluated network), {@code config.yaml} (the resolved config), and the checkpoint
 * written after the last step ({@code checkpoints/step-N.ckpt}, CRC-checked): it holds every
 * network that was live at the end with each parameter by its block path, shape and data type,
 * so parameters are matched by name and shape whatever the architecture. (The {@code model/}
 * and {@code networks/} files are DJL's format, which only a block of the same structure can
 * read, so a mismatch could not be named there.) A network released before the end (Reduced
 * MPL's large teacher) is not in the checkpoint and cannot be read.
 *
 * <pre>{@code
 * FinishedRun run = FinishedRun.open(Path.of("runs/moons/supervised/seed-1"));
 * run.networks();                        // [student]
 * try (NDManager scratch = manager.newSubManager()) {
 *     Map<String, NDArray> values = run.parametersFor("student", block, scratch);  // checked
 *     ...                                // copy them into the block's parameters
 * }
 * }</pre>
 */
public final class FinishedRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NETWORKS = "run.networks";

    private final Path folder;
    private final long steps;
    private final String evaluated;
    private final String config;
    private final Path checkpointFile;
    private final CheckpointFile checkpoint;
    private final List<String> networks;

    private FinishedRun(
            Path folder, long steps, String evaluated, String config, Path checkpointFile, CheckpointFile checkpoint) {
        this.folder = folder;
        this.steps = steps;
        this.evaluated = evaluated;
        this.config = config;
        this.checkpointFile = checkpointFile;
        this.checkpoint = checkpoint;
        this.networks = List.of(checkpoint.getString(NETWORKS).split(","));
    }

    /**
     * A reference to a network of a finished run, as configs write it: {@code RUN_DIR} or {@code
     * RUN_DIR:network}.
     *
     * @param folder the run folder
     * @param network the network's name, or null for the network the run evaluated
     */
    public record Reference(Path folder, String network) {

        /**
         * Parses {@code RUN_DIR[:network]}. The part after the last {@code :} is a network name
         * when it holds no path separator (so {@code C:\runs\x} stays a folder).
         *
         * @param text the reference
         * @return the folder and the network (null when not named)
         */
        public static Reference parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon > 0 && colon < text.length() - 1) {
                String name = text.substring(colon + 1);
                if (!name.contains("/") && !name.contains("\\")) {
                    return new Reference(Path.of(text.substring(0, colon)), name);
                }
            }
            return new Reference(Path.of(text), null);
        }
    }

    /**
     * Opens a finished run.
     *
     * @param folder the run's folder (for {@code compare}, one method's seed: {@code
     *     OUT/METHOD/seed-N})
     * @return the run
     * @throws IllegalArgumentException when the folder is missing, holds no finished run (naming
     *     the run folders below it, for a comparison's folder), or its last checkpoint is
     *     missing or damaged
     */
    public static FinishedRun open(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("no such run folder: " + folder);
        }
        Path summary = folder.resolve(RunFolder.SUMMARY);
        if (!Files.isRegularFile(summary)) {
            List<Path> below = runsBelow(folder);
            throw new IllegalArgumentException(folder + " holds no finished run (no " + RunFolder.SUMMARY
                    + (below.isEmpty()
                            ? "; a run writes it when it ends: resume a stopped run first)"
                            : "); the finished runs below it: "
                                    + String.join(", ", below.stream().map(Path::toString).toList())));
        }
        try {
            JsonNode tree = JSON.readTree(summary.toFile());
            long steps = tree.path("steps").asLong(-1);
            String evaluated = tree.path("network").asText(null);
            if (steps < 0 || evaluated == null) {
                throw new IllegalArgumentException(summary + " lacks the run's steps or network");
            }
            Path checkpointFile = new Checkpoints(folder.resolve(RunFolder.CHECKPOINTS)).file(steps);
            if (!Files.isRegularFile(checkpointFile)) {
                throw new IllegalArgumentException("the run in " + folder + " has no checkpoint of its last step "
                        + steps + " (" + checkpointFile + "), which holds its networks");
            }
            CheckpointFile checkpoint;
            try {
                checkpoint = CheckpointFile.read(checkpointFile);
            } catch (CorruptCheckpointException | UncheckedIOException e) {
                throw new IllegalArgumentException("the run's last checkpoint is unusable: " + e.getMessage(), e);
            }
            Path configFile = folder.resolve(RunFolder.CONFIG);
            String config = Files.isRegularFile(configFile)
                    ? Files.readString(configFile, StandardCharsets.UTF_8)
                    : checkpoint.getString("run.config");
            return new FinishedRun(folder, steps, evaluated, config, checkpointFile, checkpoint);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the run in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the parameters a reference names for a block: {@link Reference#parse}, {@link #open},
     * {@link #parametersFor}. This is how the network factory loads {@code initFrom}.
     *
     * @param reference {@code RUN_DIR} or {@code RUN_DIR:network}
     * @param target the block whose parameters they are meant for (already initialised)
     * @param manager where the arrays are created; the caller closes it
     * @return the arrays by the block's parameter names
     * @throws IllegalArgumentException for anything missing or not fitting, named
     */
    public static Map<String, NDArray> parameters(String reference, Block target, NDManager manager) {
        Reference source = Reference.parse(reference);
        return open(source.folder()).parametersFor(source.network(), target, manager);
    }

    /**
     * @return the run's folder
     */
    public Path folder() {
        return folder;
    }

    /**
     * @return the global steps the run trained
     */
    public long steps() {
        return steps;
    }

    /**
     * @return the name of the network the run evaluated and saved under {@code model/}
     */
    public String evaluatedNetwork() {
        return evaluated;
    }

    /**
     * @return the networks live at the run's end, in creation order
     */
    public List<String> networks() {
        return networks;
    }

    /**
     * @return the run's resolved config, as its {@code config.yaml} holds it
     */
    public String config() {
        return config;
    }

    /**
     * @param network a network's name, or null for {@link #evaluatedNetwork()}
     * @return the name
     * @throws IllegalArgumentException when the run has no such network, naming the ones it has
     */
    public String network(String network) {
        String name = network == null ? evaluated : network;
        if (!networks.contains(name)) {
            throw new IllegalArgumentException("the run in " + folder + " has no network '" + name
                    + "'; its networks: " + String.join(", ", networks));
        }
        return name;
    }

    /**
     * Reads a network's parameters for a block, checking that they fit it: every parameter of the
     * block is in the run with the same shape and data type, and the run's network has no other.
     *
     * @param network the network's name, or null for {@link #evaluatedNetwork()}
     * @param target the block whose parameters they are meant for (already initialised)
     * @param manager where the arrays are created; the caller closes it
     * @return the arrays by the block's parameter names, in the block's order
     * @throws IllegalArgumentException when the run has no such network, or naming the first
     *     parameter that is missing, extra, or of another shape or type
     */
    public Map<String, NDArray> parametersFor(String network, Block target, NDManager manager) {
        String name = network(network);
        String prefix = "network." + name + ".param.";
        List<String> saved = new ArrayList<>();
        for (String key : checkpoint.keys()) {
            if (key.startsWith(prefix)) {
                saved.add(key.substring(prefix.length()));
            }
        }
        String where = "network '" + name + "' of " + folder;
        Map<String, NDArray> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : target.getParameters()) {
            String parameter = pair.getKey();
            NDArray mine = pair.getValue().getArray();
            if (!saved.remove(parameter)) {
                throw new IllegalArgumentException("parameter '" + parameter + "' " + mine.getShape()
                        + " is not in " + where + " (another architecture? its parameters: "
                        + String.join(", ", parameterNames(prefix)) + ")");
            }
            NDArray theirs = checkpoint.getArray(prefix + parameter, manager);
            if (!theirs.getShape().equals(mine.getShape()) || theirs.getDataType() != mine.getDataType()) {
                throw new IllegalArgumentException("parameter '" + parameter + "' is " + mine.getShape() + " "
                        + mine.getDataType() + " here, " + theirs.getShape() + " " + theirs.getDataType()
                        + " in " + where);
            }
            values.put(parameter, theirs);
        }
        if (!saved.isEmpty()) {
            throw new IllegalArgumentException(where + " has parameter '" + saved.get(0)
                    + "', which this network lacks (another architecture?)");
        }
        return values;
    }

    @Override
    public String toString() {
        return "finished run " + folder + " (" + steps + " steps, networks " + networks + ", " + checkpointFile + ")";
    }

    private List<String> parameterNames(String prefix) {
        return checkpoint.keys().stream()
                .filter(k -> k.startsWith(prefix))
                .map(k -> k.substring(prefix.length()))
                .toList();
    }

    private static List<Path> runsBelow(Path folder) {
        try (Stream<Path> walk = Files.walk(folder, 3)) {
            return walk.filter(p -> Files.isRegularFile(p.resolve(RunFolder.SUMMARY)))
                    .sorted()
                    .limit(10)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
