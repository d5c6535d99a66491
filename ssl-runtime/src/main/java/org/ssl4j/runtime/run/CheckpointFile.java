package org.ssl4j.runtime.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;

/**
 * One checkpoint: named arrays and byte strings, written atomically and verified when read.
 *
 * <p>Layout (big-endian):
 *
 * <pre>
 * "SSL4JCKP" (8 bytes) | format version (int)
 * per entry: key length (int) | key (UTF-8) | kind (byte: 1 array, 2 bytes)
 *            | payload length (int) | payload | CRC32 of key, kind and payload (int)
 * "SSL4JEND" (8 bytes) | entry count (int) | CRC32 of every byte before the end marker (int)
 * </pre>
 *
 * Arrays are stored as {@link NDArray#encode()} (shape, data type and raw values), so they come
 * back bit for bit. Writing goes to {@code NAME.tmp}, is forced to the disk, and is renamed over
 * {@code NAME} in one atomic step, so a crash leaves either the old file or the new one. Reading
 * checks every entry's checksum, the end marker, the entry count and the whole file's checksum;
 * a failure names the file, the byte offset and what was wrong ({@link CorruptCheckpointException}).
 *
 * <p>Filled through {@link #writer()}, read as a {@link StateReader}. Not thread-safe.
 */
public final class CheckpointFile implements StateReader {

    /** The format version this class writes and reads. */
    public static final int FORMAT = 1;

    private static final byte[] MAGIC = "SSL4JCKP".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "SSL4JEND".getBytes(StandardCharsets.US_ASCII);
    private static final byte ARRAY = 1;
    private static final byte BYTES = 2;

    /** An entry: its kind and payload. */
    private record Entry(byte kind, byte[] payload) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** An empty checkpoint, to be filled through {@link #writer()}. */
    public CheckpointFile() {}

    /**
     * @return a writer that adds entries to this checkpoint: arrays as their encoding (shape,
     *     data type, values), bytes copied; a key may be written once
     */
    public StateWriter writer() {
        return new StateWriter() {
            @Override
            public void putArray(String key, NDArray value) {
                put(key, new Entry(ARRAY, value.encode()));
            }

            @Override
            public void putBytes(String key, byte[] value) {
                put(key, new Entry(BYTES, value.clone()));
            }
        };
    }

    private void put(String key, Entry entry) {
        if (entries.putIfAbsent(key, entry) != null) {
            throw new IllegalArgumentException("checkpoint key '" + key + "' was already written");
        }
    }

    @Override
    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    @Override
    public NDArray getArray(String key, NDManager manager) {
        return manager.decode(entry(key, ARRAY).payload());
    }

    @Override
    public byte[] getBytes(String key) {
        return entry(key, BYTES).payload().clone();
    }

    private Entry entry(String key, byte kind) {
        Entry entry = entries.get(key);
        if (entry == null) {
            throw new IllegalStateException("the checkpoint has no value '" + key + "'");
        }
        if (entry.kind() != kind) {
            throw new IllegalStateException(
                    "checkpoint value '" + key + "' is " + (entry.kind() == ARRAY ? "an array" : "bytes")
                            + ", not " + (kind == ARRAY ? "an array" : "bytes"));
        }
        return entry;
    }

    /**
     * @return the keys, in the order they were written
     */
    public Set<String> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /**
     * Writes the checkpoint atomically: to {@code file.tmp}, forced to the disk, then renamed
     * over {@code file}, then the folder is forced too.
     *
     * @param file the checkpoint's path
     * @return the number of bytes written
     * @throws UncheckedIOException when it cannot be written
     */
    public long write(Path file) {
        byte[] bytes = encode();
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel channel =
                    FileChannel.open(
                            temp,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            forceFolder(file.getParent());
            return bytes.length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Makes the rename durable; folders cannot be opened for syncing on every system. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; the rename itself is still atomic there.
        }
    }

