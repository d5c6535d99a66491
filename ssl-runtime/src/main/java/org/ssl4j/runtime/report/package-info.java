/**
 * The HTML report of a comparison or a run ({@code report.html}, with its figures as PNG under
 * {@code plots/}), built from the files of the run folders alone: {@code summary.json} and
 * {@code metrics.jsonl}.
 */
package org.ssl4j.runtime.report;
