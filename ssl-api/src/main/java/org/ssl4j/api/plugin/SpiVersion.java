package org.ssl4j.api.plugin;

/**
 * The version of this SPI, declared once.
 *
 * <p>A plugin returns {@link #CURRENT} from {@link Ssl4jPlugin#spiVersion()}; because it is a
 * compile-time constant, the value is copied into the plugin's class file when the plugin is
 * compiled, so the runtime sees the SPI version the plugin was <em>built</em> against.
 *
 * <p>Compatibility rule: a plugin built for {@code MAJOR.MINOR} runs on a runtime whose SPI has
 * the same {@code MAJOR} and a {@code MINOR} at least as high. A new minor version only adds
 * (new default methods, new optional config fields); a new major version may break.
 */
public final class SpiVersion {

    /** The SPI version this jar provides, as {@code MAJOR.MINOR}. */
    public static final String CURRENT = "2.1";

    private SpiVersion() {}

    /**
     * Tells whether a plugin built for {@code pluginVersion} can run against {@code
     * runtimeVersion}.
     *
     * @param pluginVersion the version the plugin declares, {@code MAJOR.MINOR}
     * @param runtimeVersion the version the runtime provides, {@code MAJOR.MINOR}
     * @return true when the majors are equal and the plugin's minor is not newer
     * @throws IllegalArgumentException when either version is not {@code MAJOR.MINOR}
     */
    public static boolean isCompatible(String pluginVersion, String runtimeVersion) {
        int[] plugin = parse(pluginVersion);
        int[] runtime = parse(runtimeVersion);
        return plugin[0] == runtime[0] && plugin[1] <= runtime[1];
    }

    private static int[] parse(String version) {
        String[] parts = version == null ? new String[0] : version.split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException(
                    "SPI version must be MAJOR.MINOR, got '" + version + "'");
        }
        try {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "SPI version must be MAJOR.MINOR, got '" + version + "'", e);
        }
    }
}
