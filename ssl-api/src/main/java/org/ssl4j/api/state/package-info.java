/**
 * Saving and restoring the state of a run's parts in a checkpoint: {@link
 * org.ssl4j.api.state.StateWriter} and {@link org.ssl4j.api.state.StateReader} carry named arrays
 * and numbers; a method ({@link org.ssl4j.api.method.TrainingMethod#saveState}) and an optimizer
 * ({@link org.ssl4j.api.state.OptimizerState}) put what only they know into them.
 */
package org.ssl4j.api.state;
