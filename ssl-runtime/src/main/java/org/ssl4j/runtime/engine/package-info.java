/**
 * What this process runs on: the engine, the libtorch build it loaded, the GPUs it sees and the
 * executors that can run here ({@code ssl4j doctor}).
 */
package org.ssl4j.runtime.engine;
