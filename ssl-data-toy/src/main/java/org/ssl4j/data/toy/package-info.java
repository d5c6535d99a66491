/** Synthetic data sources (Two Moons), contributed by the {@code data-toy} plugin. */
package org.ssl4j.data.toy;
