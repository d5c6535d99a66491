package org.ssl4j.api.composition;

import java.util.function.Supplier;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.role.Student;
import org.ssl4j.api.role.Teacher;

/**
 * What a {@link PhaseConfig} gets when its phases are created.
 *
 * @param method the method's context: data shapes, budget, network factory
 * @param teacher the composition's teacher, or null when it has none
 * @param student the composition's student
 * @param previous the network the phases before this one produce (the student's evaluated
 *     network unless a phase replaced it), asked for when a phase begins
 * @param path the phase's config path ({@code methods.mpl.phases[1]}), for errors
 */
public record PhaseSetup(
        MethodContext method, Teacher teacher, Student student, Supplier<Network> previous, String path) {}
