package org.ssl4j.noisystudent;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.dataset.ArrayDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.TrainSettings;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.testkit.fixtures.BlockNetwork;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.OptimizerConfig;

/** The runtime's contexts, as small test doubles. */
final class TestContexts {

    private TestContexts() {}

    /** Makes {@link IdentityLinear} networks and remembers them in creation order. */
    static final class Methods implements MethodContext {
        private final DataSpec data;
        private final TrainSettings train;
        private final NDManager manager;
        final List<BlockNetwork> created = new ArrayList<>();

        Methods(DataSpec data, TrainSettings train, NDManager manager) {
            this.data = data;
            this.train = train;
            this.manager = manager;
        }

        @Override
        public DataSpec data() {
            return data;
        }

        @Override
        public TrainSettings train() {
            return train;
        }

        @Override
        public long seed() {
            return 1;
        }

        @Override
        public Network trainable(
                String name, BackboneConfig backbone, OptimizerConfig optimizer, long totalSteps) {
            BlockNetwork network = IdentityLinear.network(name, data, manager, 0.1f);
            created.add(network);
            return network;
        }

        @Override
        public Network frozen(String name, BackboneConfig backbone) {
            throw new UnsupportedOperationException("Noisy Student trains every network");
        }
    }

    /** A phase context with a run folder. */
    record Phase(SslData data, NDManager manager, Random random, Path folder) implements PhaseContext {
        @Override
        public Optional<Path> runFolder() {
            return Optional.of(folder);
        }
    }

    /** A step context over given batches. */
    record Step(NDManager manager, LabeledBatch labeled, UnlabeledBatch unlabeled, Random random)
            implements StepContext {
        @Override
        public String phase() {
            return "round-1";
        }

        @Override
        public long step() {
            return 0;
        }

        @Override
        public long steps() {
            return 1;
        }

        @Override
        public GradientCollector newGradientCollector() {
            return Engine.getInstance().newGradientCollector();
        }
    }

    /**
     * @param manager owns the arrays
     * @param rows one example per row
     * @param labels one label per row, or null for an unlabeled split
     * @return the split
     */
    static ArrayDataset split(NDManager manager, float[][] rows, int[] labels) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
        }
        ArrayDataset.Builder builder =
                new ArrayDataset.Builder()
                        .setData(manager.create(flat, new Shape(rows.length, rows[0].length)))
                        .setSampling(1, false);
        if (labels != null) {
            builder.optLabels(manager.create(labels));
        }
        return builder.build();
    }

    /**
     * @return two classes of 2-D vectors
     */
    static DataSpec twoClasses() {
        return new DataSpec(new Shape(2), 2, List.of("a", "b"), "test vectors");
    }
}
