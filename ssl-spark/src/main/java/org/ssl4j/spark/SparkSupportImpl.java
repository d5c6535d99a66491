package org.ssl4j.spark;

import com.google.auto.service.AutoService;
import java.io.PrintWriter;
import org.ssl4j.app.spark.LabelRequest;
import org.ssl4j.app.spark.SparkSupport;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.result.Metric;

/** The command line's {@code --spark} and {@code label}, carried out on Spark. */
@AutoService(SparkSupport.class)
public final class SparkSupportImpl implements SparkSupport {

    @Override
    public String compare(Ssl4j ssl4j, RunConfig config, String out, String master, Metric metric, String baseline,
            PrintWriter progress) {
        return SparkCompare.run(ssl4j, config, out, master, metric, baseline, progress);
    }

    @Override
    public void label(Ssl4j ssl4j, LabelRequest request, PrintWriter progress) {
        LabelJob.run(request, progress);
    }
}
