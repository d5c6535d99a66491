package org.ssl4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The table {@code ssl4j label} writes: a folder of Parquet files, one row per image, with
 * columns {@code id} (string), {@code class} (int, the most probable), {@code probabilities}
 * (array of float, one per class), {@code confidence} (float, the largest probability), {@code
 * teacherRun} (string, the run folder that labelled) and {@code round} (int). On Spark, Spark's
 * own writer writes it; in one process, parquet-java's writer (the library Spark writes with)
 * writes the same schema into {@code part-00000.parquet}, so both read the same way.
 */
final class LabelTable {

    /** The columns, in order. */
    static final List<String> COLUMNS = List.of("id", "class", "probabilities", "confidence", "teacherRun", "round");

    /** The schema in Spark's terms (no nulls). */
    static final StructType SPARK_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("class", DataTypes.IntegerType, false),
        DataTypes.createStructField("probabilities", DataTypes.createArrayType(DataTypes.FloatType, false), false),
        DataTypes.createStructField("confidence", DataTypes.FloatType, false),
        DataTypes.createStructField("teacherRun", DataTypes.StringType, false),
        DataTypes.createStructField("round", DataTypes.IntegerType, false)
    });

    /** The same schema in Parquet's terms, as Spark writes it (three-level list). */
    static final MessageType PARQUET_SCHEMA = MessageTypeParser.parseMessageType("""
            message spark_schema {
              required binary id (STRING);
              required int32 class;
              required group probabilities (LIST) {
                repeated group list {
                  required float element;
                }
              }
              required float confidence;
              required binary teacherRun (STRING);
              required int32 round;
            }""");

    /**
     * One labelled image.
     *
     * @param id the image's id
     * @param label the most probable class
     * @param probabilities every class's probability
     * @param confidence the largest probability
     * @param teacherRun the run that labelled it
     * @param round the round
     */
    record Row(String id, int label, float[] probabilities, float confidence, String teacherRun, int round) {

        /**
         * @param id the id
         * @param probabilities the network's probabilities
         * @param teacherRun the run
         * @param round the round
         * @return the row, with the class and confidence of the largest probability
         */
        static Row of(String id, float[] probabilities, String teacherRun, int round) {
            int best = 0;
            for (int k = 1; k < probabilities.length; k++) {
                if (probabilities[k] > probabilities[best]) {
                    best = k;
                }
            }
            return new Row(id, best, probabilities, probabilities[best], teacherRun, round);
        }
    }

    private LabelTable() {}

    /**
     * Writes rows into {@code folder/part-00000.parquet} (in-process labelling).
     *
     * @param folder the table's folder
     * @param rows the rows
     * @param conf Hadoop's settings
     */
    static void write(Path folder, Iterable<Row> rows, Configuration conf) {
        SimpleGroupFactory groups = new SimpleGroupFactory(PARQUET_SCHEMA);
        Path file = new Path(folder, "part-00000.parquet");
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf))
                .withType(PARQUET_SCHEMA)
                .withConf(conf)
                .build()) {
            for (Row row : rows) {
                Group g = groups.newGroup();
                g.add("id", row.id());
                g.add("class", row.label());
                Group list = g.addGroup("probabilities");
                for (float p : row.probabilities()) {
                    list.addGroup("list").add("element", p);
                }
                g.add("confidence", row.confidence());
                g.add("teacherRun", row.teacherRun());
                g.add("round", row.round());
                writer.write(g);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        try {
            HadoopFiles.fs(folder, conf).create(new Path(folder, "_SUCCESS")).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder + "/_SUCCESS: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a label table, whichever writer wrote it, with parquet-java alone (no Spark).
     *
     * @param table the table's folder (or one Parquet file)
     * @param conf Hadoop's settings
     * @return its rows, file by file
     * @throws IllegalArgumentException naming the file and column when it is not such a table
     */
    static List<Row> read(Path table, Configuration conf) {
        FileSystem fs = HadoopFiles.fs(table, conf);
        List<Row> rows = new ArrayList<>();
        try {
            List<Path> files = new ArrayList<>();
            if (fs.getFileStatus(table).isDirectory()) {
                for (FileStatus status : fs.listStatus(table)) {
                    if (status.getPath().getName().endsWith(".parquet")) {
                        files.add(status.getPath());
                    }
                }
                files.sort(null);
            } else {
                files.add(table);
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException(table + " holds no Parquet files");
            }
            for (Path file : files) {
                try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(conf).build()) {
                    for (Group g = reader.read(); g != null; g = reader.read()) {
                        rows.add(row(g, file));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static Row row(Group g, Path file) {
        for (String column : COLUMNS) {
            if (!g.getType().containsField(column)) {
                throw new IllegalArgumentException(file + " is not a label table: it has no column '" + column + "'; a label table has "
                        + String.join(", ", COLUMNS));
            }
        }
        Group list = g.getGroup("probabilities", 0);
        int n = list.getFieldRepetitionCount(0);
        float[] probabilities = new float[n];
        for (int i = 0; i < n; i++) {
            probabilities[i] = list.getGroup(0, i).getFloat(0, 0);
        }
        return new Row(g.getString("id", 0), g.getInteger("class", 0), probabilities, g.getFloat("confidence", 0),
                g.getString("teacherRun", 0), g.getInteger("round", 0));
    }
}
