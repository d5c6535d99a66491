package org.ssl4j.api.data;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.IOException;

/**
 * Config of a data source, selected by {@code data.type}. The record holds the settings (paths,
 * label counts, noise, ...) and loads the splits.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface DataSourceConfig {

    /**
     * Loads or generates the splits. Called once per run, before training, on the run's thread.
     * Bad input (a missing file, a wrong format, too few examples of a class) must fail here
     * with a message that names the file or field and what is wrong.
     *
     * @param context the seed and the manager to create arrays in
     * @return the splits
     * @throws IOException when a file cannot be read
     */
    SslData load(DataContext context) throws IOException;
}
