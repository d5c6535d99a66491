package org.ssl4j.runtime.executor;

import ai.djl.engine.Engine;
import java.util.List;
import org.ssl4j.api.config.InvalidConfigException;
import org.ssl4j.runtime.network.EngineOps;

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
                String where = field.equals("device") ? field : field + "[" + i + "]";
                throw new InvalidConfigException(
                        where,
                        problem(id, visible, EngineOps.libtorchHasCuda(), engine.getEngineName() + " " + engine.getVersion()));
            }
        }
    }

    /**
     * @param id the GPU asked for
     * @param visible how many GPUs DJL counts
     * @param libtorchHasCuda whether libtorch itself reports CUDA
     * @param engine the engine's name and version
     * @return what is wrong and what to do
     */
    static String problem(int id, int visible, boolean libtorchHasCuda, String engine) {
        String asked = "GPU " + id + " was asked for, but ";
        if (visible == 0 && libtorchHasCuda) {
            return asked + "DJL counts no GPU although libtorch reports CUDA (" + engine + "): DJL counts GPUs "
                    + "through the CUDA runtime, libcudart.so, which it did not find; put the CUDA runtime's lib "
                    + "folder on LD_LIBRARY_PATH (docs/gpu.md, `ssl4j doctor`)";
        }
        String seen =
                visible == 0
                        ? "the engine sees no GPU"
                        : "the engine sees " + visible + " GPU" + (visible == 1 ? " (id 0)" : "s (ids 0-" + (visible - 1) + ")");
        return asked + seen + " (" + engine + "). `ssl4j doctor` shows what the engine found; a CPU-only "
                + "libtorch or a missing CUDA runtime (libcudart) shows no GPU: docs/gpu.md. "
                + (visible == 0 ? "Use executor type cpu to run without one" : "Use an id the engine sees");
    }
}
