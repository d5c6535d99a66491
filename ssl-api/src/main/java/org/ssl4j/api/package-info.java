/**
 * The SSL4J service-provider interface (SPI): what a plugin implements and what the runtime
 * gives it.
 *
 * <p>The four roles live in {@link org.ssl4j.api.role}: {@link org.ssl4j.api.role.Teacher},
 * {@link org.ssl4j.api.role.Student}, {@link org.ssl4j.api.role.PseudoLabelStrategy} and
 * {@link org.ssl4j.api.role.AuxiliaryLoss}. Around them: training methods ({@link
 * org.ssl4j.api.method}), backbones, networks and optimizers ({@link org.ssl4j.api.model}), data
 * sources and augmentations ({@link org.ssl4j.api.data}), the plugin entry point ({@link
 * org.ssl4j.api.plugin}), config checks ({@link org.ssl4j.api.config}) and a few pure tensor
 * functions every plugin needs ({@link org.ssl4j.api.nd}).
 *
 * <p>Rules that hold across the SPI:
 *
 * <ul>
 *   <li>Every component is created from an immutable config record. The record's interface
 *       carries {@code @JsonTypeInfo(property = "type")}; a plugin registers its record under a
 *       short name with {@link org.ssl4j.api.plugin.Component}.
 *   <li>NDArray ownership: an array returned by an SPI call belongs to the {@link
 *       ai.djl.ndarray.NDManager} of the step ({@link org.ssl4j.api.method.StepContext#manager()})
 *       unless the Javadoc says otherwise. The runtime closes that manager when the step ends;
 *       nothing may keep a step's array beyond its step.
 *   <li>The SPI depends on DJL's {@code api} and on Jackson's annotations only: no engine, no
 *       runtime, no Guice.
 * </ul>
 */
package org.ssl4j.api;
