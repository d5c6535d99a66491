/**
 * Baseline presets of SSL4J: {@code supervised} and {@code pseudo-label} self-training (which
 * covers FixMatch by config), each expanding to a {@code teacher-student} composition of the
 * support library, and the simple teachers ({@code self}, {@code ema}, {@code frozen}, {@code run}) they pick
 * from. {@link org.ssl4j.baselines.BaselinesPlugin} registers them.
 */
package org.ssl4j.baselines;
