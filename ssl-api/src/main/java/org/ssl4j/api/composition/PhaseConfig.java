package org.ssl4j.api.composition;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.ssl4j.api.method.Phase;

/**
 * Config of one phase of a composed method, an element of {@code ...phases} selected by its
 * {@code type} ({@code teach-and-learn}, {@code finetune}, {@code noisy-student}, ...). Added in
 * SPI 2.0.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface PhaseConfig {

    /**
     * Creates the phase (or, for phases that repeat, such as Noisy Student's rounds, the phases)
     * over the composition's roles. Networks the phases need are created here, through {@link
     * PhaseSetup#method()}, in the order the phases are listed.
     *
     * @param setup the roles and the network the phases before this one produce
     * @return the phases, in order; at least one
     */
    java.util.List<Phase> create(PhaseSetup setup);
}
