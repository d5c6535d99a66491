/**
 * Noisy Student (Xie et al. 2020) for SSL4J: the {@code noisy-student} method (rounds of
 * teacher pseudo-labelling on clean inputs, confidence filtering and class balancing, and a
 * noised student that becomes the next teacher) and the {@code noisy-cnn} backbone (a small CNN
 * with a width factor, dropout and stochastic depth). {@link
 * org.ssl4j.noisystudent.NoisyStudentPlugin} registers them.
 */
package org.ssl4j.noisystudent;
