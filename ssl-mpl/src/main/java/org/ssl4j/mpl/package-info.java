/**
 * Meta Pseudo Labels (Pham et al., CVPR 2021): a teacher network makes pseudo labels, a student
 * network learns from them, and the change in the student's loss on labeled data is fed back to
 * the teacher, which learns to make labels that help the student.
 *
 * <p>Built on the support library's composition ({@code teacher-student}): the {@code meta}
 * teacher ({@link org.ssl4j.mpl.MetaTeacher}, the hard feedback rule and its sign, Reduced MPL's
 * large teacher), the {@code soft-exact} phase ({@link org.ssl4j.mpl.SoftExactPhase}, the exact
 * gradient of the student's one-step-lookahead labeled loss with respect to soft labels), and
 * the presets {@code mpl} ({@link org.ssl4j.mpl.MplConfig}) and {@code reduced-mpl} ({@link
 * org.ssl4j.mpl.ReducedMplConfig}) that expand to compositions.
 */
package org.ssl4j.mpl;
