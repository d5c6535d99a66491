package org.ssl4j.runtime.run;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ssl4j.api.plugin.SpiVersion;

/**
 * What produced a run, recorded in its {@code summary.json} so it can be understood and repeated.
 *
 * @param spiVersion the runtime's SPI version
 * @param plugins the plugins that were loaded
 * @param gitCommit the commit of the working directory's git repository, or null outside one
 * @param java the Java runtime's version
 * @param engine the deep-learning engine and its version
 */
public record Provenance(
        String spiVersion, List<PluginVersion> plugins, String gitCommit, String java, String engine) {

    /** Copies the list. */
    public Provenance {
        plugins = List.copyOf(plugins);
    }

    /**
     * A loaded plugin.
     *
     * @param name its name
     * @param version its version
     * @param spiVersion the SPI version it was built for
     */
    public record PluginVersion(String name, String version, String spiVersion) {}

    /**
     * Collects the provenance of this process.
     *
     * @param plugins the loaded plugins
     * @param workingDirectory where to look for a git repository
     * @return the provenance
     */
    public static Provenance collect(List<PluginVersion> plugins, Path workingDirectory) {
        Engine engine = Engine.getInstance();
        return new Provenance(
                SpiVersion.CURRENT,
                plugins,
                gitCommit(workingDirectory),
                System.getProperty("java.version"),
                engine.getEngineName() + " " + engine.getVersion());
    }

    private static String gitCommit(Path directory) {
        try {
            Process git =
                    new ProcessBuilder("git", "-C", directory.toString(), "rev-parse", "HEAD")
                            .redirectErrorStream(true)
                            .start();
            if (!git.waitFor(5, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return null;
            }
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
