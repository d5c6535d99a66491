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

    @Override
    public Integer call() {
        if (round < 0 || batchSize < 1) {
            throw new IllegalArgumentException("label: --round must be >= 0 and --batch-size >= 1");
        }
        SparkSupport.load().label(Ssl4j.create(),
                new LabelRequest(runDir, network, input, out, master, round, batchSize, skipCorrupt),
                spec.commandLine().getOut());
        return 0;
    }
}
