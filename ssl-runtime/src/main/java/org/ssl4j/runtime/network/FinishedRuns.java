package org.ssl4j.runtime.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.Map;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;

/**
 * Where the network factory reads finished runs: the values of a backbone's {@code initFrom} and
 * the networks {@link NetworkFactory#fromRun} makes. The training code passes its reader of run
 * folders ({@code runtime.run.FinishedRun} with the config reader): the network package does not
 * read run folders or configs itself ({@code run} -> {@code config} -> {@code executor} -> {@code
 * network} would close a package cycle).
 */
public interface FinishedRuns {

    /**
     * The values of a backbone's {@code initFrom}.
     *
     * @param reference the {@code initFrom} text, {@code RUN_DIR[:network]}
     * @param target the new network's block, initialised
     * @param manager where the arrays go; the caller closes it
     * @return the values by parameter name, checked to fit {@code target}
     * @throws IllegalArgumentException naming what is missing or does not fit
     */
    Map<String, NDArray> parameters(String reference, Block target, NDManager manager);

    /**
     * A network a finished run saved, with the architecture its resolved config gives it.
     *
     * @param folder the run's folder
     * @param network the network's name, or null for the network the run reported
     * @param data the shapes to build the architecture for (this run's data)
     * @param scratch where the finished run's method may be built to learn the architecture;
     *     the caller closes it
     * @return the network's name and architecture, and its values
     * @throws IllegalArgumentException naming what the folder holds when it is no finished run
     *     or lacks the network
     */
    Saved saved(Path folder, String network, DataSpec data, NDManager scratch);

    /** A network of a finished run. */
    interface Saved {

        /**
         * @return the network's name in the finished run
         */
        String name();

        /**
         * @return its architecture, as the finished run's resolved config gives it (without
         *     {@code initFrom}: the run's values replace it)
         */
        BackboneConfig backbone();

        /**
         * @param target a block of {@link #backbone()}, initialised
         * @param manager where the arrays go; the caller closes it
         * @return the run's values by parameter name, checked to fit {@code target}
         * @throws IllegalArgumentException naming the first parameter that does not fit
         */
        Map<String, NDArray> parameters(Block target, NDManager manager);
    }
}
