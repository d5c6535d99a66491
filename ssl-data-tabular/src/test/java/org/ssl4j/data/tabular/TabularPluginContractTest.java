package org.ssl4j.data.tabular;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.api.data.AugmentationConfig;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.testkit.ConfigSample;
import org.ssl4j.testkit.PluginContractTest;

/** The csv source and the table augmentations pass the plugin contract of the test kit. */
class TabularPluginContractTest extends PluginContractTest {

    @TempDir static Path folder;

    @BeforeAll
    static void writeTables() throws IOException {
        StringBuilder train = new StringBuilder("x,colour,y,label\n");
        StringBuilder test = new StringBuilder("x,colour,y,label\n");
        for (int i = 0; i < 30; i++) {
            String row = i + "," + (i % 3 == 0 ? "red" : "blue") + "," + (i * 0.5) + ",";
            train.append(row).append(i % 4 == 3 ? "" : i % 3 == 0 ? "a" : "b").append('\n');
            test.append(row).append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        Files.writeString(folder.resolve("train.csv"), train);
        Files.writeString(folder.resolve("test.csv"), test);
    }

    @Override
    protected Class<? extends Ssl4jPlugin> pluginClass() {
        return TabularPlugin.class;
    }

    @Override
    protected List<ConfigSample> samples() {
        String train = json(folder.resolve("train.csv"));
        String test = json(folder.resolve("test.csv"));
        return List.of(
                ConfigSample.of(DataSourceConfig.class, "{\"type\": \"csv\", \"file\": " + train
                                + ", \"label\": \"label\", \"categorical\": [\"colour\"]}")
                        .withUnsetDefaults("testFile", "labeledPerClass", "classes"),
                ConfigSample.of(DataSourceConfig.class, "{\"type\": \"csv\", \"file\": " + train
                                + ", \"testFile\": " + test + ", \"label\": \"label\", \"ignore\": [\"colour\"],"
                                + " \"encoding\": \"index\", \"missing\": \"impute\", \"standardize\": false,"
                                + " \"labeledPerClass\": 2, \"classes\": [\"a\", \"b\"]}")
                        .withUnsetDefaults("testShare", "testFile", "labeledPerClass", "classes"),
                ConfigSample.of(AugmentationConfig.class, "{\"type\": \"feature-dropout\", \"p\": 0.2}"),
                ConfigSample.of(AugmentationConfig.class, "{\"type\": \"swap-noise\", \"p\": 0.3}"));
    }

    private static String json(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
