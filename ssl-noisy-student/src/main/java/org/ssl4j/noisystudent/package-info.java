/**
 * Noisy Student (Xie et al. 2020) for SSL4J: the {@code noisy-student} phase type (rounds of
 * teacher pseudo-labelling of the unlabeled pool as stored, confidence filtering and class
 * balancing, and a noised student that becomes the next teacher), the {@code noisy-student}
 * preset (a network trained on labels, then those rounds) and the {@code noisy-cnn} backbone (a
 * small CNN with a width factor, dropout and stochastic depth). {@link
 * org.ssl4j.noisystudent.NoisyStudentPlugin} registers them.
 */
package org.ssl4j.noisystudent;
