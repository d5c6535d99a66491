/**
 * Plugin discovery: finds {@link org.ssl4j.api.plugin.Ssl4jPlugin}s with {@link
 * java.util.ServiceLoader}, refuses broken or incompatible ones with a message, and registers
 * their components by kind and name.
 */
package org.ssl4j.runtime.registry;
