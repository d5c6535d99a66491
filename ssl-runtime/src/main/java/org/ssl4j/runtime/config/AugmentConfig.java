package org.ssl4j.runtime.config;

import org.ssl4j.api.data.AugmentationConfig;

/**
 * The config's {@code augment} section: how the runtime makes the weak and strong views of a
 * batch. A left-out view is the identity.
 *
 * @param weak applied to labeled inputs and to the unlabeled weak view, or null
 * @param strong applied to the unlabeled strong view, or null
 */
public record AugmentConfig(AugmentationConfig weak, AugmentationConfig strong) {

    /** No augmentation at all. */
    public static final AugmentConfig NONE = new AugmentConfig(null, null);
}
