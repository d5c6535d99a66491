/**
 * The four roles of semi-supervised learning: {@link org.ssl4j.api.role.Teacher}, {@link
 * org.ssl4j.api.role.Student}, {@link org.ssl4j.api.role.PseudoLabelStrategy} and {@link
 * org.ssl4j.api.role.AuxiliaryLoss}, with the values they exchange.
 */
package org.ssl4j.api.role;
