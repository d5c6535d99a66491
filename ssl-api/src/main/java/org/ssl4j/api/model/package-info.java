/** Backbones, the networks built from them, optimizers and learning-rate schedules. */
package org.ssl4j.api.model;
