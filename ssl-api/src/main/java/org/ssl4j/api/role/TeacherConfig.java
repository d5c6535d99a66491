package org.ssl4j.api.role;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Config of a teacher, selected by {@code ...teacher.type}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface TeacherConfig {

    /**
     * @param context the method's context, the student (unless {@link #ownsNetwork()}) and the
     *     strategy
     * @return the teacher
     */
    Teacher create(TeacherContext context);

    /**
     * Whether the teacher has a network of its own that it initialises, rather than one that is,
     * copies or averages the student's. A method creates such a teacher before its student (so
     * its network is initialised first, and it gets no student); others after it.
     *
     * @return false by default
     */
    default boolean ownsNetwork() {
        return false;
    }
}
