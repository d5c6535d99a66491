/**
 * Meta Pseudo Labels (Pham et al., CVPR 2021): a teacher network makes pseudo labels, a student
 * network learns from them, and the change in the student's loss on labeled data is fed back to
 * the teacher, which learns to make labels that help the student.
 *
 * <p>The method {@code mpl} ({@link org.ssl4j.mpl.MplConfig}) has two feedback variants: {@code
 * hard} (the paper's large-scale rule, a REINFORCE-style step on sampled or argmax labels,
 * {@link org.ssl4j.mpl.MetaTeacher}) and {@code soft-exact} (the exact gradient of the student's
 * one-step-lookahead labeled loss with respect to soft labels, {@link
 * org.ssl4j.mpl.ExactSoftPhase}). The method {@code reduced-mpl} ({@link
 * org.ssl4j.mpl.ReducedMplConfig}) replaces the large teacher by a small one over the stored
 * predictions of a large teacher trained first and then freed.
 */
package org.ssl4j.mpl;
