package org.ssl4j.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoints folder: naming, keeping the newest two, falling back past damaged files. */
class CheckpointsTest {

    @TempDir Path dir;

    private static CheckpointFile at(long step) {
        CheckpointFile file = new CheckpointFile();
        file.writer().putLong("step", step);
        return file;
    }

    @Test
    void keepsTheNewestTwoAndRemovesTemporaryFiles() throws Exception {
        Checkpoints checkpoints = new Checkpoints(dir.resolve("checkpoints"));
        assertEquals(List.of(), checkpoints.list());
        checkpoints.write(10, at(10));
        Files.writeString(checkpoints.folder().resolve("step-0000000020.ckpt.tmp"), "left by a kill");
        checkpoints.write(20, at(20));
        checkpoints.write(30, at(30));
        assertEquals(
                List.of(checkpoints.file(30), checkpoints.file(20)), checkpoints.list());
        assertEquals("step-0000000030.ckpt", checkpoints.file(30).getFileName().toString());
        try (var files = Files.list(checkpoints.folder())) {
            assertEquals(2, files.count(), "the .tmp file is gone");
        }
        Checkpoints.Loaded loaded = checkpoints.latestGood();
        assertEquals(30, loaded.step());
        assertEquals(30, loaded.contents().getLong("step"));
        assertTrue(loaded.rejected().isEmpty());
    }

    @Test
    void aTruncatedNewestCheckpointFallsBackToThePreviousOneAndIsNamed() throws Exception {
        Checkpoints checkpoints = new Checkpoints(dir);
        checkpoints.write(10, at(10));
        Path newest = checkpoints.write(20, at(20));
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, Arrays.copyOf(bytes, bytes.length - 3));
        Checkpoints.Loaded loaded = checkpoints.latestGood();
        assertEquals(10, loaded.step());
        assertEquals(checkpoints.file(10), loaded.file());
        assertEquals(1, loaded.rejected().size());
        String problem = loaded.rejected().get(0);
        assertTrue(problem.startsWith(newest + " at byte "), problem);
        assertTrue(problem.contains("truncated"), problem);
    }

    @Test
    void whenEveryCheckpointIsDamagedEachIsNamed() throws Exception {
        Checkpoints checkpoints = new Checkpoints(dir);
        Path first = checkpoints.write(10, at(10));
        Path second = checkpoints.write(20, at(20));
        Files.write(first, new byte[0]);
        byte[] bytes = Files.readAllBytes(second);
        bytes[bytes.length - 1] ^= 1;
        Files.write(second, bytes);
        IllegalStateException error = assertThrows(IllegalStateException.class, checkpoints::latestGood);
        assertTrue(error.getMessage().contains(first + " at byte 0: truncated"), error.getMessage());
        assertTrue(error.getMessage().contains(second + " at byte "), error.getMessage());
        assertTrue(error.getMessage().contains("checksum"), error.getMessage());
    }

    @Test
    void anEmptyFolderHasNoCheckpoint() {
        IllegalStateException error =
                assertThrows(IllegalStateException.class, () -> new Checkpoints(dir.resolve("none")).latestGood());
        assertTrue(error.getMessage().startsWith("no checkpoint in "), error.getMessage());
        assertFalse(Files.exists(dir.resolve("none")));
    }
}
