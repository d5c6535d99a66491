/**
 * Augmentations that work on a batch of any shape (identity, Gaussian noise), contributed by
 * the {@code augment} plugin.
 */
package org.ssl4j.augment;
