package org.ssl4j.runtime.registry;

/** Gives the registered short name of a component config (the value of its {@code type} field). */
@FunctionalInterface
public interface ComponentNames {

    /** The key under which the config reader injects the registry's names into Jackson. */
    String INJECTION_KEY = "org.ssl4j.componentNames";

    /**
     * @param config a config record of a registered component
     * @return its registered name
     * @throws IllegalArgumentException when its class is not registered
     */
    String nameOf(Object config);
}
