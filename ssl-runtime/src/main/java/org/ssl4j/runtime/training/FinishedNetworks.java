package org.ssl4j.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.runtime.config.ConfigException;
import org.ssl4j.runtime.config.ConfigReader;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.network.DjlNetwork;
import org.ssl4j.runtime.network.FinishedRuns;
import org.ssl4j.runtime.network.InitFromBackbone;
import org.ssl4j.runtime.network.NetworkFactory;
import org.ssl4j.runtime.registry.ComponentNames;
import org.ssl4j.runtime.run.FinishedRun;

/**
 * The runtime's reader of finished runs for the network factory: {@code initFrom} values through
 * {@link FinishedRun#parameters}, and {@code MethodContext.fromRun} networks, whose architecture
 * it learns by reading the finished run's resolved config and creating its method on a scratch
 * factory over this run's data (the network must be one the method makes when it is created,
 * not one a phase makes later). That scratch factory reads no {@code initFrom}: the finished
 * run's values replace it.
 */
public final class FinishedNetworks implements FinishedRuns {

    private final ConfigReader reader;
    private final ComponentNames names;

    /**
     * @param reader reads a finished run's config; null when configs cannot be read here (only
     *     {@code initFrom} works then)
     * @param names the registered names of component configs, for the scratch factory
     */
    public FinishedNetworks(ConfigReader reader, ComponentNames names) {
        this.reader = reader;
        this.names = names;
    }

    @Override
    public Map<String, NDArray> parameters(String reference, Block target, NDManager manager) {
        return FinishedRun.parameters(reference, target, manager);
    }

    @Override
    public Saved saved(Path folder, String network, DataSpec data, NDManager scratch) {
        FinishedRun run = FinishedRun.open(folder);
        String name = run.network(network);
        if (reader == null) {
            throw new IllegalArgumentException("cannot read the config of " + run + " here (no config reader)");
        }
        RunConfig config;
        try {
            config = reader.read(run.config(), ConfigReader.Format.YAML, folder.resolve("config.yaml").toString());
        } catch (ConfigException e) {
            throw new IllegalArgumentException("the config of the run in " + folder + " no longer reads: "
                    + e.getMessage(), e);
        }
        if (config.methods().size() != 1 || config.seeds().size() != 1) {
            throw new IllegalArgumentException(folder + "'s config has several methods or seeds: not a run folder's");
        }
        MethodConfig method = config.methods().values().iterator().next();
        NetworkFactory probe = new NetworkFactory(
                data, config.train().budget(), config.seeds().get(0), scratch, List.of(scratch.getDevice()), names);
        probe.resuming();
        probe.finishedRuns(this);
        method.create(probe);
        DjlNetwork made = probe.networks().get(name);
        if (made == null) {
            throw new IllegalArgumentException("the run in " + folder + " makes network '" + name
                    + "' during its training, not when its method is created, so its architecture is not known here;"
                    + " the networks its method creates: " + String.join(", ", probe.networks().keySet()));
        }
        BackboneConfig backbone = made.backbone() instanceof InitFromBackbone init ? init.backbone() : made.backbone();
        return new Saved() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BackboneConfig backbone() {
                return backbone;
            }

            @Override
            public Map<String, NDArray> parameters(Block target, NDManager manager) {
                return run.parametersFor(name, target, manager);
            }
        };
    }
}
