package org.ssl4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.app.spark.LabelRequest;
import org.ssl4j.runtime.Ssl4j;

/**
 * Labelling with a small CNN trained here on tiny IDX data: in this process and on Spark (local
 * mode, one session for the class) the same rows; IDX, image folder and Parquet inputs; corrupt
 * images named or skipped; bad input refused before any work.
 */
class LabelJobTest {

    private static final int N = 40;
    private static final int SIDE = 8;

    @TempDir static Path dir;
    private static SparkSession spark;
    private static Path run;
    private static Path images;
    private static org.ssl4j.runtime.result.TrainResult trained;

    @BeforeAll
    static void trainAndSession() throws Exception {
        images = idx(dir.resolve("train-images"), N, 1);
        idxLabels(dir.resolve("train-labels"), N);
        idx(dir.resolve("test-images"), 10, 2);
        idxLabels(dir.resolve("test-labels"), 10);
        Path config = dir.resolve("cnn.yaml");
        Files.writeString(config, """
                name: cnn
                seed: 1
                data: {type: idx, trainImages: %s, trainLabels: %s, testImages: %s, testLabels: %s, labeledPerClass: 4}
                method: {type: supervised, backbone: {type: small-cnn}, optimizer: {type: sgd, lr: 0.05}}
                train: {steps: 3, batchSize: 4, unlabeledRatio: 1, evaluateEvery: 3}
                executor: {type: cpu, threads: 1}
                """.formatted(images, dir.resolve("train-labels"), dir.resolve("test-images"), dir.resolve("test-labels")));
        Ssl4j ssl4j = Ssl4j.create();
        run = dir.resolve("run");
        trained = ssl4j.train(ssl4j.readConfig(config), run);
        spark = SparkMasters.start("local[2]", "LabelJobTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void idxInProcessAndOnSparkGiveTheSameRows() {
        Map<String, LabelTable.Row> local = byId(label(images.toString(), "idx-local", null, false));
        Map<String, LabelTable.Row> distributed = byId(label(images.toString(), "idx-spark", "local[2]", false));
        assertEquals(N, local.size());
        assertEquals(local.keySet(), distributed.keySet());
        for (LabelTable.Row row : local.values()) {
            LabelTable.Row other = distributed.get(row.id());
            assertArrayEquals(row.probabilities(), other.probabilities(), 1e-6f, row.id());
            assertEquals(row.label(), other.label());
            float sum = 0;
            float max = 0;
            for (float p : row.probabilities()) {
                sum += p;
                max = Math.max(max, p);
            }
            assertEquals(1f, sum, 1e-4f);
            assertEquals(max, row.confidence());
            assertEquals(2, row.probabilities().length);
            assertEquals(1, row.round());
            assertTrue(row.teacherRun().endsWith("/run"), row.teacherRun());
        }
    }

    @Test
    void folderAndParquetInputsLabelTheSameImagesAsIdx() throws Exception {
        Map<String, LabelTable.Row> fromIdx = byId(label(images.toString(), "idx-ref", null, false));
        Path folder = Files.createDirectories(dir.resolve("pngs/sub"));
        List<org.apache.spark.sql.Row> encoded = new ArrayList<>();
        byte[] pixels = Files.readAllBytes(images);
        for (int i = 0; i < 6; i++) {
            byte[] png = png(pixels, 16 + i * SIDE * SIDE);
            Files.write(folder.resolve("img-" + i + ".png"), png);
            encoded.add(RowFactory.create(Integer.toString(i), png));
        }
        Map<String, LabelTable.Row> fromFolder = byId(label(dir.resolve("pngs").toString(), "folder", null, false));
        assertEquals(6, fromFolder.size());
        StructType schema = new StructType().add("id", DataTypes.StringType).add("image", DataTypes.BinaryType);
        Path parquet = dir.resolve("images.parquet");
        spark.createDataFrame(encoded, schema).coalesce(1).write().parquet(parquet.toString());
        Map<String, LabelTable.Row> fromParquet = byId(label(parquet.toString(), "parquet", "local[2]", false));
        assertEquals(6, fromParquet.size());
        Map<String, LabelTable.Row> fromParquetHere = byId(label(parquet.toString(), "parquet-here", null, false));
        assertEquals(fromParquet.keySet(), fromParquetHere.keySet());
        for (int i = 0; i < 6; i++) {
            float[] expected = fromIdx.get(Integer.toString(i)).probabilities();
            assertArrayEquals(expected, fromFolder.get("sub/img-" + i + ".png").probabilities(), 1e-6f);
            assertArrayEquals(expected, fromParquet.get(Integer.toString(i)).probabilities(), 1e-6f);
            assertArrayEquals(expected, fromParquetHere.get(Integer.toString(i)).probabilities(), 1e-6f);
        }
    }

    @Test
    void aCorruptImageIsNamedOrSkippedAndCounted() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("corrupt"));
        byte[] pixels = Files.readAllBytes(images);
        Files.write(folder.resolve("a.png"), png(pixels, 16));
        Files.write(folder.resolve("b.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Files.write(folder.resolve("c.png"), png(pixels, 16 + SIDE * SIDE));
        RuntimeException e = assertThrows(RuntimeException.class, () -> label(folder.toString(), "corrupt-fail", "local[2]", false));
        assertTrue(e.getMessage().contains("b.png"), e.getMessage());
        assertTrue(e.getMessage().contains("--skip-corrupt"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("labels-corrupt-fail")), "a failed job leaves no table behind");
        StringWriter progress = new StringWriter();
        List<LabelTable.Row> rows = label(folder.toString(), "corrupt-skip", null, true, progress);
        assertEquals(List.of("a.png", "c.png"), rows.stream().map(LabelTable.Row::id).sorted().toList());
        assertTrue(progress.toString().contains("skipped 1 corrupt images"), progress.toString());
    }

    @Test
    void badInputIsRefusedBeforeAnyWork() throws Exception {
        Path out = Files.createDirectories(dir.resolve("exists"));
        IllegalArgumentException exists = assertThrows(IllegalArgumentException.class,
                () -> LabelJob.run(new LabelRequest(run.toString(), null, images.toString(), out.toString(), null, 1, 16, false, null, 0),
                        new PrintWriter(new StringWriter())));
        assertTrue(exists.getMessage().contains("exists"), exists.getMessage());
        Path unreadable = Files.createDirectories(dir.resolve("locked")).resolve("x.png");
        Files.write(unreadable, png(Files.readAllBytes(images), 16));
        Files.setPosixFilePermissions(unreadable, java.util.Set.of());
        if (!Files.isReadable(unreadable)) { // root reads everything: the check needs a user without rights
            IllegalArgumentException locked = assertThrows(IllegalArgumentException.class,
                    () -> LabelJob.run(new LabelRequest(run.toString(), null, dir.resolve("locked").toString(),
                            dir.resolve("out-locked").toString(), null, 1, 16, false, null, 0), new PrintWriter(new StringWriter())));
            assertTrue(locked.getMessage().contains("x.png cannot be read"), locked.getMessage());
        }
        Path notIdx = dir.resolve("notes.bin");
        Files.writeString(notIdx, "hello world, not images");
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> LabelJob.run(new LabelRequest(run.toString(), null, notIdx.toString(), dir.resolve("out-notes").toString(), null, 1, 16,
                        false, null, 0), new PrintWriter(new StringWriter())));
        assertTrue(kind.getMessage().contains("not an image folder, Parquet table or IDX images file"), kind.getMessage());
        IllegalArgumentException master = assertThrows(IllegalArgumentException.class,
                () -> LabelJob.run(new LabelRequest(run.toString(), null, images.toString(), dir.resolve("out-master").toString(),
                        "spark://127.0.0.1:9", 1, 16, false, null, 0), new PrintWriter(new StringWriter())));
        assertTrue(master.getMessage().contains("cannot reach the master"), master.getMessage());
        assertTrue(Files.notExists(dir.resolve("out-notes")) && Files.notExists(dir.resolve("out-master")));
    }

