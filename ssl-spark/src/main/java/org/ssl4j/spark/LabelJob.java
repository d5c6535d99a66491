package org.ssl4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.LongAccumulator;
import org.ssl4j.app.spark.LabelRequest;

/**
 * {@code ssl4j label}: checks everything before any work (the run, the input, the output, the
 * master), then labels partition by partition, in batches, with one {@link Labeller} per JVM,
 * and writes a {@link LabelTable}. Without a master it labels in this process.
 */
final class LabelJob {

    private static final String SKIP_HINT = "; --skip-corrupt skips such images and counts them";

    private LabelJob() {}

    /** The settings a partition needs, shipped to executors. */
    private record Work(String runDir, String network, long[] shape, int batchSize, boolean skipCorrupt, int round,
            java.util.Map<String, String> hadoop, String where) implements java.io.Serializable {}

    /**
     * @param request the job
     * @param progress where the summary line goes
     */
    static void run(LabelRequest request, PrintWriter progress) {
        Configuration conf = new Configuration();
        Path out = HadoopFiles.qualify(request.out());
        FileSystem outFs = HadoopFiles.fs(out, conf);
        if (HadoopFiles.exists(outFs, out)) {
            throw new IllegalArgumentException("--out " + request.out() + " exists; give a new path (a label table is never overwritten)");
        }
        if (request.roundFolder() != null && java.nio.file.Files.exists(
                java.nio.file.Path.of(request.roundFolder()).resolve("round-" + request.round() + ".csv"))) {
            throw new IllegalArgumentException("--noisy-student " + request.roundFolder() + " already holds round-" + request.round()
                    + ".csv; give another folder or round");
        }
        java.nio.file.Path localRun = Labeller.local(request.runDir(), conf);
        JsonNode summary = Labeller.summary(localRun);
        LabelInput input = LabelInput.open(request.input(), conf);
        if (request.master() != null && !request.master().isEmpty()) {
            SparkMasters.check(request.master());
        }
        String teacher = HadoopFiles.qualify(request.runDir()).toString();
        long started = System.nanoTime();
        long[] counts;
        if (request.master() == null) {
            long[] shape = shape(input, null, conf);
            Work work = new Work(teacher, request.network(), shape, request.batchSize(), request.skipCorrupt(), request.round(),
                    HadoopFiles.asMap(conf), where(input));
            Labeller.of(teacher, request.network(), shape, conf); // a bad run fails here, before any image
            AtomicLong skipped = new AtomicLong();
            List<LabelTable.Row> rows = new ArrayList<>();
            try {
                label(work, input.kind() == LabelInput.Kind.PARQUET ? parquetItems(input, conf) : chunks(input, conf),
                        rows::add, skipped::incrementAndGet);
            } catch (LabelInput.CorruptImageException e) {
                throw new IllegalArgumentException("--input " + request.input() + ": " + e.getMessage() + SKIP_HINT, e);
            }
            LabelTable.write(out, rows, conf);
            counts = new long[] {rows.size(), skipped.get()};
        } else {
            counts = onSpark(request, input, out, teacher);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (request.roundFolder() != null) {
            java.nio.file.Path file = RoundFile.write(LabelTable.read(out, conf), java.nio.file.Path.of(request.roundFolder()),
                    request.round(), request.threshold(), teacher);
            progress.println("noisy-student round file: " + file);
        }
        progress.printf("labelled %d images in %.1f s (%.0f images/s) with %s (%d classes); %s%s%n", counts[0], seconds,
                counts[0] / seconds, teacher, summary.path("classNames").size(), out,
                counts[1] > 0 ? "; skipped " + counts[1] + " corrupt images" : "");
    }

    private static long[] onSpark(LabelRequest request, LabelInput input, Path out, String teacher) {
        boolean created = !SparkMasters.running();
        SparkSession spark = SparkMasters.start(request.master(), "ssl4j label " + request.runDir());
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Configuration conf = sc.hadoopConfiguration();
            LongAccumulator skipped = sc.sc().longAccumulator("corrupt images skipped");
            JavaRDD<LabelInput.Item> items;
            if (input.kind() == LabelInput.Kind.PARQUET) {
                Dataset<org.apache.spark.sql.Row> table = spark.read().parquet(input.path());
                checkColumns(table, input.path());
                items = table.select("id", "image").javaRDD().map(r -> new LabelInput.Item(r.getString(0), (byte[]) r.get(1), true));
            } else {
                int slices = Math.max(1, Math.min((int) input.count(), sc.defaultParallelism() * 2));
                List<long[]> ranges = new ArrayList<>();
                for (int i = 0; i < slices; i++) {
                    ranges.add(new long[] {input.count() * i / slices, input.count() * (i + 1) / slices});
                }
                java.util.Map<String, String> hadoop = HadoopFiles.asMap(conf);
                items = sc.parallelize(ranges, slices)
                        .flatMap(r -> input.read(r[0], r[1], HadoopFiles.configuration(hadoop)).iterator());
            }
            long[] shape = shape(input, items, conf);
            // the network loads here first: a run whose network does not take these images fails
            // before any task (and in local mode this is the executors' JVM, whose copy it is)
            Labeller.of(teacher, request.network(), shape, conf);
            Work work = new Work(teacher, request.network(), shape, request.batchSize(), request.skipCorrupt(), request.round(),
                    HadoopFiles.asMap(conf), where(input));
            JavaRDD<org.apache.spark.sql.Row> rows = items.mapPartitions(part -> {
                List<org.apache.spark.sql.Row> done = new ArrayList<>();
                label(work, part, r -> done.add(RowFactory.create(r.id(), r.label(), scala.jdk.javaapi.CollectionConverters.asScala(toList(r.probabilities())), r.confidence(),
                        r.teacherRun(), r.round())), () -> skipped.add(1));
                return done.iterator();
            });
            Dataset<org.apache.spark.sql.Row> frame = spark.createDataFrame(rows, LabelTable.SPARK_SCHEMA);
            frame.write().parquet(out.toString());
            long written = spark.read().parquet(out.toString()).count();
            return new long[] {written, skipped.value()};
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            try { // what a failed job wrote (its _temporary folder) goes: --out did not exist before
                HadoopFiles.fs(out, spark.sparkContext().hadoopConfiguration()).delete(out, true);
            } catch (java.io.IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof LabelInput.CorruptImageException corrupt) {
                throw new IllegalArgumentException("--input " + request.input() + ": " + corrupt.getMessage() + SKIP_HINT, e);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        } finally {
            SparkMasters.stop(spark, created);
        }
    }

    /** An IDX file's or folder's images, read a chunk at a time. */
    private static Iterator<LabelInput.Item> chunks(LabelInput input, Configuration conf) {
        final int chunk = 16384;
        return new Iterator<>() {
            private long next;
            private Iterator<LabelInput.Item> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                if (!current.hasNext() && next < input.count()) {
                    long to = Math.min(input.count(), next + chunk);
                    current = input.read(next, to, conf).iterator();
                    next = to;
                }
                return current.hasNext();
            }

            @Override
            public LabelInput.Item next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private static List<Float> toList(float[] values) {
        List<Float> list = new ArrayList<>(values.length);
        for (float v : values) {
            list.add(v);
        }
        return list;
    }

    private static void checkColumns(Dataset<org.apache.spark.sql.Row> table, String path) {
        var schema = table.schema();
        java.util.Set<String> names = java.util.Set.of(schema.fieldNames());
        if (!names.contains("id") || !names.contains("image")
                || !schema.apply("id").dataType().equals(DataTypes.StringType)
                || !schema.apply("image").dataType().equals(DataTypes.BinaryType)) {
            throw new IllegalArgumentException("--input " + path + ": a Parquet input needs a string column 'id' and a binary column 'image'"
                    + " (encoded PNG/JPEG); its columns: " + schema.simpleString());
        }
    }

    /** The {@code (C, H, W)} of the images: an IDX file's, or its first image's. */
    private static long[] shape(LabelInput input, JavaRDD<LabelInput.Item> items, Configuration conf) {
        if (input.kind() == LabelInput.Kind.IDX) {
            return input.idxShape();
        }
        LabelInput.Item first = items != null ? items.first()
                : input.kind() == LabelInput.Kind.PARQUET ? parquetItems(input, conf).next() : input.read(0, 1, conf).get(0);
        try {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(first.bytes()));
            if (image == null) {
                throw new IllegalArgumentException("--input " + input.path() + ": its first image '" + first.id()
                        + "' does not decode, so the images' size is not known");
            }
            return new long[] {image.getRaster().getNumBands() == 1 ? 1 : 3, image.getHeight(), image.getWidth()};
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--input " + input.path() + ": its first image '" + first.id() + "' does not decode: "
                    + e.getMessage(), e);
        }
    }

