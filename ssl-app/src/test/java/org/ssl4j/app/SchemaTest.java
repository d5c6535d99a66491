package org.ssl4j.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ssl4j.runtime.Ssl4j;

/** {@code ssl4j schema}: every example config validates against it; wrong fields and types fail. */
class SchemaTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path PLUGIN_EXAMPLE = EXAMPLES.resolve("entropy-plugin").resolve("two-moons-entropy.yaml");
    private static final YAMLMapper YAML = new YAMLMapper();

    private static JsonNode schemaJson;
    private static Schema schema;

    @BeforeAll
    static void build() throws IOException {
        schemaJson = new ObjectMapper().readTree(Ssl4j.create().schema());
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaJson);
    }

    private static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyExampleValidates() throws IOException {
        List<Path> examples = examples();
        assertTrue(examples.size() >= 10, "examples found: " + examples);
        for (Path example : examples) {
            List<Error> errors = schema.validate(YAML.readTree(example.toFile()));
            assertEquals(List.of(), errors, example.toString());
        }
    }

    @Test
    void everyExamplePointsEditorsAtTheSchema() throws IOException {
        List<Path> all = new ArrayList<>(examples());
        all.add(PLUGIN_EXAMPLE);
        for (Path example : all) {
            String first = Files.readString(example).lines().findFirst().orElse("");
            String prefix = "# yaml-language-server: $schema=";
            assertTrue(first.startsWith(prefix), example + " does not start with the yaml-language-server line");
            Path target = example.resolveSibling(first.substring(prefix.length()).trim());
            assertTrue(Files.isRegularFile(target), example + " points at " + target + ", which does not exist");
        }
    }

    /**
     * The example plugin's config uses its components, so it points at a schema written with the
     * plugin on the class path ({@code SSL4J_PLUGINS=...jar ./ssl4j schema --out
     * examples/entropy-plugin/config-schema.json}). It validates against that schema, and that
     * schema is the current one plus the plugin's components.
     */
    @Test
    void thePluginExampleValidatesAgainstItsSchema() throws IOException {
        JsonNode pluginSchema = new ObjectMapper().readTree(PLUGIN_EXAMPLE.resolveSibling("config-schema.json").toFile());
        Schema withPlugin = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(pluginSchema);
        JsonNode config = YAML.readTree(PLUGIN_EXAMPLE.toFile());
        assertEquals(List.of(), withPlugin.validate(config), PLUGIN_EXAMPLE.toString());
        assertFalse(schema.validate(config).isEmpty(), "the plugin's types passed the schema without the plugin");
        ObjectNode builtIn = pluginSchema.deepCopy();
        int removed = 0;
        for (JsonNode def : builtIn.get("$defs")) {
            Iterator<JsonNode> alternatives = def.path("oneOf").iterator();
            while (alternatives.hasNext()) {
                if (alternatives.next().path("description").asText().endsWith("[plugin entropy-example]")) {
                    alternatives.remove();
                    removed++;
                }
            }
        }
        assertEquals(2, removed, "the plugin's entropy loss and agreement teacher");
        assertEquals(schemaJson, builtIn, "examples/entropy-plugin/config-schema.json is stale as to the built-in components");
    }

    @Test
    void theCommittedSchemaIsCurrent() throws IOException {
        JsonNode committed = new ObjectMapper().readTree(Path.of("..", "docs", "config-schema.json").toFile());
        assertEquals(schemaJson, committed, "docs/config-schema.json is stale: run ./ssl4j schema --out docs/config-schema.json");
    }

    @Test
    void unknownFieldFails() throws IOException {
        ObjectNode config = (ObjectNode) YAML.readTree(EXAMPLES.resolve("two-moons.yaml").toFile());
        ((ObjectNode) config.at("/methods/supervised/backbone")).put("widths", 32);
        assertFalse(schema.validate(config).isEmpty(), "an unknown backbone field passed");
    }

    @Test
    void wrongTypeFails() throws IOException {
        ObjectNode config = (ObjectNode) YAML.readTree(EXAMPLES.resolve("two-moons.yaml").toFile());
        ((ObjectNode) config.at("/train")).put("steps", "many");
        assertFalse(schema.validate(config).isEmpty(), "a string for train.steps passed");
        ObjectNode unknownType = (ObjectNode) YAML.readTree(EXAMPLES.resolve("two-moons.yaml").toFile());
        ((ObjectNode) unknownType.at("/methods/supervised/backbone")).put("type", "resnet9");
        assertFalse(schema.validate(unknownType).isEmpty(), "an unregistered backbone type passed");
    }

    @Test
    void carriesDefaultsRequiredFieldsAndDescriptions() {
        JsonNode methods = schemaJson.at("/$defs/kind-method/oneOf");
        JsonNode pseudoLabel = null;
        for (JsonNode m : methods) {
            if (m.path("title").asText().equals("pseudo-label")) {
                pseudoLabel = m;
            }
        }
        assertTrue(pseudoLabel != null, "pseudo-label is not among the methods");
        assertEquals(1.0, pseudoLabel.at("/properties/unlabeledWeight/default").asDouble(), "default of unlabeledWeight");
        assertEquals("weak", pseudoLabel.at("/properties/studentView/default").asText());
        assertTrue(pseudoLabel.path("required").toString().contains("backbone"), pseudoLabel.path("required").toString());
        assertFalse(pseudoLabel.path("description").asText().isBlank());
    }
}