    @Test
    void loadRunGivesTheNetworkTheRunSaved() {
        float[][] x = new float[3][SIDE * SIDE];
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < SIDE * SIDE; p++) {
                x[i][p] = (float) Math.sin(i * 31 + p);
            }
        }
        try (var fromRun = Ssl4j.create().loadRun(run, null, trained.data()); var saved = trained.loadModel()) {
            float[][] a = fromRun.probabilities(x);
            float[][] b = saved.probabilities(x);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(b[i], a[i], "example " + i);
            }
        }
    }

    @Test
    void aNoisyStudentRoundTrainsOnTheTable() throws Exception {
        Path rounds = dir.resolve("rounds");
        Path out = dir.resolve("labels-ns");
        LabelJob.run(new LabelRequest(run.toString(), null, images.toString(), out.toString(), "local[2]", 1, 16, false,
                rounds.toString(), 0.0), new PrintWriter(new StringWriter()));
        List<LabelTable.Row> table = LabelTable.read(HadoopFiles.qualify(out.toString()), new Configuration());
        Path config = dir.resolve("ns.yaml");
        Files.writeString(config, Files.readString(dir.resolve("cnn.yaml"))
                .replace("name: cnn", "name: ns")
                .replaceAll("method: .*\n", "method: {type: noisy-student, teacher: {type: small-cnn}, rounds: 1, optimizer: {type: sgd, lr: 0.05},"
                        + " pseudoLabels: hard, readPseudoLabels: " + rounds + "}\n"));
        Ssl4j ssl4j = Ssl4j.create();
        var result = ssl4j.train(ssl4j.readConfig(config), dir.resolve("ns-run"));
        assertEquals("student-1", result.network());
        assertEquals(6, result.steps()); // round 0 and round 1, 3 steps each
        List<String> written = Files.readAllLines(dir.resolve("ns-run/pseudo-labels/round-1.csv")).stream()
                .filter(l -> !l.startsWith("#") && !l.startsWith("index")).toList();
        assertEquals(N, written.size());
        for (String line : written) {
            String[] cells = line.split(",");
            LabelTable.Row row = table.stream().filter(r -> r.id().equals(cells[0])).findFirst().orElseThrow();
            assertEquals(row.label(), Integer.parseInt(cells[1]), "example " + cells[0]);
        }
    }

    private static List<LabelTable.Row> label(String input, String name, String master, boolean skip) {
        return label(input, name, master, skip, new StringWriter());
    }

    private static List<LabelTable.Row> label(String input, String name, String master, boolean skip, StringWriter progress) {
        Path out = dir.resolve("labels-" + name);
        LabelJob.run(new LabelRequest(run.toString(), null, input, out.toString(), master, 1, 16, skip, null, 0), new PrintWriter(progress, true));
        return LabelTable.read(HadoopFiles.qualify(out.toString()), new Configuration());
    }

    private static Map<String, LabelTable.Row> byId(List<LabelTable.Row> rows) {
        return rows.stream().collect(Collectors.toMap(LabelTable.Row::id, r -> r));
    }

    private static byte[] png(byte[] idx, int offset) throws Exception {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                image.getRaster().setSample(x, y, 0, idx[offset + y * SIDE + x] & 0xFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static Path idx(Path file, int count, long seed) throws Exception {
        Random random = new Random(seed);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(0x00000803);
            out.writeInt(count);
            out.writeInt(SIDE);
            out.writeInt(SIDE);
            for (int i = 0; i < count; i++) {
                for (int p = 0; p < SIDE * SIDE; p++) {
                    int bright = i % 2 == 0 ? 200 : 40; // class 0 bright, class 1 dark, with noise
                    out.writeByte(Math.max(0, Math.min(255, bright + random.nextInt(50) - 25)));
                }
            }
        }
        return file;
    }

    private static void idxLabels(Path file, int count) throws Exception {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(0x00000801);
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                out.writeByte(i % 2);
            }
        }
    }
}
