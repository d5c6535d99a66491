/** Small backbones (the multi-layer perceptron), contributed by the {@code models-basic} plugin. */
package org.ssl4j.models.basic;
