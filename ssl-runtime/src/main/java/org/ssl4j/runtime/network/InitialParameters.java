package org.ssl4j.runtime.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.Map;

/**
 * Where a backbone's {@code initFrom} gets its values: the training code passes {@code
 * runtime.run.FinishedRun::parameters} (the network package does not read run folders itself).
 */
@FunctionalInterface
public interface InitialParameters {

    /**
     * @param reference the {@code initFrom} text, {@code RUN_DIR[:network]}
     * @param target the new network's block, initialised
     * @param manager where the arrays go; the caller closes it
     * @return the values by parameter name, checked to fit {@code target}
     * @throws IllegalArgumentException naming what is missing or does not fit
     */
    Map<String, NDArray> parameters(String reference, Block target, NDManager manager);
}
