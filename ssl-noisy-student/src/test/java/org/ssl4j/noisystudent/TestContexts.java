package org.ssl4j.noisystudent;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.Artifacts;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.method.LabeledBatch;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.UnlabeledBatch;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.testkit.fixtures.BlockNetwork;

/** The runtime's contexts, as small test doubles. */
final class TestContexts {

    private TestContexts() {}

    /** Makes {@link IdentityLinear} networks and remembers them in creation order. */
    static final class Methods implements MethodContext {
        private final DataSpec data;
        private final Budget budget;
        private final NDManager manager;
        final List<BlockNetwork> created = new ArrayList<>();

        Methods(DataSpec data, Budget budget, NDManager manager) {
            this.data = data;
            this.budget = budget;
            this.manager = manager;
        }

        @Override
        public DataSpec data() {
            return data;
        }

        @Override
        public Budget budget() {
            return budget;
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

        /**
         * @return the names of the networks made so far, in creation order
         */
        List<String> names() {
            return created.stream().map(BlockNetwork::name).toList();
        }
    }

    /** Artifacts kept in memory, by name. */
    static final class Recorded implements Artifacts {
        final Map<String, String> written = new LinkedHashMap<>();

        @Override
        public void write(Kind kind, String name, String text) {
            if (kind != Kind.PSEUDO_LABELS) {
                throw new AssertionError("unexpected artifact kind " + kind);
            }
            written.put(name, text);
        }
    }

    /** A phase context over given examples, keeping what the phase hands over. */
    record Phase(LabeledBatch labeledSet, NDArray unlabeledSet, NDManager manager, Random random, Recorded artifacts)
            implements PhaseContext {}

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
     * @param manager owns the array
     * @param rows one example per row
     * @return the examples {@code (N, width)}
     */
    static NDArray examples(NDManager manager, float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
        }
        return manager.create(flat, new Shape(rows.length, rows[0].length));
    }

    /**
     * @return two classes of 2-D vectors
     */
    static DataSpec twoClasses() {
        return new DataSpec(new Shape(2), 2, List.of("a", "b"), "test vectors");
    }
}
