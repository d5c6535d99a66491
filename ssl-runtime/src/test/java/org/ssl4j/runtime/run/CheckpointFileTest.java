package org.ssl4j.runtime.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/** The checkpoint format: exact round trips, and every truncation and every altered byte found. */
class CheckpointFileTest {

    @TempDir Path dir;

    /** A checkpoint with two arrays, a nested part and scalars. */
    private static CheckpointFile sample(NDManager manager) {
        CheckpointFile file = new CheckpointFile();
        StateWriter writer = file.writer();
        writer.putArray("w", manager.create(new float[] {1.5f, -0f, Float.MIN_VALUE, 3e38f}, new Shape(2, 2)));
        writer.putArray("ids", manager.create(new int[] {7, -1, 0}));
        writer.under("teacher.").putDouble("baseline", 0.125);
        writer.putLong("step", 1234567890123L);
        writer.putString("name", "schön");
        return file;
    }

    @Test
    void valuesComeBackBitForBitWithTheirShapesAndTypes() {
        Path path = dir.resolve("a.ckpt");
        try (NDManager manager = NDManager.newBaseManager()) {
            long size = sample(manager).write(path);
            assertEquals(Files.exists(path) ? size : -1, path.toFile().length());
            assertFalse(Files.exists(dir.resolve("a.ckpt.tmp")), "the temporary file is renamed away");
            CheckpointFile read = CheckpointFile.read(path);
            NDArray w = read.getArray("w", manager);
            assertEquals(new Shape(2, 2), w.getShape());
            assertEquals(DataType.FLOAT32, w.getDataType());
            float[] values = w.toFloatArray();
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(values[1]));
            assertArrayEquals(new float[] {1.5f, -0f, Float.MIN_VALUE, 3e38f}, values);
            assertArrayEquals(new int[] {7, -1, 0}, read.getArray("ids", manager).toIntArray());
            StateReader teacher = read.under("teacher.");
            assertTrue(teacher.contains("baseline"));
            assertEquals(0.125, teacher.getDouble("baseline"));
            assertEquals(1234567890123L, read.getLong("step"));
            assertEquals("schön", read.getString("name"));
            assertEquals(List.of("w", "ids", "teacher.baseline", "step", "name"), List.copyOf(read.keys()));
        }
    }

    @Test
    void aKeyIsWrittenOnceAndReadWithItsKind() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CheckpointFile file = sample(manager);
            assertThrows(IllegalArgumentException.class, () -> file.writer().putLong("step", 1));
            IllegalStateException missing = assertThrows(IllegalStateException.class, () -> file.getLong("nope"));
            assertTrue(missing.getMessage().contains("'nope'"), missing.getMessage());
            IllegalStateException kind = assertThrows(IllegalStateException.class, () -> file.getBytes("w"));
            assertTrue(kind.getMessage().contains("is an array"), kind.getMessage());
        }
    }

    @Test
    void everyTruncationIsFoundAndNamesTheFileAndOffset() throws Exception {
        Path path = dir.resolve("whole.ckpt");
        try (NDManager manager = NDManager.newBaseManager()) {
            sample(manager).write(path);
        }
        byte[] bytes = Files.readAllBytes(path);
        Path cut = dir.resolve("cut.ckpt");
        for (int length = 0; length < bytes.length; length++) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            CorruptCheckpointException error =
                    assertThrows(CorruptCheckpointException.class, () -> CheckpointFile.read(cut), "length " + length);
            assertEquals(cut, error.file());
            assertTrue(error.offset() >= 0 && error.offset() <= length, error.getMessage());
            assertTrue(error.getMessage().startsWith(cut + " at byte " + error.offset() + ": "), error.getMessage());
            assertTrue(
                    error.getMessage().contains("truncated") || error.getMessage().contains("not an SSL4J checkpoint"),
                    error.getMessage());
        }
    }

    @Test
    void everyAlteredByteIsFound() throws Exception {
        Path path = dir.resolve("whole.ckpt");
        try (NDManager manager = NDManager.newBaseManager()) {
            sample(manager).write(path);
        }
        byte[] bytes = Files.readAllBytes(path);
        Path bad = dir.resolve("bad.ckpt");
        for (int i = 0; i < bytes.length; i++) {
            byte[] altered = bytes.clone();
            altered[i] ^= 0x10;
            Files.write(bad, altered);
            CorruptCheckpointException error =
                    assertThrows(CorruptCheckpointException.class, () -> CheckpointFile.read(bad), "byte " + i);
            assertTrue(error.getMessage().startsWith(bad + " at byte "), error.getMessage());
        }
    }

    @Test
    void anAlteredPayloadNamesItsEntry() throws Exception {
        Path path = dir.resolve("whole.ckpt");
        try (NDManager manager = NDManager.newBaseManager()) {
            sample(manager).write(path);
        }
        byte[] bytes = Files.readAllBytes(path);
        // The first entry: 8 magic + 4 version, then key length (4), "w" (1), kind (1), length (4).
        int entryStart = 12;
        bytes[entryStart + 4 + 1 + 1 + 4 + 20] ^= 1;
        Files.write(path, bytes);
        CorruptCheckpointException error = assertThrows(CorruptCheckpointException.class, () -> CheckpointFile.read(path));
        assertEquals(entryStart, error.offset());
        assertTrue(error.getMessage().contains("entry 'w' fails its CRC32 checksum"), error.getMessage());
    }

    @Test
    void aFileOfAnotherKindIsNamedAsSuch() throws Exception {
        Path path = dir.resolve("config.ckpt");
        Files.writeString(path, "name: not a checkpoint\n");
        CorruptCheckpointException error = assertThrows(CorruptCheckpointException.class, () -> CheckpointFile.read(path));
        assertEquals(0, error.offset());
        assertTrue(error.getMessage().contains("not an SSL4J checkpoint"), error.getMessage());
    }
}
