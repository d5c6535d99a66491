/**
 * Baseline methods of SSL4J: supervised training and pseudo-label self-training (which covers
 * FixMatch by config), both with optional Training Signal Annealing of the supervised loss
 * ({@link org.ssl4j.baselines.TsaSchedule}), with the pseudo-label strategies ({@code hard},
 * {@code soft}) and simple teachers ({@code self}, {@code ema}, {@code frozen}) they use. {@link
 * org.ssl4j.baselines.BaselinesPlugin} registers them.
 */
package org.ssl4j.baselines;
