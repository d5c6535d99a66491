package org.ssl4j.runtime.report;

/**
 * One plot of the report.
 *
 * @param file its PNG's name under {@code plots/}
 * @param title what it shows
 * @param caption how to read it
 * @param png the image
 */
record Figure(String file, String title, String caption, byte[] png) {}
