package org.ssl4j.app.spark;

import java.util.concurrent.Callable;
import org.ssl4j.runtime.Ssl4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ssl4j label RUN_DIR --input PATH --out PATH [--spark MASTER]}, carried out by {@code ssl-spark}. */
@Command(
        name = "label",
        description = "Label unlabeled images with a finished run's network and write a Parquet table"
                + " (id, class, probabilities, confidence, teacherRun, round); in this process or on Spark.")
public final class LabelCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "A finished run's folder.")
    String runDir;

    @Option(names = "--network", paramLabel = "NAME", description = "The run's network that labels (default: the one it evaluated).")
    String network;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "An image folder, an IDX images file (.gz too) or a Parquet table (id, image: PNG/JPEG bytes).")
    String input;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "The Parquet table to write (a folder that must not exist).")
    String out;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "", paramLabel = "MASTER",
            description = "Label on Spark (local[N], spark://HOST:PORT, k8s://...; alone: spark-submit's master).")
    String master;

    @Option(names = "--round", defaultValue = "1", description = "The Noisy Student round the labels are for (default: ${DEFAULT-VALUE}).")
    int round;

    @Option(names = "--batch-size", defaultValue = "256", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--skip-corrupt", description = "Skip images that do not decode, and count them, instead of failing.")
    boolean skipCorrupt;

    @Option(names = "--noisy-student", paramLabel = "DIR",
            description = "Also write DIR/round-K.csv (K: --round), the file a noisy-student phase trains on with readPseudoLabels: DIR;"
                    + " the input must be the run's pool in order (e.g. its IDX training images).")
    String roundFolder;

    @Option(names = "--threshold", defaultValue = "0", description = "In that file, examples below this confidence get 0 copies (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Override
    public Integer call() {
        if (round < 0 || batchSize < 1 || threshold < 0 || threshold > 1) {
            throw new IllegalArgumentException("label: --round must be >= 0, --batch-size >= 1 and --threshold in [0, 1]");
        }
        if (roundFolder != null && round < 1) {
            throw new IllegalArgumentException("label: --noisy-student needs --round 1 or more (round-0 trains on the labels alone)");
        }
        SparkSupport.load().label(Ssl4j.create(),
                new LabelRequest(runDir, network, input, out, master, round, batchSize, skipCorrupt, roundFolder, threshold),
                spec.commandLine().getOut());
        return 0;
    }
}
