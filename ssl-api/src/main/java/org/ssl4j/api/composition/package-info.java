/**
 * How a composed method is assembled: phase types ({@link org.ssl4j.api.composition.PhaseConfig})
 * created over the roles of a composition ({@link org.ssl4j.api.composition.PhaseSetup}). It
 * sits above {@code method} and {@code role}, which do not import it.
 */
package org.ssl4j.api.composition;