    private static Iterator<LabelInput.Item> parquetItems(LabelInput input, Configuration conf) {
        List<LabelInput.Item> items = new ArrayList<>();
        try (var reader = org.apache.parquet.hadoop.ParquetReader.builder(
                new org.apache.parquet.hadoop.example.GroupReadSupport(), new Path(input.path())).withConf(conf).build()) {
            for (var g = reader.read(); g != null; g = reader.read()) {
                items.add(new LabelInput.Item(g.getString("id", 0), g.getBinary("image", 0).getBytes(), true));
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--input " + input.path() + ": cannot read it as Parquet: " + e.getMessage(), e);
        }
        return items.iterator();
    }

    private static String where(LabelInput input) {
        return switch (input.kind()) {
            case FOLDER -> "image file";
            case IDX -> "image at index";
            case PARQUET -> "row with id";
        };
    }

    /** Labels items in batches, passing each row on; a corrupt image fails or is skipped. */
    private static void label(Work work, Iterator<LabelInput.Item> items, java.util.function.Consumer<LabelTable.Row> sink,
            Runnable skip) {
        Labeller labeller = Labeller.of(work.runDir(), work.network(), work.shape(), HadoopFiles.configuration(work.hadoop()));
        List<String> ids = new ArrayList<>(work.batchSize());
        List<float[]> batch = new ArrayList<>(work.batchSize());
        while (items.hasNext()) {
            LabelInput.Item item = items.next();
            try {
                batch.add(LabelInput.pixels(item, work.shape(), work.where()));
                ids.add(item.id());
            } catch (LabelInput.CorruptImageException e) {
                if (!work.skipCorrupt()) {
                    throw e;
                }
                skip.run();
            }
            if (batch.size() == work.batchSize() || (!items.hasNext() && !batch.isEmpty())) {
                float[][] probabilities = labeller.probabilities(batch);
                for (int i = 0; i < probabilities.length; i++) {
                    sink.accept(LabelTable.Row.of(ids.get(i), probabilities[i], work.runDir(), work.round()));
                }
                batch.clear();
                ids.clear();
            }
        }
    }
}
