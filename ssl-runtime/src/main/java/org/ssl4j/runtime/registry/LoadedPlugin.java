package org.ssl4j.runtime.registry;

/**
 * A plugin the registry accepted.
 *
 * @param name the plugin's name
 * @param version the plugin's own version
 * @param spiVersion the SPI version it was built against
 * @param location the jar or class folder it was loaded from, or null when unknown
 */
public record LoadedPlugin(String name, String version, String spiVersion, String location) {}
