package org.ssl4j.api.role;

import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.model.Network;

/**
 * What a teacher gets when it is created.
 *
 * @param method the method's context, to create networks
 * @param student the student's network, for teachers that are, copy or average the student
 * @param strategy the rule that turns the teacher's logits into pseudo labels
 */
public record TeacherContext(MethodContext method, Network student, PseudoLabelStrategy strategy) {}
