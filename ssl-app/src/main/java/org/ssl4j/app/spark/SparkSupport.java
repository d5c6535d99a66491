package org.ssl4j.app.spark;

import java.io.PrintWriter;
import java.util.ServiceLoader;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.result.Metric;

/**
 * What the command line asks of the {@code ssl-spark} module, which is not on the application's
 * own class path (Spark and Hadoop would slow every start): the {@code ssl4j} launcher adds it for
 * {@code compare --spark} and {@code label}, and it registers its implementation with {@link
 * ServiceLoader}.
 */
public interface SparkSupport {

    /**
     * Runs every (method, seed) run of a config as a Spark task, in {@code out/METHOD/seed-N}, and
     * writes the comparison's files as a local compare does.
     *
     * @param ssl4j the API with the plugins loaded
     * @param config the config, read and checked
     * @param out the comparison's folder, a Hadoop file system path or URI ({@code file://},
     *     {@code hdfs://}, {@code s3a://}); it must not exist
     * @param master the Spark master URL, or empty for the one {@code spark-submit} gave
     * @param metric the metric of the table
     * @param baseline the baseline method, or null for the default
     * @param progress where per-run lines go
     * @return the comparison's {@code results.md}, as text
     */
    String compare(Ssl4j ssl4j, RunConfig config, String out, String master, Metric metric, String baseline, PrintWriter progress);

    /**
     * Labels a set of unlabeled images with a finished run's network and writes a Parquet table.
     *
     * @param ssl4j the API with the plugins loaded
     * @param request what to label, with what, where to
     * @param progress where progress and the summary line go
     */
    void label(Ssl4j ssl4j, LabelRequest request, PrintWriter progress);

    /**
     * @return the implementation on the class path
     * @throws IllegalArgumentException when {@code ssl-spark} is not on the class path
     */
    static SparkSupport load() {
        return ServiceLoader.load(SparkSupport.class)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "--spark and label need the ssl-spark module on the class path; run them through ./ssl4j,"
                                + " which builds and adds it (or add ssl-spark/target/lib/* yourself)"));
    }
}
