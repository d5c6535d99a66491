/**
 * The {@code torchscript} backbone: a network scripted or traced in PyTorch, loaded through
 * DJL's engine-neutral {@link ai.djl.Model} API and trained, saved and resumed like SSL4J's own.
 */
package org.ssl4j.models.torchscript;
