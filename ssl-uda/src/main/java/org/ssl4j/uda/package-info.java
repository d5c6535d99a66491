/**
 * Unsupervised Data Augmentation (Xie et al. 2019), contributed by the {@code uda} plugin: the
 * {@code uda} auxiliary loss, a consistency term between a network's predictions on the weak and
 * the strong view of the same unlabeled examples.
 */
package org.ssl4j.uda;
