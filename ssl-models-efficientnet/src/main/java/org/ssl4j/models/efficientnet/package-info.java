/**
 * EfficientNet backbones (B0-B7 as torchvision, B6-Wide of Meta Pseudo Labels, L2 of Noisy
 * Student), contributed by the {@code models-efficientnet} plugin as backbone type {@code
 * efficientnet}.
 */
package org.ssl4j.models.efficientnet;
