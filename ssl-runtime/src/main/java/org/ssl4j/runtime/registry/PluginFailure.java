package org.ssl4j.runtime.registry;

/**
 * A plugin, or one of its components, that the registry refused. The other plugins still load.
 *
 * @param plugin the plugin's name, or its provider class name when it has no usable name
 * @param message the whole reason, one line, naming the plugin
 */
public record PluginFailure(String plugin, String message) {}
