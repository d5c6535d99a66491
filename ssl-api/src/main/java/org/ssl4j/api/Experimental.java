package org.ssl4j.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a part of the SPI that is not stable yet: it may change or go away in any version,
 * without the SPI version's major number changing. The build's API-compatibility check of
 * {@code ssl-api} (japicmp against {@code ssl-api/api-baseline/ssl-api-baseline.jar}) leaves
 * marked types, methods, constructors and fields out; everything else may only change in
 * compatible ways (new types, new default methods) within a major SPI version.
 *
 * <p>The check compares with the baseline, so a part is free to change once the recorded
 * baseline has it marked: mark a new part when it is added (then re-record the baseline with
 * {@code ssl-api/api-baseline/record.sh}). Marking a part that the baseline has unmarked counts as
 * removing it, which fails the check, as it should: it was promised stable.
 *
 * <p>A plugin may use an experimental part, knowing that a later runtime may refuse it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface Experimental {}
