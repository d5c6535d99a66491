/** Pictures of what the runtime feeds a method: the augmentation grid of {@code ssl4j preview}. */
package org.ssl4j.runtime.preview;
