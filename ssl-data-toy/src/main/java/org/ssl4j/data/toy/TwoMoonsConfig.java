package org.ssl4j.data.toy;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.api.data.DataContext;
import org.ssl4j.api.data.DataSourceConfig;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.data.SslData;

/**
 * The {@code two-moons} data source: the toy problem of the Meta Pseudo Labels paper, two
 * interleaved half circles in the plane (see {@link MoonPoints} for the geometry) with a handful
 * of labels.
 *
 * <p>Splits: the unlabeled pool has {@code examples} points, half of each class; the labeled
 * split is {@code labeledPerClass} points of each class drawn from the pool (so they are also in
 * the unlabeled pool, as in the SSL literature), in pool order; the test split has {@code
 * testExamples} fresh points; the validation split, when asked for, {@code validationPerClass}
 * further points of each class drawn like the pool's but in no training split. The unlabeled
 * split carries its true labels for diagnostics. All randomness derives from {@link
 * DataContext#seed()}, with separate streams for the pool, the labeled pick, the test set and the
 * validation set (so asking for a validation split changes no other split).
 *
 * @param examples points in the unlabeled pool; default 2000, even, at least 2
 * @param labeledPerClass labeled points of each class; default 3, in [1, examples / 2]
 * @param noise standard deviation of the Gaussian noise on each coordinate; default 0.1, at
 *     least 0
 * @param testExamples points in the test split, {@code testExamples / 2} of class 0 and the rest
 *     of class 1; default 1000, at least 2
 * @param validationPerClass points of each class in the validation split; default 0 (none), at
 *     least 0
 */
public record TwoMoonsConfig(
        Integer examples, Integer labeledPerClass, Double noise, Integer testExamples, Integer validationPerClass)
        implements DataSourceConfig {

    private static final long POOL_STREAM = 1;
    private static final long LABELED_STREAM = 2;
    private static final long TEST_STREAM = 3;
    private static final long VALIDATION_STREAM = 4;

    /** Applies the defaults and checks the counts and the noise. */
    public TwoMoonsConfig {
        examples = examples == null ? 2000 : examples;
        labeledPerClass = labeledPerClass == null ? 3 : labeledPerClass;
        noise = noise == null ? 0.1 : noise;
        testExamples = testExamples == null ? 1000 : testExamples;
        validationPerClass = validationPerClass == null ? 0 : validationPerClass;
        Checks.nonNegative("validationPerClass", validationPerClass);
        Checks.positive("examples", examples);
        if (examples % 2 != 0) {
            throw new InvalidConfigException(
                    "examples", "must be even (half of each class), got " + examples);
        }
        Checks.inRange("labeledPerClass", labeledPerClass, 1, examples / 2);
        Checks.nonNegative("noise", noise);
        if (testExamples < 2) {
            throw new InvalidConfigException(
                    "testExamples", "must be at least 2 (one of each class), got " + testExamples);
        }
    }

    /**
     * Settings without a validation split.
     *
     * @param examples see the record
     * @param labeledPerClass see the record
     * @param noise see the record
     * @param testExamples see the record
     */
    public TwoMoonsConfig(Integer examples, Integer labeledPerClass, Double noise, Integer testExamples) {
        this(examples, labeledPerClass, noise, testExamples, null);
    }

    /**
     * Generates the splits in {@code context.manager()}, one array per split's data and
     * one per its labels.
     *
     * @param context the seed and the run's manager
     * @return the splits; spec {@code (2)}, classes {@code upper} (0) and {@code lower} (1)
     */
    @Override
    public SslData load(DataContext context) {
        long seed = context.seed();
        int perClass = examples / 2;
        MoonPoints pool =
                MoonPoints.sample(perClass, perClass, noise, new Random(derive(seed, POOL_STREAM)));
        MoonPoints labeled =
                pool.subset(pickLabeled(pool, new Random(derive(seed, LABELED_STREAM))));
        MoonPoints test =
                MoonPoints.sample(
                        testExamples / 2,
                        testExamples - testExamples / 2,
                        noise,
                        new Random(derive(seed, TEST_STREAM)));
        String description =
                String.format(
                        "two moons: %d unlabeled, %d labeled (%d per class), %d test,%s noise %s,"
                                + " seed %d",
                        examples, labeled.size(), labeledPerClass, testExamples,
                        validationPerClass == 0 ? "" : " " + 2 * validationPerClass + " validation,", noise, seed);
        DataSpec spec = new DataSpec(new Shape(2), 2, List.of("upper", "lower"), description);
        return new SslData(
                spec,
                labeled.toDataset(context.manager()),
                pool.toDataset(context.manager()),
                test.toDataset(context.manager()),
                validationPerClass == 0
                        ? null
                        : MoonPoints.sample(
                                        validationPerClass,
                                        validationPerClass,
                                        noise,
                                        new Random(derive(seed, VALIDATION_STREAM)))
                                .toDataset(context.manager()));
    }

    /** Picks {@code labeledPerClass} random indices of each class, returned in pool order. */
    private int[] pickLabeled(MoonPoints pool, Random random) {
        int[] picked = new int[2 * labeledPerClass];
        for (int label = 0; label < 2; label++) {
            List<Integer> ofClass = new ArrayList<>();
            for (int i = 0; i < pool.size(); i++) {
                if (pool.label(i) == label) {
                    ofClass.add(i);
                }
            }
            Collections.shuffle(ofClass, random);
            for (int k = 0; k < labeledPerClass; k++) {
                picked[label * labeledPerClass + k] = ofClass.get(k);
            }
        }
        Arrays.sort(picked);
        return picked;
    }

    /** Mixes the run's seed and a stream number into an independent seed (SplitMix64). */
    private static long derive(long seed, long stream) {
        long z = seed + stream * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
