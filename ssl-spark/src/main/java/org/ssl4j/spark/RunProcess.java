package org.ssl4j.spark;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.result.TrainResult;

/**
 * The process a {@link RunTask} starts for its run: it trains one run of a config ({@code train
 * CONFIG}) or resumes one ({@code train --resume}) in a local folder, as {@code ssl4j train}
 * would, while {@link CheckpointMirror} copies each checkpoint to the run's shared folder.
 *
 * <p>A process of its own per run, rather than a thread in the executor: the runtime reseeds
 * libtorch's global generator every step, so two runs in one JVM would draw from one generator
 * and no longer repeat a local compare; it also keeps a native crash or a full heap to its run.
 *
 * <p>Arguments: {@code fresh HADOOP_XML CONFIG_FILE LOCAL_RUN_DIR SHARED_RUN_URI} or {@code
 * resume HADOOP_XML LOCAL_RUN_DIR SHARED_RUN_URI}, where {@code HADOOP_XML} holds the task's
 * Hadoop settings (credentials of the shared file system, for instance). Exit code 0 when the run finished; its last line on standard
 * output is then {@code RESULT accuracy steps wallSeconds}.
 */
public final class RunProcess {

    private RunProcess() {}

    /**
     * @param args see the class comment
     */
    public static void main(String[] args) {
        boolean fresh = args[0].equals("fresh");
        Configuration conf = new Configuration(false);
        conf.addResource(new org.apache.hadoop.fs.Path(Path.of(args[1]).toUri()));
        Path runDir = Path.of(fresh ? args[3] : args[2]);
        org.apache.hadoop.fs.Path shared = new org.apache.hadoop.fs.Path(fresh ? args[4] : args[3]);
        FileSystem fs = HadoopFiles.fs(shared, conf);
        CheckpointMirror mirror = new CheckpointMirror(runDir, fs, shared);
        Ssl4j ssl4j = Ssl4j.create();
        TrainResult result = fresh
                ? ssl4j.train(ssl4j.readConfig(Path.of(args[2])), runDir, mirror)
                : ssl4j.resume(runDir, mirror);
        System.out.println("RESULT " + result.accuracy() + " " + result.steps() + " " + result.wallSeconds());
        System.exit(0);
    }
}
