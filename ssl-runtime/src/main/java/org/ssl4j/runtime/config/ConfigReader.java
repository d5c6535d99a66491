package org.ssl4j.runtime.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.AnnotatedClassResolver;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.runtime.registry.ComponentKind;
import org.ssl4j.runtime.registry.ComponentNames;
import org.ssl4j.runtime.registry.PluginRegistry;
import org.ssl4j.runtime.registry.RegisteredComponent;

/**
 * Reads YAML or JSON config files into a {@link RunConfig}, resolving every {@code type} field
 * through the {@link PluginRegistry}, and writes a config back as YAML.
 *
 * <p>Every mistake in a config becomes a {@link ConfigException} whose message names the source,
 * the config path and what is allowed, for example {@code run.yaml: method.backbone.type:
 * unknown backbone 'resnet9'; registered backbones: mlp, wide-resnet}. Unknown fields, numbers
 * with a fraction where a whole number is expected, a single value where a list is expected,
 * duplicate keys and content after the end of the document are all errors.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class ConfigReader {

    /** The text formats a config can be written in. */
    public enum Format {
        /** YAML ({@code .yaml}, {@code .yml}). */
        YAML,
        /** JSON ({@code .json}). */
        JSON
    }

    /** The source name {@link #read(String, Format, String)} callers use for text in memory. */
    public static final String INLINE = "<inline>";

    /** The part of Jackson's "start marker at [...]" that says the source is not shown. */
    /** The largest magnitude of a fractional config value. */
    public static final double LARGEST_FRACTION = 1e9;

    private static final Pattern SOURCE_IN_LOCATION = Pattern.compile("Source: [^;]*; ");

    private final PluginRegistry registry;
    private final ObjectMapper yamlReader;
    private final ObjectMapper jsonReader;
    private final ObjectMapper yamlWriter;

    /**
     * @param registry the plugins whose component names the {@code type} fields may use
     */
    public ConfigReader(PluginRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.yamlReader = forReading(YAMLMapper.builder(), registry);
        this.jsonReader = forReading(JsonMapper.builder(), registry);
        this.yamlWriter = YAMLMapper.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(
                        JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .registerSubtypes(registry.namedTypes().toArray(NamedType[]::new))
                .addModule(new InitFromModule())
                .build();
    }

    /**
     * Reads a config file, choosing the format by its extension: {@code .yaml} or {@code .yml}
     * for YAML, {@code .json} for JSON. The file must be UTF-8.
     *
     * @param file the config file; its path as given is the source name in messages
     * @return the config, with defaults filled in
     * @throws ConfigException when the file cannot be read, has another extension, is malformed
     *     or holds a wrong value
     */
    public RunConfig read(Path file) {
        String source = file.toString();
        Path fileName = file.getFileName();
        String name = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
        Format format;
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            format = Format.YAML;
        } else if (name.endsWith(".json")) {
            format = Format.JSON;
        } else {
            throw new ConfigException(
                    source, "", "unknown config format: use a .yaml, .yml or .json file", null);
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, "", "no such file", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(source, "", "not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(source, "", "cannot read the file: " + describe(e), e);
        }
        return read(text, format, source);
    }

    /**
     * Reads a config from text.
     *
     * @param text the whole config
     * @param format its format
     * @param sourceName what messages call the source, e.g. a file name or {@link #INLINE}
     * @return the config, with defaults filled in
     * @throws ConfigException when the text is empty, malformed or holds a wrong value
     */
    public RunConfig read(String text, Format format, String sourceName) {
        ObjectMapper mapper = format == Format.YAML ? yamlReader : jsonReader;
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (MismatchedInputException e) {
            // the only binding check while reading a tree: FAIL_ON_TRAILING_TOKENS
            throw malformed(
                    sourceName,
                    format,
                    e.getLocation(),
                    "more content after the end of the config",
                    e);
        } catch (JsonProcessingException e) {
            throw malformed(sourceName, format, e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException(sourceName, "", "the config is empty", null);
        }
        checkMagnitudes(sourceName, "", tree);
        try {
            return mapper.treeToValue(tree, RunConfig.class);
        } catch (JsonMappingException e) {
            throw translate(sourceName, tree, mapper, e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(sourceName, "", describe(e), e);
        }
    }

    /**
     * Refuses fractional numbers that are not finite ({@code .inf}, {@code .nan}, overflowing
     * literals) or beyond {@link #LARGEST_FRACTION} in magnitude: no rate, weight, noise or
     * probability of any component is meaningful there, and such values would otherwise reach
     * the engine as infinities. Whole numbers are left to the fields' own ranges.
     */
    private static void checkMagnitudes(String source, String path, JsonNode node) {
        if (node.isContainerNode()) {
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    checkMagnitudes(source, path + "[" + i + "]", node.get(i));
                }
            } else {
                node.fields().forEachRemaining(f -> checkMagnitudes(source, join(path, f.getKey()), f.getValue()));
            }
        } else if (node.isFloatingPointNumber() || node.isBigDecimal()) {
            double value = node.doubleValue();
            if (!Double.isFinite(value) || Math.abs(value) > LARGEST_FRACTION) {
                throw new ConfigException(
                        source, path, "must be a finite number of magnitude at most 1e9, got " + node.asText(), null);
            }
        }
    }

    /**
     * Writes a config as YAML, every default filled in and every {@code type} field written
     * with the component's registered name. {@link #read(String, Format, String)} reads the
     * result back to an equal config. This is what a run folder's {@code config.yaml} holds.
     *
     * @param config a config whose components are all registered
     * @return the YAML text
     * @throws IllegalStateException when a component's config record cannot be written
     */
    public String toYaml(RunConfig config) {
        try {
            return yamlWriter.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the config as YAML: " + describe(e), e);
        }
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M forReading(
            B builder, PluginRegistry registry) {
        return builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .injectableValues(new InjectableValues.Std()
                        .addValue(ComponentNames.INJECTION_KEY, registry))
                .registerSubtypes(registry.namedTypes().toArray(NamedType[]::new))
                .registerSubtypes(registry.aliasNamedTypes().toArray(NamedType[]::new))
                .addModule(new InitFromModule())
                .build();
    }

    /** Turns a parse error into a message with its line and column. */
    private static ConfigException malformed(
            String source, Format format, JsonProcessingException error) {
        Throwable yaml = error;
        while (yaml != null && !(yaml instanceof org.yaml.snakeyaml.error.MarkedYAMLException)) {
            yaml = yaml.getCause();
        }
        if (yaml instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
                && marked.getProblemMark() != null) {
            return new ConfigException(
                    source,
                    marked.getProblemMark().getLine() + 1,
                    marked.getProblemMark().getColumn() + 1,
                    "malformed " + format + ": " + marked.getProblem(),
                    error);
        }
        String reason = SOURCE_IN_LOCATION.matcher(firstLine(error.getOriginalMessage())).replaceAll("");
        reason = reason.isEmpty()
                ? reason
                : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        return malformed(source, format, error.getLocation(), reason, error);
    }

    private static ConfigException malformed(
            String source, Format format, JsonLocation location, String reason, Throwable cause) {
        int line = location == null ? 0 : location.getLineNr();
        int column = location == null ? 0 : location.getColumnNr();
        return new ConfigException(source, line, column, "malformed " + format + ": " + reason, cause);
    }

    /** Turns a binding error into a message naming the config path and what is allowed. */
    private ConfigException translate(
            String source, JsonNode tree, ObjectMapper mapper, JsonMappingException error) {
        String path = pathOf(error.getPath());
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidConfigException invalid) {
                return new ConfigException(
                        source, join(path, invalid.field()), invalid.problem(), error);
            }
        }
        JsonNode node = nodeAt(tree, error.getPath());
        if (error instanceof InvalidTypeIdException typeError) {
            return typeError(source, path, node, mapper, typeError);
        }
        if (error instanceof UnrecognizedPropertyException unknown) {
            Collection<Object> known = unknown.getKnownPropertyIds();
            String allowed = known == null
                    ? "none"
                    : known.stream()
                            .map(String::valueOf)
                            .filter(id -> !id.equals("type"))
                            .sorted()
                            .collect(Collectors.joining(", "));
            return new ConfigException(
                    source,
                    path,
                    "unknown field '" + unknown.getPropertyName() + "'; allowed fields: "
                            + (allowed.isEmpty() ? "none" : allowed),
                    error);
        }
        if (error instanceof MismatchedInputException mismatch
                && mismatch.getTargetType() != null) {
            String got = node == null ? "" : ", got " + describe(node);
            return new ConfigException(
                    source, path, "expected " + expected(mismatch.getTargetType()) + got, error);
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof InputCoercionException) {
            String got = node == null ? "" : ", got " + describe(node);
            return new ConfigException(source, path, "number out of range" + got, error);
        }
        String problem;
        if (root == error) {
            problem = firstLine(error.getOriginalMessage());
        } else if (root.getMessage() != null) {
            problem = firstLine(root.getMessage());
        } else {
            problem = "invalid value (" + root.getClass().getSimpleName() + ")";
        }
        return new ConfigException(source, path, problem, error);
    }

    /** The message for an unknown or missing {@code type}. */
    private ConfigException typeError(
            String source,
            String path,
            JsonNode node,
            ObjectMapper mapper,
            InvalidTypeIdException error) {
        JavaType base = error.getBaseType();
        Optional<ComponentKind> kind = base == null
                ? Optional.empty()
                : ComponentKind.ofConfigType(base.getRawClass());
        String known = kind.map(this::registeredNames)
                .orElseGet(() -> "allowed types: " + typeNames(mapper, base));
        if (error.getTypeId() != null) {
            String what = kind.map(ComponentKind::displayName).orElse("type");
            return new ConfigException(
                    source,
                    join(path, "type"),
                    "unknown " + what + " '" + error.getTypeId() + "'; " + known,
                    error);
        }
        if (node != null && node.isObject() && node.has("type") && !node.get("type").isTextual()) {
            return new ConfigException(
                    source,
                    join(path, "type"),
                    "expected a name, got " + describe(node.get("type")) + "; " + known,
                    error);
        }
        String problem = node != null && !node.isObject()
                ? "expected an object (a section) with a 'type', got " + describe(node)
                : "missing 'type'";
        return new ConfigException(source, path, problem + "; " + known, error);
    }

    private String registeredNames(ComponentKind kind) {
        List<RegisteredComponent> components = registry.components(kind);
        String names = components.isEmpty()
                ? "none"
                : components.stream()
                        .map(RegisteredComponent::name)
                        .collect(Collectors.joining(", "));
        return "registered " + kind.pluralName() + ": " + names;
    }

    /** The type names Jackson knows for a polymorphic type that is not a plugin component. */
    private static String typeNames(ObjectMapper mapper, JavaType base) {
        if (base == null) {
            return "none";
        }
        DeserializationConfig config = mapper.getDeserializationConfig();
        String names = mapper.getSubtypeResolver()
                .collectAndResolveSubtypesByTypeId(
                        config,
                        AnnotatedClassResolver.resolveWithoutSuperTypes(config, base.getRawClass()))
                .stream()
                .filter(NamedType::hasName)
                .map(NamedType::getName)
                .sorted()
                .distinct()
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names;
    }

    /** The config path of a Jackson path: dotted names, list indices as {@code [i]}. */
    private static String pathOf(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
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

    /** The node a Jackson path points at in the tree that was read, or null. */
    private static JsonNode nodeAt(JsonNode tree, List<JsonMappingException.Reference> references) {
        JsonNode node = tree;
        for (JsonMappingException.Reference reference : references) {
            if (node == null) {
                return null;
            }
            if (reference.getFieldName() != null) {
                node = node.isObject() ? node.get(reference.getFieldName()) : null;
            } else if (reference.getIndex() >= 0) {
                node = node.isArray() ? node.get(reference.getIndex()) : null;
            }
        }
        return node;
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** What the user wrote, for "got ..." in messages. */
    private static String describe(JsonNode node) {
        if (node.isNull()) {
            return "an empty value";
        }
        if (node.isTextual()) {
            return "'" + node.asText() + "'";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "an object (a section)";
        }
        return node.asText();
    }

    /** What a Java type expects, in the words of a config file. */
    private static String expected(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == short.class
                || type == byte.class || type == Integer.class || type == Long.class
                || type == Short.class || type == Byte.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == char.class || CharSequence.class.isAssignableFrom(type)
                || type == Character.class) {
            return "a text";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        return "an object (a section)";
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String describe(Throwable error) {
        String type = error.getClass().getSimpleName();
        return error.getMessage() == null ? type : type + ": " + error.getMessage();
    }
}
