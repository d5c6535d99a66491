package org.ssl4j.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds {@code ssl4j validate} configs made by mutating a valid one systematically, and checks
 * that each gives exit code 2 and one {@code error:} line naming the mutated field, never a
 * stack trace. The mutations: every leaf gets a value of the wrong type, every number a negative
 * and a huge value, every object an unknown key, every {@code type} and required field is
 * removed, every required section is removed, and fields are moved to the wrong level.
 */
class ConfigMutationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String BASE =
            """
            name: mutants
            seed: 5
            data: {type: two-moons, examples: 200, labeledPerClass: 3, noise: 0.1, testExamples: 100}
            augment:
              weak: {type: gaussian-noise, std: 0.05}
            method:
              type: pseudo-label
              backbone: {type: mlp, hidden: [16, 16], activation: tanh, dropout: 0.1}
              optimizer: {type: sgd, lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.0005,
                          schedule: {type: cosine, warmupSteps: 10}}
              teacher: {type: ema, decay: 0.99}
              pseudoLabels: {type: hard, threshold: 0.9}
              unlabeledWeight: 1.0
              warmupSteps: 20
            train: {steps: 50, batchSize: 6, unlabeledRatio: 4, evaluateEvery: 25, logEvery: 5,
                    checkpointEvery: 25, onNonFinite: stop}
            executor: {type: cpu, threads: 1}
            """;

    /** Leaves whose mutation into a negative value is legal (a seed may be any long). */
    private static final List<String> NEGATIVE_ALLOWED = List.of("seed");

    /** Fields that a config must give (besides every {@code type}). */
    private static final List<String> REQUIRED =
            List.of("data", "method", "train", "method.backbone", "method.optimizer", "method.optimizer.lr",
                    "train.steps", "train.batchSize");

    @TempDir static Path dir;

    private static ObjectNode base;

    /** One mutated config: what was changed, the field the error must name, the config. */
    private record Mutant(String description, String field, ObjectNode config) {}

    @BeforeAll
    static void readBase() throws Exception {
        base = (ObjectNode) new YAMLMapper().readTree(BASE);
    }

    @Test
    void theBaseConfigIsValid() throws Exception {
        Path file = dir.resolve("base.json");
        Files.writeString(file, JSON.writeValueAsString(base));
        Outcome outcome = validate(file);
        assertEquals(0, outcome.code, outcome.err);
    }

    @Test
    void thereAreAtLeastAHundredMutants() {
        assertTrue(mutants().size() >= 100, "only " + mutants().size() + " mutants");
    }

    @TestFactory
    Stream<DynamicTest> everyMutantIsRefusedWithExitCodeTwoAndAMessageNamingTheField() {
        List<Mutant> all = mutants();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Mutant mutant = all.get(i);
            Path file = dir.resolve("mutant-" + i + ".json");
            tests.add(
                    DynamicTest.dynamicTest(
                            mutant.description(),
                            () -> {
                                Files.writeString(file, JSON.writeValueAsString(mutant.config()));
                                Outcome outcome = validate(file);
                                String all2 = outcome.out + outcome.err;
                                assertEquals(2, outcome.code, mutant.description() + ":\n" + all2);
                                assertTrue(outcome.err.startsWith("error: "), all2);
                                assertEquals(1, outcome.err.strip().lines().count(), "one line: " + all2);
                                assertFalse(all2.contains("Exception") || all2.contains("\tat "), "no stack trace: " + all2);
                                assertTrue(
                                        outcome.err.contains(mutant.field()),
                                        "the message names '" + mutant.field() + "': " + all2);
                            }));
        }
        return tests.stream();
    }

    /** A command's exit code and output. */
    private record Outcome(int code, String out, String err) {}

    private static Outcome validate(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"validate", file.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    private static List<Mutant> mutants() {
        List<Mutant> mutants = new ArrayList<>();
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        Map<String, ObjectNode> objects = new LinkedHashMap<>();
        walk("", base, leaves, objects);
        leaves.forEach(
                (path, value) -> {
                    if (path.equals("name")) {
                        return; // any text is a name, and a number reads as text
                    }
                    JsonNode wrong = value.isTextual() || value.isBoolean() ? JSON.createArrayNode().add(1) : JsonNodeFactory.instance.textNode("abc");
                    String field = shown(path);
                    mutants.add(change("wrong type at " + path, field, path, wrong));
                    if (value.isNumber()) {
                        if (!NEGATIVE_ALLOWED.contains(path)) {
                            JsonNode negative = value.isIntegralNumber()
                                    ? JsonNodeFactory.instance.numberNode(-3)
                                    : JsonNodeFactory.instance.numberNode(-0.5);
                            mutants.add(change("negative " + path, field, path, negative));
                        }
                        JsonNode huge = value.isIntegralNumber()
                                ? JsonNodeFactory.instance.numberNode(new BigInteger("99999999999999999999999"))
                                : JsonNodeFactory.instance.numberNode(1e300);
                        mutants.add(change("huge " + path, field, path, huge));
                    }
                    if (value.isTextual() && !path.endsWith("type")) {
                        mutants.add(change("unknown name at " + path, field, path, JsonNodeFactory.instance.textNode("no-such-value")));
                    }
                });
        objects.forEach(
                (path, object) -> {
                    String field = path.isEmpty() ? "unexpectedField" : path + ".unexpectedField";
                    mutants.add(edit("unknown key in " + (path.isEmpty() ? "the top level" : path), field,
                            root -> at(root, path).put("unexpectedField", 1)));
                    if (object.has("type")) {
                        mutants.add(edit("no type in " + path, path + ": missing 'type'", root -> at(root, path).remove("type")));
                        mutants.add(change("unknown type in " + path, path + ".type", path + ".type",
                                JsonNodeFactory.instance.textNode("no-such-type")));
                        mutants.add(change("a list instead of " + path, path, path,
                                JSON.createArrayNode().add(object.deepCopy())));
                        mutants.add(change("a text instead of " + path, path, path,
                                JsonNodeFactory.instance.textNode(object.path("type").asText())));
                    }
                });
        for (String path : REQUIRED) {
            int dot = path.lastIndexOf('.');
            String parent = dot < 0 ? "" : path.substring(0, dot);
            String key = path.substring(dot + 1);
            mutants.add(edit("missing " + path, path, root -> at(root, parent).remove(key)));
        }
        // Wrong nesting: a field one level too deep, one level too high, or in a sibling section.
        for (String trainField : List.of("steps", "batchSize", "unlabeledRatio", "evaluateEvery", "logEvery", "checkpointEvery", "onNonFinite")) {
            mutants.add(edit("train." + trainField + " under method", "method." + trainField,
                    root -> at(root, "method").set(trainField, at(root, "train").get(trainField))));
            mutants.add(edit("train." + trainField + " at the top level", trainField,
                    root -> root.set(trainField, at(root, "train").get(trainField))));
        }
        for (String optimizerField : List.of("lr", "momentum", "nesterov", "weightDecay", "schedule")) {
            mutants.add(edit("optimizer." + optimizerField + " in the backbone", "method.backbone." + optimizerField,
                    root -> at(root, "method.backbone").set(optimizerField, at(root, "method.optimizer").get(optimizerField))));
            mutants.add(edit("optimizer." + optimizerField + " in the method", "method." + optimizerField,
                    root -> at(root, "method").set(optimizerField, at(root, "method.optimizer").get(optimizerField))));
        }
        for (String section : List.of("data", "train", "executor", "augment")) {
            mutants.add(edit(section + " wrapped in itself", section,
                    root -> root.set(section, JSON.createObjectNode().set(section, root.get(section)))));
            mutants.add(edit(section + " inside method", "method." + section,
                    root -> at(root, "method").set(section, root.remove(section))));
        }
        mutants.add(edit("the backbone at the top level", "backbone",
                root -> root.set("backbone", at(root, "method").remove("backbone"))));
        mutants.add(edit("the teacher inside the backbone", "method.backbone.teacher",
                root -> at(root, "method.backbone").set("teacher", at(root, "method").remove("teacher"))));
        mutants.add(edit("seed and seeds both", "seed", root -> root.set("seeds", JSON.createArrayNode().add(1).add(2))));
        mutants.add(edit("a repeated seed", "seeds", root -> {
            root.remove("seed");
            root.set("seeds", JSON.createArrayNode().add(1).add(1));
        }));
        mutants.add(edit("no seeds in the list", "seeds", root -> {
            root.remove("seed");
            root.set("seeds", JSON.createArrayNode());
        }));
        return mutants;
    }

    private static Mutant change(String description, String field, String path, JsonNode value) {
        int dot = path.lastIndexOf('.');
        String parent = dot < 0 ? "" : path.substring(0, dot);
        String key = path.substring(dot + 1);
        return edit(description, field, root -> {
            JsonNode container = node(root, parent);
            if (container instanceof ObjectNode object) {
                object.set(key, value);
            } else {
                ((ArrayNode) container).set(Integer.parseInt(key), value);
            }
        });
    }

    private static Mutant edit(String description, String field, Consumer<ObjectNode> change) {
        ObjectNode copy = base.deepCopy();
        change.accept(copy);
        return new Mutant(description, field, copy);
    }

    /** A dotted path as messages show it: list indices in brackets ({@code hidden[0]}). */
    private static String shown(String path) {
        return path.replaceAll("\\.(\\d+)", "[$1]");
    }

    /** The object at a dotted path ({@code ""} is the root). */
    private static ObjectNode at(ObjectNode root, String path) {
        return (ObjectNode) node(root, path);
    }

    /** The node at a dotted path, list indices included. */
    private static JsonNode node(ObjectNode root, String path) {
        JsonNode node = root;
        if (!path.isEmpty()) {
            for (String part : path.split("\\.")) {
                node = node.isArray() ? node.get(Integer.parseInt(part)) : node.get(part);
            }
        }
        return node;
    }

    private static void walk(String path, JsonNode node, Map<String, JsonNode> leaves, Map<String, ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.put(path, object);
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                walk(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), leaves, objects);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                walk(path + "." + i, array.get(i), leaves, objects);
            }
        } else {
            leaves.put(path, node);
        }
    }
}
