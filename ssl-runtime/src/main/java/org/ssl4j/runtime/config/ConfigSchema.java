package org.ssl4j.runtime.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.runtime.registry.ComponentKind;
import org.ssl4j.runtime.registry.PluginRegistry;
import org.ssl4j.runtime.registry.RegisteredComponent;

/**
 * The JSON Schema (draft 2020-12) of config files, built from the config records the way the
 * config reader reads them: a record's components (or its {@code @JsonCreator} factory's {@code
 * @JsonProperty} parameters) are its fields; boxed and primitive numbers, strings, booleans,
 * enums (by their {@code @JsonValue}), lists and string-keyed maps map to their JSON types; a
 * component interface ({@link ComponentKind}) is one of the registered components, told apart by
 * {@code type}, so plugins' components are in it; a backbone also takes {@code initFrom}, which
 * the reader accepts beside any backbone's type. Unknown fields are refused
 * ({@code additionalProperties: false}), as the reader refuses them.
 *
 * <p>Descriptions: a component's is its registered description; a field's comes from Jackson's
 * {@code @JsonPropertyDescription} where a record has one. Defaults are found by asking the record
 * itself: it is built with every field left out (a placeholder for each field it reports as
 * required), and the values its constructor fills in are the defaults; fields it reports as
 * required are listed as such.
 */
public final class ConfigSchema {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PluginRegistry registry;
    private final ObjectMapper writer;
    private final ObjectNode defs = NODES.objectNode();
    private final Set<String> building = new HashSet<>();

    private ConfigSchema(PluginRegistry registry) {
        this.registry = registry;
        this.writer = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        writer.registerSubtypes(registry.namedTypes().toArray(NamedType[]::new));
    }

    /**
     * @param registry the plugins whose components the schema lists
     * @return the schema
     */
    public static ObjectNode of(PluginRegistry registry) {
        return new ConfigSchema(registry).build();
    }

    private ObjectNode build() {
        ObjectNode top = objectSchema(RunConfig.class);
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://ssl4j.org/schema/config.json");
        schema.put("title", "SSL4J config");
        schema.put(
                "description",
                "A config file of ssl4j train / compare / validate: data, augment, one method or several by name, train, executor.");
        schema.setAll(top);
        // The reader accepts `seed` or `seeds`, `method` or `methods`; data and train are required.
        ArrayNode required = schema.putArray("required");
        required.add("data").add("train");
        ArrayNode oneMethod = schema.putArray("oneOf");
        oneMethod.addObject().putArray("required").add("method");
        oneMethod.addObject().putArray("required").add("methods");
        schema.putObject("not").putArray("required").add("seed").add("seeds");
        schema.set("$defs", defs);
        return schema;
    }

