package org.ssl4j.models.efficientnet;

/**
 * The epsilon and running-statistics momentum of every batch norm of a network.
 *
 * @param epsilon added to the variance before the square root
 * @param momentum in PyTorch's convention: {@code running = (1 - momentum) * running + momentum
 *     * batch}. DJL's {@code BatchNorm.optMomentum} takes the opposite (MXNet, TensorFlow)
 *     convention, {@code running = m * running + (1 - m) * batch}: DJL's PyTorch engine passes
 *     {@code 1 - m} to {@code torch.batch_norm}. So PyTorch's 0.01 is DJL's and TensorFlow's 0.99.
 */
record BatchNormSettings(double epsilon, double momentum) {

    /**
     * @return the momentum in DJL's convention, {@code 1 - momentum}
     */
    double djlMomentum() {
        return 1 - momentum;
    }
}
