package org.ssl4j.runtime.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import java.util.stream.LongStream;
import org.ssl4j.api.data.Augmentation;
import org.ssl4j.api.data.SslData;
import org.ssl4j.api.method.LabeledBatch;

/**
 * A config's data loaded for one seed, checked, with its weak and strong augmentations: what
 * every run of that seed trains on. Loaded once by {@link Preflight} and shared by the runs of
 * the seed (the runs only read it); its arrays live in its own manager, closed by the preflight.
 */
public final class PreparedData {

    private final long seed;
    private final SslData data;
    private final Augmentation weak;
    private final Augmentation strong;
    private final NDManager manager;
    private LabeledBatch labeledSet;
    private NDArray unlabeledSet;

    PreparedData(long seed, SslData data, Augmentation weak, Augmentation strong, NDManager manager) {
        this.seed = seed;
        this.data = data;
        this.weak = weak;
        this.strong = strong;
        this.manager = manager;
    }

    /**
     * @return the seed the data was loaded with
     */
    public long seed() {
        return seed;
    }

    /**
     * @return the splits; the unlabeled split's labels and the test split are the runtime's
     */
    public SslData data() {
        return data;
    }

    /**
     * @return the weak augmentation (the identity when the config names none)
     */
    public Augmentation weak() {
        return weak;
    }

    /**
     * @return the strong augmentation (the identity when the config names none)
     */
    public Augmentation strong() {
        return strong;
    }

    /**
     * @return every labeled example as stored, with its label and index; made on first use and
     *     kept (a view of the split where the engine allows it, not a copy)
     */
    LabeledBatch labeledSet() {
        if (labeledSet == null) {
            ArrayDataset split = data.labeled();
            Batch all = split.getByRange(manager, 0, split.size());
            labeledSet =
                    new LabeledBatch(
                            all.getData().singletonOrThrow(),
                            all.getLabels().singletonOrThrow(),
                            LongStream.range(0, split.size()).toArray());
        }
        return labeledSet;
    }

    /**
     * @return every unlabeled example as stored, without labels; made on first use and kept
     */
    NDArray unlabeledSet() {
        if (unlabeledSet == null) {
            ArrayDataset split = data.unlabeled();
            unlabeledSet = split.getByRange(manager, 0, split.size()).getData().singletonOrThrow();
        }
        return unlabeledSet;
    }

    /** Frees the arrays. */
    void close() {
        manager.close();
    }
}
