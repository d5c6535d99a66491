/**
 * Image data sources contributed by the {@code data-images} plugin: IDX files ({@code
 * fashion-mnist}, {@code mnist}, {@code idx}), CIFAR-10 binary batches ({@code cifar-10}) and
 * folders of image files ({@code image-folder}). All read local files only; none downloads.
 */
package org.ssl4j.data.images;
