package org.ssl4j.api.role;

import org.ssl4j.api.method.MethodContext;

/**
 * What a teacher gets when it is created.
 *
 * @param method the method's context, to create networks
 * @param student the student, for teachers that are, copy or average its network; null for a
 *     teacher that {@linkplain TeacherConfig#ownsNetwork() owns its network}
 * @param strategy the rule that turns the teacher's logits into pseudo labels
 */
public record TeacherContext(MethodContext method, Student student, PseudoLabelStrategy strategy) {}
