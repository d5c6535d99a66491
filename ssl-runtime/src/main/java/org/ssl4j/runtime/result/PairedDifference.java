package org.ssl4j.runtime.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.TTest;

/**
 * A method against a baseline over the seeds both ran: the mean of the per-seed differences
 * {@code method - baseline}, its 95% confidence interval from Student's t distribution with
 * {@code n - 1} degrees of freedom ({@code mean ± t(0.975, n-1) · sd / sqrt(n)}), and the
 * two-sided paired t-test's p-value (Apache Commons Statistics).
 *
 * <p>With one shared seed there is no interval and no p-value ({@code null}). When every seed
 * differs by the same amount the interval is that amount and the p-value is 0 (1 when the amount
 * is 0).
 *
 * @param method the method
 * @param baseline the baseline method
 * @param seeds the seeds both ran, ascending
 * @param mean the mean difference
 * @param low the interval's lower end, {@code null} with fewer than 2 seeds
 * @param high the interval's upper end, {@code null} with fewer than 2 seeds
 * @param pValue the paired t-test's two-sided p-value, {@code null} with fewer than 2 seeds
 */
public record PairedDifference(
        String method, String baseline, List<Long> seeds, double mean, Double low, Double high, Double pValue) {

    /** Confidence level of the interval. */
    public static final double LEVEL = 0.95;

    /** Copies the list. */
    public PairedDifference {
        seeds = List.copyOf(seeds);
    }

    /**
     * @param method the method's name
     * @param values the method's value per seed
     * @param baseline the baseline's name
     * @param baselineValues the baseline's value per seed
     * @return the difference over the shared seeds, or {@code null} when they share none
     */
    public static PairedDifference of(
            String method, Map<Long, Double> values, String baseline, Map<Long, Double> baselineValues) {
        List<Long> shared = new ArrayList<>(new TreeMap<>(values).keySet());
        shared.retainAll(baselineValues.keySet());
        int n = shared.size();
        if (n == 0) {
            return null;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            x[i] = values.get(shared.get(i));
            y[i] = baselineValues.get(shared.get(i));
            sum += x[i] - y[i];
        }
        double mean = sum / n;
        if (n < 2) {
            return new PairedDifference(method, baseline, shared, mean, null, null, null);
        }
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = x[i] - y[i] - mean;
            squares += d * d;
        }
        double sd = Math.sqrt(squares / (n - 1));
        if (sd == 0) {
            return new PairedDifference(method, baseline, shared, mean, mean, mean, mean == 0 ? 1.0 : 0.0);
        }
        double half = TDistribution.of(n - 1).inverseSurvivalProbability((1 - LEVEL) / 2) * sd / Math.sqrt(n);
        double p = TTest.withDefaults().pairedTest(x, y).getPValue();
        return new PairedDifference(method, baseline, shared, mean, mean - half, mean + half, p);
    }

    /**
     * @return whether the interval includes 0 (or there is none): no difference shown at 95%
     */
    public boolean coversZero() {
        return low == null || (low <= 0 && high >= 0);
    }
}