    /** The schema of a value of a Java type. */
    private JsonNode typeSchema(Type type) {
        Class<?> raw = rawClass(type);
        ObjectNode node = NODES.objectNode();
        if (raw == String.class) {
            node.put("type", "string");
        } else if (raw == Long.class || raw == long.class || raw == Integer.class || raw == int.class
                || raw == Short.class || raw == short.class) {
            node.put("type", "integer");
        } else if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            node.put("type", "number");
        } else if (raw == Boolean.class || raw == boolean.class) {
            node.put("type", "boolean");
        } else if (raw.isEnum()) {
            node.put("type", "string");
            ArrayNode values = node.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(jsonValue(constant));
            }
        } else if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            node.put("type", "array");
            node.set("items", typeSchema(typeArgument(type, 0)));
        } else if (Map.class.isAssignableFrom(raw)) {
            node.put("type", "object");
            node.set("additionalProperties", typeSchema(typeArgument(type, 1)));
        } else if (ComponentKind.ofConfigType(raw).isPresent()) {
            return reference(componentKind(ComponentKind.ofConfigType(raw).get()));
        } else if (raw.isInterface() && raw.isAnnotationPresent(JsonSubTypes.class)) {
            return reference(subTypes(raw));
        } else if (raw.isRecord() || creator(raw).isPresent()) {
            return reference(record(raw));
        }
        return node;
    }

    private static JsonNode reference(String def) {
        return NODES.objectNode().put("$ref", "#/$defs/" + def);
    }

    /** A component kind: one of its registered components, by {@code type}. */
    private String componentKind(ComponentKind kind) {
        String name = "kind-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (defs.has(name) || !building.add(name)) {
            return name;
        }
        ObjectNode def = defs.putObject(name);
        def.put("description", "a " + kind.displayName() + ": 'type' names one of the registered " + kind.pluralName());
        ArrayNode oneOf = def.putArray("oneOf");
        List<RegisteredComponent> components =
                registry.components(kind).stream().sorted(Comparator.comparing(RegisteredComponent::name)).toList();
        for (RegisteredComponent component : components) {
            ObjectNode alternative = objectSchema(component.configType());
            alternative.put("title", component.name());
            // The plugin's name, not its version: the version comes from the jar (or is
            // "unpackaged" on a class folder), and the schema must not change with it.
            alternative.put("description", component.description() + " [plugin " + component.pluginName() + "]");
            ObjectNode typeField = NODES.objectNode();
            ArrayNode names = typeField.putArray("enum").add(component.name());
            component.aliases().forEach(names::add);
            ObjectNode properties = NODES.objectNode();
            properties.set("type", typeField);
            properties.setAll((ObjectNode) alternative.get("properties"));
            if (kind == ComponentKind.BACKBONE) {
                properties.putObject(InitFromModule.FIELD)
                        .put("type", "string")
                        .put("minLength", 1)
                        .put("description", "RUN_DIR or RUN_DIR:network: start from that finished run's trained parameters");
            }
            alternative.set("properties", properties);
            ArrayNode required = alternative.withArray("required");
            required.insert(0, "type");
            oneOf.add(alternative);
        }
        return name;
    }

    /** A sealed runtime interface with {@code @JsonSubTypes}, such as the executor. */
    private String subTypes(Class<?> base) {
        String name = base.getName();
        if (defs.has(name) || !building.add(name)) {
            return name;
        }
        ObjectNode def = defs.putObject(name);
        ArrayNode oneOf = def.putArray("oneOf");
        for (JsonSubTypes.Type sub : base.getAnnotation(JsonSubTypes.class).value()) {
            ObjectNode alternative = objectSchema(sub.value());
            alternative.put("title", sub.name());
            ObjectNode properties = NODES.objectNode();
            properties.putObject("type").putArray("enum").add(sub.name());
            properties.setAll((ObjectNode) alternative.get("properties"));
            alternative.set("properties", properties);
            alternative.withArray("required").insert(0, "type");
            oneOf.add(alternative);
        }
        return name;
    }

    /** A plain nested record (no {@code type}), shared by reference. */
    private String record(Class<?> type) {
        String name = type.getName();
        if (defs.has(name) || !building.add(name)) {
            return name;
        }
        defs.set(name, objectSchema(type));
        return name;
    }

    /** The object schema of a config record: its fields, the required ones, the defaults. */
    private ObjectNode objectSchema(Class<?> type) {
        ObjectNode node = NODES.objectNode();
        node.put("type", "object");
        ObjectNode properties = node.putObject("properties");
        List<Field> fields = fields(type);
        for (Field field : fields) {
            ObjectNode property = NODES.objectNode();
            property.setAll((ObjectNode) typeSchema(field.type()));
            JsonPropertyDescription description = field.annotations().getAnnotation(JsonPropertyDescription.class);
            if (description != null) {
                property.put("description", description.value());
            }
            properties.set(field.name(), property);
        }
        Probe probe = probe(type, fields);
        ArrayNode required = node.putArray("required");
        probe.required().forEach(required::add);
        probe.defaults().forEach((field, value) -> ((ObjectNode) properties.get(field)).set("default", value));
        node.put("additionalProperties", false);
        return node;
    }

    /** A field as the config reader sees it. */
    private record Field(String name, Type type, AnnotatedElement annotations) {}

    private static List<Field> fields(Class<?> type) {
        Optional<Method> factory = creator(type);
        List<Field> fields = new ArrayList<>();
        if (factory.isPresent()) {
            for (Parameter p : factory.get().getParameters()) {
                JsonProperty property = p.getAnnotation(JsonProperty.class);
                if (property != null && !p.isAnnotationPresent(JacksonInject.class)) {
                    fields.add(new Field(property.value(), p.getParameterizedType(), p));
                }
            }
        } else if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                JsonProperty property = c.getAnnotation(JsonProperty.class);
                fields.add(new Field(property != null ? property.value() : c.getName(), c.getGenericType(), c));
            }
        }
        return fields;
    }

    private static Optional<Method> creator(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(JsonCreator.class))
                .filter(m -> m.getParameterCount() > 1)
                .findFirst();
    }

    /**
     * @param required fields the record reports as required
     * @param defaults values it fills in for left-out fields, as JSON
     */
    private record Probe(List<String> required, Map<String, JsonNode> defaults) {}

    /**
     * Builds the record with every field left out; each field it reports as required gets a
     * placeholder and it is built again. This is done with two sets of placeholders, and only the
     * defaults both agree on are kept (a default derived from a required field, such as a tenth
     * of the steps, is no default). When the record cannot be built (a placeholder is refused),
     * no default is listed.
     */
    private Probe probe(Class<?> type, List<Field> fields) {
        Executable maker = creator(type).map(m -> (Executable) m).orElseGet(() -> canonical(type));
        if (maker == null || type == RunConfig.class) {
            return new Probe(List.of(), Map.of());
        }
        Probe first = probe(maker, fields, 0);
        Probe second = probe(maker, fields, 1);
        Map<String, JsonNode> agreed = new LinkedHashMap<>(first.defaults());
        agreed.entrySet().removeIf(e -> !e.getValue().equals(second.defaults().get(e.getKey())));
        return new Probe(first.required(), agreed);
    }

    private Probe probe(Executable maker, List<Field> fields, int variant) {
        Parameter[] parameters = maker.getParameters();
        Object[] args = new Object[parameters.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = emptyValue(parameters[i].getType());
        }
        List<String> required = new ArrayList<>();
        for (int attempt = 0; attempt <= fields.size(); attempt++) {
            Object built;
            try {
                maker.setAccessible(true);
                built = maker instanceof Method m ? m.invoke(null, args) : ((Constructor<?>) maker).newInstance(args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof InvalidConfigException invalid) {
                    int index = indexOf(fields, invalid.field());
                    if (index >= 0 && args[index] == null && !required.contains(invalid.field())) {
                        required.add(invalid.field());
                        args[index] = placeholder(parameters[index].getType(), variant);
                        if (args[index] != null) {
                            continue;
                        }
                    }
                }
                return new Probe(required, Map.of());
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new Probe(required, Map.of());
            }
            return new Probe(required, defaults(built, fields, required));
        }
        return new Probe(required, Map.of());
    }

    private Map<String, JsonNode> defaults(Object built, List<Field> fields, List<String> required) {
        Map<String, JsonNode> defaults = new LinkedHashMap<>();
        if (!built.getClass().isRecord()) {
            return defaults;
        }
        for (RecordComponent c : built.getClass().getRecordComponents()) {
            if (required.contains(c.getName()) || fields.stream().noneMatch(f -> f.name().equals(c.getName()))) {
                continue;
            }
            try {
                Object value = c.getAccessor().invoke(built);
                if (value != null) {
                    defaults.put(c.getName(), writer.valueToTree(value));
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // a value Jackson cannot write: no default shown for it
            }
        }
        return defaults;
    }

    private static int indexOf(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Constructor<?> canonical(Class<?> type) {
        if (!type.isRecord()) {
            return null;
        }
        Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** What a left-out field reads as: null, or zero for a primitive. */
    private static Object emptyValue(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == float.class) {
            return 0f;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        return null;
    }

    /** A stand-in for a required field (two variants that differ), or null when there is none. */
    private static Object placeholder(Class<?> type, int variant) {
        if (type == String.class) {
            return variant == 0 ? "placeholder" : "other";
        }
        if (type == Long.class) {
            return variant == 0 ? 1L : 1000L;
        }
        if (type == Integer.class) {
            return variant == 0 ? 1 : 100;
        }
        if (type == Double.class) {
            return variant == 0 ? 0.5 : 0.25;
        }
        if (type == Boolean.class) {
            return false;
        }
        if (List.class.isAssignableFrom(type)) {
            return List.of();
        }
        if (Map.class.isAssignableFrom(type)) {
            return Map.of();
        }
        if (type.isInterface()) {
            return Proxy.newProxyInstance(
                    type.getClassLoader(),
                    new Class<?>[] {type},
                    (proxy, method, args) -> {
                        if (method.getName().equals("toString")) {
                            return "placeholder";
                        }
                        throw new UnsupportedOperationException("placeholder");
                    });
        }
        return null;
    }

    private static String jsonValue(Object constant) {
        for (Method m : constant.getClass().getMethods()) {
            if (m.isAnnotationPresent(JsonValue.class) && m.getParameterCount() == 0) {
                try {
                    return String.valueOf(m.invoke(constant));
                } catch (ReflectiveOperationException e) {
                    break;
                }
            }
        }
        return ((Enum<?>) constant).name();
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }
}
