package org.ssl4j.testkit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.Ssl4jPlugin;

/**
 * Reads and writes component config sections with the Jackson settings of the runtime's
 * {@code ConfigReader}: every plugin's component registered as a named subtype under its name
 * (and its aliases, for reading), unknown fields, nulls for primitives, numbers for enums,
 * trailing tokens, floats for integers, single values for lists and duplicate keys all
 * rejected; written without null fields.
 *
 * <p>The registered names come from every plugin {@link ServiceLoader} finds on the class path,
 * as the runtime's registry does. Keep the settings in step with {@code ConfigReader}.
 */
final class ConfigMapper {

    private final ObjectMapper reader;
    private final ObjectMapper writer;

    /**
     * @param loader the class loader whose plugins' components the {@code type} fields may name
     */
    ConfigMapper(ClassLoader loader) {
        List<NamedType> names = new ArrayList<>();
        List<NamedType> aliases = new ArrayList<>();
        for (Ssl4jPlugin plugin : ServiceLoader.load(Ssl4jPlugin.class, loader)) {
            for (ComponentKind kind : ComponentKind.values()) {
                for (Component<?> component : kind.componentsOf(plugin)) {
                    names.add(new NamedType(component.configType(), component.name()));
                    component.aliases().forEach(alias ->
                            aliases.add(new NamedType(component.configType(), alias)));
                }
            }
        }
        this.reader = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .registerSubtypes(Stream.concat(names.stream(), aliases.stream())
                        .toArray(NamedType[]::new))
                .build();
        this.writer = JsonMapper.builder()
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(
                        JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .registerSubtypes(names.toArray(NamedType[]::new))
                .build();
    }

    /**
     * Parses JSON text into a tree, without binding it.
     *
     * @param json a JSON object
     * @return the tree
     * @throws AssertionError when the text is not JSON
     */
    JsonNode tree(String json) {
        try {
            return reader.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("sample is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Binds a section as the config reader does.
     *
     * @param tree the section
     * @param kind the kind's config interface
     * @return the config record
     * @throws JsonMappingException when the section is refused (unknown field, bad value, ...)
     */
    Object read(JsonNode tree, Class<?> kind) throws JsonMappingException {
        try {
            return reader.treeToValue(tree, kind);
        } catch (JsonMappingException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new AssertionError("cannot bind " + tree + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes a config record as the run folder's {@code config.yaml} would hold it, as a tree.
     *
     * @param config a config record of a registered component
     * @param kind the kind's config interface, so that the {@code type} field is written
     * @return the section
     * @throws AssertionError when Jackson cannot write the record
     */
    JsonNode write(Object config, Class<?> kind) {
        try {
            return reader.readTree(writer.writerFor(kind).writeValueAsString(config));
        } catch (JsonProcessingException e) {
            throw new AssertionError("cannot write " + config + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The config path of a binding error, as the runtime's messages write it: dotted names,
     * list indices as {@code [i]} (e.g. {@code backbone.widths} or {@code auxiliaryLosses[0].weight}).
     *
     * @param error a binding error
     * @return its path, empty for the section itself
     */
    static String pathOf(JsonMappingException error) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : error.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
