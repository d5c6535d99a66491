package org.ssl4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * The shared folders of a Spark job on any Hadoop file system ({@code file://}, {@code hdfs://},
 * {@code s3a://}): local files go up and come down whole, a file appears under its final name
 * only once complete (written beside it, then renamed), so a reader (a retried task, the driver)
 * never sees half of one.
 */
final class HadoopFiles {

    private HadoopFiles() {}

    /**
     * A path as Hadoop takes it: a URI with a scheme stays; a local path becomes an absolute
     * {@code file:} URI.
     *
     * @param text a path or URI
     * @return the Hadoop path
     */
    static org.apache.hadoop.fs.Path qualify(String text) {
        URI uri = URI.create(text.replace(" ", "%20"));
        if (uri.getScheme() != null && uri.getScheme().length() > 1) {
            return new org.apache.hadoop.fs.Path(text);
        }
        String local = Path.of(text).toAbsolutePath().normalize().toUri().toString();
        return new org.apache.hadoop.fs.Path(local.endsWith("/") && local.length() > "file:///".length() ? local.substring(0, local.length() - 1) : local);
    }

    /**
     * @param conf Hadoop's settings as a map (serialisable, for tasks)
     * @return the settings
     */
    static Configuration configuration(Map<String, String> conf) {
        Configuration c = new Configuration();
        conf.forEach(c::set);
        return c;
    }

    /**
     * @param conf Hadoop's settings
     * @return them as a map, to ship to tasks
     */
    static Map<String, String> asMap(Configuration conf) {
        Map<String, String> map = new HashMap<>();
        conf.forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    /**
     * @param path a Hadoop path
     * @param conf Hadoop's settings
     * @return its file system
     */
    static FileSystem fs(org.apache.hadoop.fs.Path path, Configuration conf) {
        try {
            return path.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("no file system for " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies a local file up, complete or not at all: to a hidden name beside the target, then
     * renamed over it.
     *
     * @param fs the shared file system
     * @param local the local file
     * @param target the shared path
     * @throws UncheckedIOException naming both when it fails
     */
    static void upload(FileSystem fs, Path local, org.apache.hadoop.fs.Path target) {
        org.apache.hadoop.fs.Path partial = new org.apache.hadoop.fs.Path(target.getParent(), "." + target.getName() + ".partial");
        try {
            fs.mkdirs(target.getParent());
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), partial);
            fs.delete(new org.apache.hadoop.fs.Path(partial.getParent(), "." + partial.getName() + ".crc"), false);
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(partial, target)) {
                throw new IOException("rename to " + target + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + local + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies a local folder up, file by file ({@link #upload}), the file named {@code last} after
     * every other, so its presence means the folder is complete.
     *
     * @param fs the shared file system
     * @param local the local folder
     * @param target the shared folder
     * @param last a file name in the folder's top that goes up last, or null
     */
    static void uploadFolder(FileSystem fs, Path local, org.apache.hadoop.fs.Path target, String last) {
        try (Stream<Path> files = Files.walk(local)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = local.relativize(file);
                if (relative.toString().equals(last)) {
                    continue;
                }
                upload(fs, file, new org.apache.hadoop.fs.Path(target, relative.toString().replace('\\', '/')));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + local + ": " + e.getMessage(), e);
        }
        if (last != null && Files.isRegularFile(local.resolve(last))) {
            upload(fs, local.resolve(last), new org.apache.hadoop.fs.Path(target, last));
        }
    }

    /**
     * Copies a shared folder down, skipping the hidden files of unfinished copies.
     *
     * @param fs the shared file system
     * @param source the shared folder
     * @param local the local folder, created if needed
     * @param skip a sub-folder name not to copy, or null
     */
    static void downloadFolder(FileSystem fs, org.apache.hadoop.fs.Path source, Path local, String skip) {
        try {
            Files.createDirectories(local);
            for (FileStatus status : fs.listStatus(source)) {
                String name = status.getPath().getName();
                if (name.startsWith(".") || name.equals(skip)) {
                    continue;
                }
                if (status.isDirectory()) {
                    downloadFolder(fs, status.getPath(), local.resolve(name), null);
                } else {
                    download(fs, status.getPath(), local.resolve(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + local + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param fs the shared file system
     * @param source a shared file
     * @param local where it goes
     */
    static void download(FileSystem fs, org.apache.hadoop.fs.Path source, Path local) {
        try {
            Files.createDirectories(local.getParent());
            fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(local.toUri()), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + local + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param fs a file system
     * @param path a path on it
     * @return whether it exists
     */
    static boolean exists(FileSystem fs, org.apache.hadoop.fs.Path path) {
        try {
            return fs.exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a local folder and everything in it; a file that cannot be deleted is left.
     *
     * @param folder the folder
     */
    static void deleteLocal(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a finished run for
        }
    }
}
