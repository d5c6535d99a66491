package org.ssl4j.runtime.run;

/** Whether a run starts from nothing or continues from the newest good checkpoint in its folder. */
public enum StartMode {
    /** A new run: the folder's old checkpoints and metrics are discarded. */
    FRESH,
    /** Continue from the newest checkpoint that verifies ({@code ssl4j train --resume}). */
    RESUME
}
