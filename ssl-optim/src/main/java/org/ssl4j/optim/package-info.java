/**
 * Optimizers (SGD with PyTorch semantics including Nesterov momentum, Adam) and learning-rate
 * schedules (constant, cosine with linear warm-up), contributed by the {@code optim} plugin.
 */
package org.ssl4j.optim;
