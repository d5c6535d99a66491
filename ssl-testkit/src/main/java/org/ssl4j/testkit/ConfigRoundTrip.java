package org.ssl4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.ssl4j.api.config.InvalidConfigException;

/**
 * The serde checks of one config sample: read, write, read again; an unknown field added to any
 * section is refused with its path; a field taken out either gets its default or is refused
 * with its name.
 */
final class ConfigRoundTrip {

    /** The field the kit adds to every section; no config may accept it. */
    static final String UNKNOWN_FIELD = "fieldNoConfigHas";

    private final ConfigMapper mapper;
    private final ConfigSample sample;

    ConfigRoundTrip(ConfigMapper mapper, ConfigSample sample) {
        this.mapper = mapper;
        this.sample = sample;
    }

    /**
     * Reads the sample.
     *
     * @return its config record
     * @throws AssertionError naming the path and problem when the sample is refused
     */
    Object read() {
        return read(mapper.tree(sample.json()), "the sample");
    }

    /**
     * Reads the sample, writes it and reads the result: the written section names every field of
     * the record (defaults filled in), and reading it back gives an equal record that writes the
     * same section.
     */
    void defaultsAreFilledAndSurviveARoundTrip() {
        Object first = read();
        JsonNode written = mapper.write(first, sample.kind());
        assertTrue(written.has("type"), () -> "written without its type: " + written);
        if (first.getClass().isRecord()) {
            for (RecordComponent field : first.getClass().getRecordComponents()) {
                if (sample.unsetDefaults().contains(field.getName())) {
                    continue;
                }
                assertTrue(
                        written.hasNonNull(field.getName()),
                        () -> "field '" + field.getName() + "' of " + first.getClass().getSimpleName()
                                + " is null after reading " + sample.json()
                                + ": give it its default in the compact constructor");
            }
        }
        Object second = read(written, "the written config " + written);
        assertEquals(first, second, () -> "reading the written config " + written + " gives another config");
        assertEquals(written, mapper.write(second, sample.kind()), "writing is not stable");
    }

    /**
     * Adds {@link #UNKNOWN_FIELD} to each section of the written config in turn (the component's
     * own and every nested one) and expects it refused, with the path of the added field.
     */
    void unknownFieldsAreRefusedWithTheirPath() {
        JsonNode written = mapper.write(read(), sample.kind());
        for (Section section : sections(written, JsonPointer.empty(), "")) {
            JsonNode changed = written.deepCopy();
            ((ObjectNode) changed.at(section.pointer())).put(UNKNOWN_FIELD, 1);
            String expected = join(section.path(), UNKNOWN_FIELD);
            try {
                Object accepted = mapper.read(changed, sample.kind());
                fail("an unknown field at '" + expected + "' was accepted: " + accepted);
            } catch (UnrecognizedPropertyException e) {
                assertEquals(expected, ConfigMapper.pathOf(e), "the path of the refused field");
                assertEquals(UNKNOWN_FIELD, e.getPropertyName());
            } catch (JsonMappingException e) {
                fail("an unknown field at '" + expected + "' was refused, but not as unknown: "
                        + e.getOriginalMessage(), e);
            }
        }
    }

    /**
     * Takes each field of the component's section out of the written config in turn. Reading must
     * either fill the field in again (an optional field: written again, and equal to the sample's
     * value when the sample left it out too) or fail with an {@link InvalidConfigException}, which
     * names a field: the field itself when it is required, or another field whose value its
     * default contradicts (e.g. {@code nesterov} without {@code momentum}).
     */
    void removedFieldsGetTheirDefaultOrAreNamed() {
        Object first = read();
        JsonNode given = mapper.tree(sample.json());
        JsonNode written = mapper.write(first, sample.kind());
        Iterator<String> names = written.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (field.equals("type")) {
                continue;
            }
            ObjectNode changed = written.deepCopy();
            changed.remove(field);
            Object result;
            try {
                result = mapper.read(changed, sample.kind());
            } catch (JsonMappingException e) {
                if (invalidConfig(e) == null) {
                    fail("without '" + field + "', reading fails without naming the field: "
                            + e.getOriginalMessage()
                            + " (a required field: use Checks.required(\"" + field + "\", value))", e);
                }
                continue;
            }
            JsonNode rewritten = mapper.write(result, sample.kind());
            if (sample.unsetDefaults().contains(field)) {
                continue;
            }
            assertTrue(
                    rewritten.hasNonNull(field),
                    () -> "without '" + field + "', the field is not filled in again: " + rewritten);
            if (!given.has(field)) {
                assertEquals(first, result, () -> "the default of '" + field + "' depends on how it is left out");
            }
        }
    }

    private Object read(JsonNode tree, String what) {
        try {
            return mapper.read(tree, sample.kind());
        } catch (JsonMappingException e) {
            InvalidConfigException invalid = invalidConfig(e);
            String problem = invalid != null
                    ? join(ConfigMapper.pathOf(e), invalid.field()) + ": " + invalid.problem()
                    : ConfigMapper.pathOf(e) + ": " + e.getOriginalMessage();
            throw new AssertionError("cannot read " + what + " as " + sample.kind().getSimpleName()
                    + ": " + problem, e);
        }
    }

    private static InvalidConfigException invalidConfig(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidConfigException invalid) {
                return invalid;
            }
        }
        return null;
    }

    /** Every object in the tree with its JSON pointer and config path, the root first. */
    private static List<Section> sections(JsonNode node, JsonPointer pointer, String path) {
        List<Section> found = new ArrayList<>();
        if (node.isObject()) {
            found.add(new Section(pointer, path));
            node.fields().forEachRemaining(entry -> found.addAll(sections(
                    entry.getValue(),
                    pointer.appendProperty(entry.getKey()),
                    join(path, entry.getKey()))));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found.addAll(sections(node.get(i), pointer.appendIndex(i), path + "[" + i + "]"));
            }
        }
        return found;
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** An object in a config tree: where it is, and its config path. */
    private record Section(JsonPointer pointer, String path) {}
}
