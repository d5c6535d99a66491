package org.ssl4j.runtime.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.runtime.executor.CpuExecutorConfig;
import org.ssl4j.runtime.executor.ExecutorConfig;
import org.ssl4j.runtime.registry.ComponentNames;

/**
 * A whole config file: one or more methods, run over one or more seeds on the same data, budget
 * and executor. {@code ssl4j train} runs a config with one method and one seed; {@code ssl4j
 * compare} runs every method with every seed.
 *
 * <p>In the file, {@code seed: 1} is short for {@code seeds: [1]}, and {@code method: {...}} for
 * {@code methods: {<its type>: {...}}}.
 *
 * <p>Every method is held as its {@linkplain MethodConfig#expand() expansion}: a preset such as
 * {@code mpl} is replaced by the composition it stands for as the config is made, so the run
 * folder's resolved config, the preflight and the training all see the same, expanded, methods.
 *
 * @param name the config's name, used for the default run folder
 * @param seeds the seeds, at least one, no repeats
 * @param data the data source
 * @param augment the weak and strong views
 * @param methods the methods by display name, in file order, expanded
 * @param train budget, batch sizes and the runtime's cadence
 * @param executor where to run
 */
public record RunConfig(
        String name,
        List<Long> seeds,
        DataSourceConfig data,
        AugmentConfig augment,
        Map<String, MethodConfig> methods,
        TrainSettings train,
        ExecutorConfig executor) {

    /** Checks required sections and fills defaults. */
    public RunConfig {
        name = name == null || name.isBlank() ? "run" : name;
        seeds = Checks.listOf("seeds", Checks.required("seeds", seeds));
        if (seeds.isEmpty()) {
            throw new InvalidConfigException("seeds", "must list at least one seed");
        }
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new InvalidConfigException("seeds", "must not repeat a seed, got " + seeds);
        }
        Checks.required("data", data);
        augment = augment == null ? AugmentConfig.NONE : augment;
        Checks.required("methods", methods);
        if (methods.isEmpty()) {
            throw new InvalidConfigException("methods", "must name at least one method");
        }
        Map<String, MethodConfig> expanded = new LinkedHashMap<>();
        methods.forEach((key, value) -> expanded.put(key, expand(key, Checks.required("methods." + key, value))));
        methods = java.util.Collections.unmodifiableMap(expanded);
        Checks.required("train", train);
        executor = executor == null ? new CpuExecutorConfig(null) : executor;
    }

    /**
     * Reads a config file's top level, accepting the short forms {@code seed} and {@code method}.
     *
     * @param name see the record
     * @param seed a single seed, or null
     * @param seeds the seeds, or null
     * @param data see the record
     * @param augment see the record
     * @param method a single method, or null
     * @param methods the methods, or null
     * @param train see the record
     * @param executor see the record
     * @param names the registered names of config classes, injected by the config reader
     * @return the config
     */
    @JsonCreator
    public static RunConfig fromFile(
            @JsonProperty("name") String name,
            @JsonProperty("seed") Long seed,
            @JsonProperty("seeds") List<Long> seeds,
            @JsonProperty("data") DataSourceConfig data,
            @JsonProperty("augment") AugmentConfig augment,
            @JsonProperty("method") MethodConfig method,
            @JsonProperty("methods") Map<String, MethodConfig> methods,
            @JsonProperty("train") TrainSettings train,
            @JsonProperty("executor") ExecutorConfig executor,
            @JacksonInject(ComponentNames.INJECTION_KEY) ComponentNames names) {
        if (seed != null && seeds != null) {
            throw new InvalidConfigException("seed", "give either 'seed' or 'seeds', not both");
        }
        if (method != null && methods != null) {
            throw new InvalidConfigException("method", "give either 'method' or 'methods', not both");
        }
        if (method == null && methods == null) {
            throw new InvalidConfigException(
                    "methods", "is required: give 'method' (one method) or 'methods' (several, by name)");
        }
        List<Long> allSeeds = seed != null ? List.of(seed) : seeds == null ? List.of(1L) : seeds;
        Map<String, MethodConfig> allMethods = methods;
        if (method != null) {
            allMethods = new LinkedHashMap<>();
            allMethods.put(names.nameOf(method), method);
        }
        return new RunConfig(name, allSeeds, data, augment, allMethods, train, executor);
    }

    /**
     * A method's expansion, checked to be one: expanding it again must give it back, or a run
     * resumed from its resolved config would run something else.
     */
    private static MethodConfig expand(String key, MethodConfig method) {
        MethodConfig expanded;
        try {
            expanded = method.expand();
        } catch (InvalidConfigException e) {
            String field = e.field() == null || e.field().isEmpty() ? "" : "." + e.field();
            throw new InvalidConfigException("methods." + key + field, e.problem());
        }
        if (expanded == null) {
            throw new IllegalStateException(
                    "methods." + key + ": " + method.getClass().getName() + ".expand() returned null");
        }
        MethodConfig again = expanded.expand();
        if (again != expanded && !expanded.equals(again)) {
            throw new IllegalStateException(
                    "methods." + key + ": " + method.getClass().getName()
                            + ".expand() gives a config that expands again to another one; an expansion must expand to itself");
        }
        return expanded;
    }
}
