/** The plugin entry point, named components and the SPI version. */
package org.ssl4j.api.plugin;
