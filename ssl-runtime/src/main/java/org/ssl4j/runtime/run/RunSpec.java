package org.ssl4j.runtime.run;

import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.runtime.config.RunConfig;

/**
 * One training run to do: a method of a config, with one seed, into one folder.
 *
 * @param method the method's display name (its key in the config's {@code methods})
 * @param methodConfig the method's config
 * @param seed the seed
 * @param config the whole config (data, augmentations, budget, executor)
 * @param resolvedConfig the config as YAML with every default filled in, for the run folder
 * @param provenance what produced the run, for {@code summary.json}
 */
public record RunSpec(
        String method,
        MethodConfig methodConfig,
        long seed,
        RunConfig config,
        String resolvedConfig,
        Provenance provenance) {}
