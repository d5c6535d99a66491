package org.ssl4j.runtime.registry.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import org.ssl4j.api.plugin.Ssl4jPlugin;

/**
 * Class loaders that show a chosen list of plugin classes to {@link java.util.ServiceLoader},
 * and no others: the service file is written to a folder of its own, and service files of the
 * test class path are hidden. Classes still load from the test class path.
 */
public final class ServiceFiles {

    private static final String SERVICE_FILE = "META-INF/services/" + Ssl4jPlugin.class.getName();

    private ServiceFiles() {}

    /**
     * @param folder an empty folder (a JUnit temp dir) to write the service file to
     * @param classNames binary names of the provider classes, in service-file order; a name that
     *     is not a class on the class path is allowed
     * @return a class loader whose only plugin service file lists exactly those names
     */
    public static ClassLoader withProviders(Path folder, List<String> classNames) {
        try {
            Path file = folder.resolve(SERVICE_FILE);
            Files.createDirectories(file.getParent());
            Files.write(file, classNames);
            return new OnlyOwnServices(folder.toUri().toURL(), ServiceFiles.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param folder an empty folder (a JUnit temp dir) to write the service file to
     * @param plugins the provider classes, in service-file order
     * @return a class loader whose only plugin service file lists exactly those classes
     */
    public static ClassLoader withPlugins(Path folder, Class<?>... plugins) {
        return withProviders(folder, Arrays.stream(plugins).map(Class::getName).toList());
    }

    /** Finds service files only in its own folder, classes through its parent. */
    private static final class OnlyOwnServices extends URLClassLoader {

        OnlyOwnServices(URL folder, ClassLoader parent) {
            super(new URL[] {folder}, parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.startsWith("META-INF/services/") ? findResources(name) : super.getResources(name);
        }
    }
}
