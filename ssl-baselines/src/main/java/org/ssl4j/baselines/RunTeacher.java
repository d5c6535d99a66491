package org.ssl4j.baselines;

import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.PseudoLabelStrategy;
import org.ssl4j.api.role.PseudoLabels;
import org.ssl4j.api.role.Teacher;

/** A frozen network from a finished run that labels the weak view in evaluation mode. */
final class RunTeacher implements Teacher {

    /** The name of the loaded network in this run. */
    static final String NETWORK_NAME = "teacher";

    private final Network network;
    private final PseudoLabelStrategy strategy;

    RunTeacher(Network network, PseudoLabelStrategy strategy) {
        this.network = network;
        this.strategy = strategy;
    }

    @Override
    public PseudoLabels teach(StepContext context) {
        return strategy.label(network.forward(view().of(context.unlabeled()), false));
    }
}
