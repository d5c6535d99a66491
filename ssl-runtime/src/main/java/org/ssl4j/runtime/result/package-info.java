/**
 * What the Java API gives back: results of runs and comparisons, trained models for prediction,
 * and the listener interface with its events.
 */
package org.ssl4j.runtime.result;
