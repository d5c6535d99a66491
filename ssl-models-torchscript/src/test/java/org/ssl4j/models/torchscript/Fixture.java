package org.ssl4j.models.torchscript;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The committed fixture: tiny.pt and what PyTorch computed with it (tools/torchscript_fixture.py). */
final class Fixture {

    private Fixture() {}

    /**
     * @return the path of the fixture module
     */
    static Path module() {
        try {
            return Path.of(Fixture.class.getResource("/torchscript/tiny.pt").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param key {@code inputs} or {@code logits}
     * @return the numbers of that 3x? matrix of tiny-output.json, row by row
     */
    static float[] matrix(String key) throws IOException {
        String json;
        try (InputStream in = Fixture.class.getResourceAsStream("/torchscript/tiny-output.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Matcher block = Pattern.compile("\"" + key + "\":\\s*\\[(.*?\\])\\s*\\]", Pattern.DOTALL).matcher(json);
        if (!block.find()) {
            throw new IllegalStateException("no " + key + " in tiny-output.json");
        }
        Matcher number = Pattern.compile("-?\\d+(\\.\\d+)?([eE]-?\\d+)?").matcher(block.group(1));
        java.util.List<Float> values = new java.util.ArrayList<>();
        while (number.find()) {
            values.add(Float.parseFloat(number.group()));
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
