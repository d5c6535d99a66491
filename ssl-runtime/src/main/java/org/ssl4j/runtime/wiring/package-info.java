/** Guice wiring of a run: executor, run folder, listeners, driver. */
package org.ssl4j.runtime.wiring;
