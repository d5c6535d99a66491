package org.ssl4j.data.images;

import org.ssl4j.api.config.Checks;

/**
 * The fields every image data source shares: how many labels to keep, whether to hold out a
 * validation set, whether to normalise. Each image config declares these three fields itself (so
 * a config file lists them flat, next to {@code directory}) and hands them to this record, which
 * applies the defaults and checks them once for all sources.
 *
 * <p>How every image source splits its training and test sets:
 *
 * <ul>
 *   <li>validation: {@code validationPerClass} random images of each class from the training set
 *       (none by default); they are in no training split, and the runtime reports accuracy on them
 *       beside the test accuracy ({@code validationAccuracy}), so settings can be chosen without
 *       looking at the test set;
 *   <li>unlabeled: the training set without the validation images, in file order, with their
 *       true labels (for diagnostics only);
 *   <li>labeled: {@code labeledPerClass} random images of each class from the unlabeled pool
 *       (so they are also unlabeled, as in the SSL literature), in pool order;
 *   <li>test: the test set, always.
 * </ul>
 *
 * <p>The random picks derive from the run's seed only. Batches read from the splits are float32
 * {@code (N, C, H, W)}, pixels scaled to {@code [0, 1]} and, when normalising, standardised per
 * channel with the unlabeled pool's mean and standard deviation; labels are int32 {@code (N)}. The
 * splits keep the pixels as bytes and convert each batch when it is read ({@link ImageDataset}). A class with fewer
 * training images than {@code labeledPerClass + validationPerClass} fails the load.
 *
 * @param labeledPerClass labeled training examples of each class; required, at least 1
 * @param validationPerClass examples of each class held out of the training pool as a validation
 *     split; default 0 (none), at least 0
 * @param normalize whether to subtract the per-channel mean and divide by the per-channel
 *     standard deviation of the unlabeled pool, in every split; default true
 */
public record SplitSettings(Integer labeledPerClass, Integer validationPerClass, Boolean normalize) {

    /** Applies the defaults and checks the counts. */
    public SplitSettings {
        Checks.positive("labeledPerClass", Checks.required("labeledPerClass", labeledPerClass));
        validationPerClass = validationPerClass == null ? 0 : validationPerClass;
        Checks.nonNegative("validationPerClass", validationPerClass);
        normalize = normalize == null ? Boolean.TRUE : normalize;
    }
}
