package org.ssl4j.baselines;

import org.ssl4j.api.config.Checks;
import org.ssl4j.api.role.Teacher;
import org.ssl4j.api.role.TeacherConfig;
import org.ssl4j.api.role.TeacherContext;

/**
 * Config of the {@code ema} teacher: an exponential moving average of the student's parameters
 * (Mean Teacher).
 *
 * @param decay the weight of the average's current value in each update, in [0, 1); default
 *     0.999
 */
public record EmaTeacherConfig(Double decay) implements TeacherConfig {

    /** Fills the default and checks the range. */
    public EmaTeacherConfig {
        decay = decay == null ? 0.999 : decay;
        Checks.belowOne("decay", decay);
    }

    @Override
    public Teacher create(TeacherContext context) {
        return new EmaTeacher(context, decay);
    }
}
