package org.ssl4j.api.role;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.ssl4j.api.method.MethodContext;

/** Config of a student, selected by {@code ...student.type}. Added in SPI 2.0. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface StudentConfig {

    /**
     * Creates the student and its networks through {@code context}.
     *
     * @param context the data, budget and network factory of the method
     * @return the student
     */
    Student create(MethodContext context);
}
