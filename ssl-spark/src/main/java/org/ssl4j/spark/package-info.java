/**
 * SSL4J on Apache Spark: {@code ssl4j compare CONFIG --spark MASTER} ({@link
 * org.ssl4j.spark.SparkCompare}: a Spark job per run, each run trained in a process of its own by
 * {@link org.ssl4j.spark.RunProcess}, its checkpoints mirrored to a Hadoop path and resumed when
 * Spark retries the task) and {@code ssl4j label} ({@link org.ssl4j.spark.LabelJob}: a finished
 * run's network, loaded once per JVM, labels images into a Parquet {@link
 * org.ssl4j.spark.LabelTable}). The command line reaches it through {@code
 * org.ssl4j.app.spark.SparkSupport}; see docs/spark.md.
 */
package org.ssl4j.spark;
