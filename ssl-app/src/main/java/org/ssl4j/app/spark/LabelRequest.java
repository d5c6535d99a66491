package org.ssl4j.app.spark;

/**
 * A labelling job ({@code ssl4j label}).
 *
 * @param runDir the finished run whose network labels
 * @param network the network's name in that run, or null for the one it evaluated
 * @param input the images: an image folder, an IDX images file, or a Parquet table with columns
 *     {@code id} (string) and {@code image} (encoded PNG/JPEG bytes); a path or Hadoop URI
 * @param out the Parquet table to write (a folder); must not exist
 * @param master the Spark master URL; null labels in this process, empty takes spark-submit's
 * @param round the Noisy Student round the labels are for, written in each row
 * @param batchSize images per forward pass
 * @param skipCorrupt whether an image that does not decode is skipped (and counted) instead of
 *     failing the job
 * @param roundFolder a local folder to also write the table into as {@code round-K.csv} (K:
 *     {@code round}), the pseudo-label file a {@code noisy-student} phase trains on with {@code
 *     readPseudoLabels: FOLDER}; null for none
 * @param threshold in that file, the confidence below which an example gets 0 copies
 */
public record LabelRequest(
        String runDir,
        String network,
        String input,
        String out,
        String master,
        int round,
        int batchSize,
        boolean skipCorrupt,
        String roundFolder,
        double threshold) {}
