/**
 * Augmentations contributed by the {@code augment} plugin: identity and Gaussian noise for a
 * batch of any shape, and flip-and-shift, RandAugment and cutout for image batches {@code (N, C,
 * H, W)}, all with tensor operations on whole batches.
 */
package org.ssl4j.augment;
