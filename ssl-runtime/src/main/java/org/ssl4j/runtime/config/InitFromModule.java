package org.ssl4j.runtime.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.runtime.network.InitFromBackbone;

/**
 * Jackson's handling of {@code initFrom} beside any backbone's {@code type}: reading takes the
 * field off and wraps the backbone's record in an {@link InitFromBackbone}; writing puts it back
 * after the backbone's own fields. Every mapper that reads or writes configs registers it.
 */
final class InitFromModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** The field's name in configs. */
    static final String FIELD = "initFrom";

    private static final ObjectMapper TREES = new ObjectMapper();

    InitFromModule() {
        super("ssl4j-init-from");
        addDeserializer(BackboneConfig.class, new Reader());
        addSerializer(InitFromBackbone.class, new Writer());
    }

    /** Reads a backbone, with or without {@code initFrom}. */
    private static final class Reader extends StdDeserializer<BackboneConfig> {

        private static final long serialVersionUID = 1L;

        Reader() {
            super(BackboneConfig.class);
        }

        @Override
        public BackboneConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            throw JsonMappingException.from(p, "a backbone needs its type");
        }

        @Override
        public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer types)
                throws IOException {
            JsonNode node = ctxt.readTree(p);
            JsonNode initFrom = null;
            if (node instanceof ObjectNode object && object.has(FIELD)) {
                object = object.deepCopy();
                initFrom = object.remove(FIELD);
                node = object;
                if (!initFrom.isTextual() || initFrom.asText().isBlank()) {
                    throw JsonMappingException.from(p, "initFrom must be text", new InvalidConfigException(
                            FIELD, "must be RUN_DIR or RUN_DIR:network (a finished run's folder), got " + initFrom));
                }
            }
            BackboneConfig backbone;
            try (JsonParser tree = node.traverse(p.getCodec())) {
                tree.nextToken();
                backbone = (BackboneConfig) types.deserializeTypedFromAny(tree, ctxt);
            }
            return initFrom == null ? backbone : new InitFromBackbone(backbone, initFrom.asText());
        }
    }

    /** Writes the wrapped backbone with its type and fields, then {@code initFrom}. */
    private static final class Writer extends StdSerializer<InitFromBackbone> {

        private static final long serialVersionUID = 1L;

        Writer() {
            super(InitFromBackbone.class);
        }

        @Override
        public void serialize(InitFromBackbone value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            TokenBuffer buffer = new TokenBuffer(TREES, false);
            provider.findTypedValueSerializer(value.backbone().getClass(), true, null)
                    .serialize(value.backbone(), buffer, provider);
            JsonNode written;
            try (JsonParser parser = buffer.asParser(TREES)) {
                written = TREES.readTree(parser);
            }
            ((ObjectNode) written).put(FIELD, value.initFrom());
            provider.defaultSerializeValue(written, gen);
        }

        @Override
        public void serializeWithType(
                InitFromBackbone value, JsonGenerator gen, SerializerProvider provider, TypeSerializer types)
                throws IOException {
            serialize(value, gen, provider);
        }
    }
}
