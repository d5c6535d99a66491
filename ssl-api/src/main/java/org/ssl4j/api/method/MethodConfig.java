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

    /**
     * A preset (a name users type, such as {@code mpl}) returns the composition it stands for;
     * the runtime replaces the preset with it when it reads a config, so the run folder's
     * resolved config shows what ran. Expanding an expansion returns it unchanged.
     *
     * @return the composition, or this config (the default) when it is not a preset
     */
    default MethodConfig expand() {
        return this;
    }
}
