package org.ssl4j.api.method;

import org.ssl4j.api.config.Checks;

/**
 * What a phase needs in each step; the runtime samples and augments it before calling {@link
 * Phase#step}.
 *
 * @param labeled labeled examples per step (at least 1)
 * @param unlabeled unlabeled examples per step (0 for none)
 * @param strongView whether the unlabeled batch needs a strong view besides the weak one
 */
public record BatchPlan(int labeled, int unlabeled, boolean strongView) {

    /** Checks the sizes. */
    public BatchPlan {
        Checks.positive("labeled", labeled);
        Checks.nonNegative("unlabeled", unlabeled);
        if (strongView && unlabeled == 0) {
            throw new IllegalArgumentException("a strong view needs unlabeled examples");
        }
    }

    /**
     * @param batchSize labeled examples per step
     * @return a plan with labeled data only
     */
    public static BatchPlan labeledOnly(int batchSize) {
        return new BatchPlan(batchSize, 0, false);
    }
}
