package org.ssl4j.runtime.network;

import ai.djl.nn.Block;
import java.util.Objects;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.model.BackboneConfig;

/**
 * A backbone that starts from a finished run's parameters: what a config's {@code backbone:
 * {type: ..., initFrom: RUN_DIR[:network]}} reads into. Any backbone can carry {@code initFrom}:
 * the config reader takes the field off before the backbone's own record reads the rest, and
 * wraps the record in this one; the config writer puts it back beside the backbone's fields, so
 * a run folder's {@code config.yaml} shows it. The network factory loads the parameters after
 * the seeded initialisation (see {@link FinishedRuns});
 * a resumed run restores its checkpoint instead.
 *
 * @param backbone the architecture, whose {@link #build} this delegates to
 * @param initFrom {@code RUN_DIR} or {@code RUN_DIR:network}: a finished run's folder and the
 *     network of it to start from (default: the network the run evaluated)
 */
public record InitFromBackbone(BackboneConfig backbone, String initFrom) implements BackboneConfig {

    /** Checks that both parts are present. */
    public InitFromBackbone {
        Objects.requireNonNull(backbone, "backbone");
        Objects.requireNonNull(initFrom, "initFrom");
    }

    /**
     * @param data the data's shapes
     * @return the wrapped backbone's block
     */
    @Override
    public Block build(DataSpec data) {
        return backbone.build(data);
    }
}
