/** Data sources (labeled, unlabeled and test splits as DJL datasets) and augmentations. */
package org.ssl4j.api.data;
