/**
 * Tables as SSL data: the {@code csv} data source ({@link org.ssl4j.data.tabular.CsvConfig}) and
 * the table augmentations {@code feature-dropout} and {@code swap-noise}.
 */
package org.ssl4j.data.tabular;
