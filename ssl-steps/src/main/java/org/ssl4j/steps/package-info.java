/**
 * The support library for methods: what every SSL method shares, written once. Plugins may
 * depend on it; it depends on {@code ssl-api} and DJL's {@code api} only.
 *
 * <ul>
 *   <li>Step code: {@link org.ssl4j.steps.JointForward} (one forward pass over joined parts),
 *       {@link org.ssl4j.steps.Updates} (clip and update; the supervised step), {@link
 *       org.ssl4j.steps.MovingAverage}, {@link org.ssl4j.steps.AuxiliaryLosses}, {@link
 *       org.ssl4j.steps.BasicPhase}.
 *   <li>The composition: {@link org.ssl4j.steps.TeacherStudentConfig} ({@code teacher-student}),
 *       the {@code cross-entropy} student, the {@code teach-and-learn} and {@code finetune} phases,
 *       the {@code hard} and {@code soft} pseudo-label strategies, registered by {@link
 *       org.ssl4j.steps.StepsPlugin}.
 * </ul>
 */
package org.ssl4j.steps;
