package org.ssl4j.data.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.plugin.Component;

/**
 * The configs bind from flat JSON fields under the plugin's component names, as the runtime's
 * config reader binds them, and write back only their fields with the defaults filled in.
 */
class ConfigJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    ConfigJsonTest() {
        for (Component<DataSourceConfig> component : new DataImagesPlugin().dataSources()) {
            mapper.registerSubtypes(new NamedType(component.configType(), component.name()));
        }
    }

    @Test
    void fashionMnistBindsFlatFieldsAndWritesBackItsDefaults() throws Exception {
        DataSourceConfig config =
                mapper.readValue(
                        "{\"type\": \"fashion-mnist\", \"labeledPerClass\": 4,"
                                + " \"validationPerClass\": 10}",
                        DataSourceConfig.class);
        FashionMnistConfig fashion = assertInstanceOf(FashionMnistConfig.class, config);
        assertEquals(new SplitSettings(4, 10, true), fashion.splitSettings());
        String json = mapper.writeValueAsString(config);
        assertEquals(
                "{\"type\":\"fashion-mnist\",\"directory\":\"/usr/share/datasets/fashion-mnist\","
                        + "\"trainImages\":\"train-images-idx3-ubyte.gz\","
                        + "\"trainLabels\":\"train-labels-idx1-ubyte.gz\","
                        + "\"testImages\":\"t10k-images-idx3-ubyte.gz\","
                        + "\"testLabels\":\"t10k-labels-idx1-ubyte.gz\","
                        + "\"labeledPerClass\":4,\"validationPerClass\":10,\"normalize\":true}",
                json);
        assertEquals(config, mapper.readValue(json, DataSourceConfig.class));
    }

    @Test
    void idxBindsItsClassNames() throws Exception {
        DataSourceConfig config =
                mapper.readValue(
                        "{\"type\": \"idx\", \"trainImages\": \"a\", \"trainLabels\": \"b\","
                                + " \"testImages\": \"c\", \"testLabels\": \"d\","
                                + " \"classNames\": [\"x\", \"y\"], \"labeledPerClass\": 1,"
                                + " \"normalize\": false}",
                        DataSourceConfig.class);
        IdxConfig idx = assertInstanceOf(IdxConfig.class, config);
        assertEquals(List.of("x", "y"), idx.classNames());
        assertEquals(new SplitSettings(1, 0, false), idx.splitSettings());
    }
}
