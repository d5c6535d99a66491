package org.ssl4j.api.role;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Config of a teacher a method picks by config, selected by {@code method.teacher.type}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface TeacherConfig {

    /**
     * @param context the student's network, the strategy, and the network factory
     * @return the teacher
     */
    Teacher create(TeacherContext context);
}
