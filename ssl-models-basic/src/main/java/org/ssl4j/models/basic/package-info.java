/**
 * Small backbones (the multi-layer perceptron, a small CNN, wide ResNets), contributed by the
 * {@code models-basic} plugin.
 */
package org.ssl4j.models.basic;
