package org.ssl4j.runtime.result;

import java.nio.file.Path;
import java.util.List;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;

/**
 * The outcome of one training run (one method, one seed).
 *
 * @param method the method's display name
 * @param seed the seed
 * @param accuracy the final test accuracy of the evaluated network
 * @param steps the steps run, all phases together
 * @param wallSeconds the run's wall-clock time, data loading and saving included
 * @param runDir the run folder
 * @param modelDir the folder holding the evaluated network's parameter file
 * @param evaluations every evaluation, in order
 * @param metrics the full metrics of the last evaluation (per class, confusion matrix)
 * @param data the data's shapes and class names
 * @param network the evaluated network's name
 * @param backbone the evaluated network's architecture
 */
public record TrainResult(
        String method,
        long seed,
        double accuracy,
        long steps,
        double wallSeconds,
        Path runDir,
        Path modelDir,
        List<Evaluation> evaluations,
        Metrics metrics,
        DataSpec data,
        String network,
        BackboneConfig backbone) {

    /** Copies the list. */
    public TrainResult {
        evaluations = List.copyOf(evaluations);
    }

    /**
     * Loads the trained network from the run folder for prediction. The caller closes it.
     *
     * @return the model
     */
    public TrainedModel loadModel() {
        return TrainedModel.load(modelDir, network, backbone, data);
    }
}