    private byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(FORMAT);
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                Entry entry = e.getValue();
                out.writeInt(key.length);
                out.write(key);
                out.writeByte(entry.kind());
                out.writeInt(entry.payload().length);
                out.write(entry.payload());
                out.writeInt(entryChecksum(key, entry.kind(), entry.payload()));
            }
            out.flush();
            int whole = checksum(bytes.toByteArray(), 0, bytes.size());
            out.write(END);
            out.writeInt(entries.size());
            out.writeInt(whole);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads and verifies a checkpoint.
     *
     * @param file the checkpoint's path
     * @return its contents
     * @throws CorruptCheckpointException naming the file, the offset and the problem, when the
     *     file is truncated, altered or not a checkpoint
     * @throws UncheckedIOException when it cannot be read at all
     */
    public static CheckpointFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        return new Parser(file, bytes).parse();
    }

    private static int entryChecksum(byte[] key, byte kind, byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(key);
        crc.update(kind);
        crc.update(payload);
        return (int) crc.getValue();
    }

    private static int checksum(byte[] bytes, int from, int to) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, to - from);
        return (int) crc.getValue();
    }

    /** Reads the layout front to back, naming the offset of the first thing that is wrong. */
    private static final class Parser {
        private final Path file;
        private final ByteBuffer buffer;
        private final byte[] bytes;

        Parser(Path file, byte[] bytes) {
            this.file = file;
            this.bytes = bytes;
            this.buffer = ByteBuffer.wrap(bytes);
        }

        CheckpointFile parse() {
            CheckpointFile checkpoint = new CheckpointFile();
            if (!Arrays.equals(take(MAGIC.length, "the file header"), MAGIC)) {
                throw corrupt(0, "not an SSL4J checkpoint (no SSL4JCKP header)");
            }
            int format = readInt("the format version");
            if (format != FORMAT) {
                throw corrupt(MAGIC.length, "format version " + format + ", this SSL4J reads " + FORMAT);
            }
            while (true) {
                int at = buffer.position();
                int marker = Math.min(buffer.remaining(), END.length);
                if (marker > 0
                        && Arrays.equals(bytes, at, at + marker, END, 0, marker)) {
                    // The end marker, or what a truncation left of it (a key length starts with 0).
                    break;
                }
                if (!buffer.hasRemaining()) {
                    throw corrupt(at, "truncated: the file ends after " + checkpoint.entries.size()
                            + " entries without its end marker");
                }
                String what = "entry " + (checkpoint.entries.size() + 1);
                int keyLength = readInt(what + "'s key length");
                if (keyLength < 0 || keyLength > 4096) {
                    throw corrupt(at, what + " has an impossible key length " + keyLength);
                }
                byte[] key = take(keyLength, what + "'s key");
                String name = new String(key, StandardCharsets.UTF_8);
                what = "entry '" + name + "'";
                byte kind = take(1, what + "'s kind")[0];
                int payloadLength = readInt(what + "'s length");
                if (payloadLength < 0) {
                    throw corrupt(at, what + " has a negative length " + payloadLength);
                }
                byte[] payload = take(payloadLength, what + "'s " + payloadLength + " bytes");
                int expected = readInt(what + "'s checksum");
                if (expected != entryChecksum(key, kind, payload) || (kind != ARRAY && kind != BYTES)) {
                    throw corrupt(at, what + " fails its CRC32 checksum (the bytes were altered)");
                }
                if (checkpoint.entries.putIfAbsent(name, new Entry(kind, payload)) != null) {
                    throw corrupt(at, what + " appears twice");
                }
            }
            int end = buffer.position();
            take(END.length, "the end marker");
            int count = readInt("the entry count");
            int whole = readInt("the file checksum");
            if (count != checkpoint.entries.size()) {
                throw corrupt(end, "the end marker counts " + count + " entries, the file has "
                        + checkpoint.entries.size());
            }
            if (whole != checksum(bytes, 0, end)) {
                throw corrupt(end, "the file's CRC32 checksum does not match its contents");
            }
            if (buffer.hasRemaining()) {
                throw corrupt(buffer.position(), buffer.remaining() + " stray bytes after the end marker");
            }
            return checkpoint;
        }

        private int readInt(String what) {
            return ByteBuffer.wrap(take(Integer.BYTES, what)).getInt();
        }

        private byte[] take(int count, String what) {
            int at = buffer.position();
            if (buffer.remaining() < count) {
                throw corrupt(at, "truncated: " + what + " needs " + count + " bytes, only "
                        + buffer.remaining() + " left (file size " + bytes.length + ")");
            }
            byte[] out = new byte[count];
            buffer.get(out);
            return out;
        }

        private CorruptCheckpointException corrupt(long offset, String problem) {
            return new CorruptCheckpointException(file, offset, problem);
        }
    }
}
