package org.ssl4j.api.method;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Config of a training method, selected by {@code method.type}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface MethodConfig {

    /**
     * Creates the method for one run (one seed): its networks, roles and phases.
     *
     * @param context data shapes, budget, and the network factory
     * @return the method
     */
    TrainingMethod create(MethodContext context);
}
