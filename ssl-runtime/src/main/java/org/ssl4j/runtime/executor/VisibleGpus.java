package org.ssl4j.runtime.executor;

import ai.djl.engine.Engine;
import java.util.List;
import org.ssl4j.api.config.InvalidConfigException;

/** The check that the GPUs a config names exist, made before a run does any work. */
final class VisibleGpus {

    private VisibleGpus() {}

    /**
     * @param ids GPU ids the config names
     * @param field the config field that names them, for the message
     * @throws InvalidConfigException naming the field and the first id that is not visible, with
     *     what the engine does see and where to look next
     */
    static void check(List<Integer> ids, String field) {
        Engine engine = Engine.getInstance();
        int visible = engine.getGpuCount();
        for (int i = 0; i < ids.size(); i++) {
            int id = ids.get(i);
            if (id >= visible) {
                String where = ids.size() == 1 && field.equals("device") ? field : field + "[" + i + "]";
                String seen =
                        visible == 0
                                ? "the engine sees no GPU"
                                : "the engine sees " + visible + " GPU" + (visible == 1 ? "" : "s") + " (ids 0-" + (visible - 1) + ")";
                throw new InvalidConfigException(
                        where,
                        "GPU " + id + " was asked for, but " + seen + " (" + engine.getEngineName() + " "
                                + engine.getVersion() + "). `ssl4j doctor` shows what the engine found; a CPU-only "
                                + "libtorch or a missing CUDA runtime (libcudart) shows no GPU: docs/gpu.md. "
                                + "Use executor type cpu to run without one");
            }
        }
    }
}
