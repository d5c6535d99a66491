import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.IntStream;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.Budget;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.model.ResumableOptimizer;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.state.StateReader;
import org.ssl4j.api.state.StateWriter;
import org.ssl4j.models.basic.SmallCnnConfig;
import org.ssl4j.models.basic.WideResNetConfig;
import org.ssl4j.models.efficientnet.EfficientNetConfig;
import org.ssl4j.optim.SgdConfig;
import org.ssl4j.runtime.network.EngineOps;
import org.ssl4j.runtime.network.NetworkFactory;

/**
 * Times the parts of one supervised training step (forward + loss, backward, optimizer update,
 * closing the step's manager) on the runtime's networks, for docs/benchmarks.md. Run by
 * bench/breakdown.sh; step_breakdown.py times the same parts in PyTorch.
 *
 * <p>Runs the step twice in one process: with the fused update the runtime gives an elementwise
 * optimizer (all parameters in one flat array), then with the same optimizer updating one
 * parameter at a time (as before the fused update), so the two can be compared on a busy
 * machine. A JSON line each.
 */
public final class StepBreakdown {

    /** The same optimizer, updating one parameter at a time: the runtime does not fuse it. */
    private static final class OneByOne extends ResumableOptimizer {
        private final ResumableOptimizer inner;

        OneByOne(ResumableOptimizer inner) {
            super(new Settings());
            this.inner = inner;
        }

        @Override
        public void update(String parameterId, NDArray weight, NDArray grad) {
            inner.update(parameterId, weight, grad);
        }

        @Override
        public void saveState(String parameterId, StateWriter state) {
            inner.saveState(parameterId, state);
        }

        @Override
        public void restoreState(String parameterId, StateReader state, NDArray weight) {
            inner.restoreState(parameterId, state, weight);
        }

        private static final class Settings extends OptimizerBuilder<Settings> {
            @Override
            protected Settings self() {
                return this;
            }
        }
    }

    public static void main(String[] args) {
        // a third argument "fused" or "per-parameter" times only that update
        String only = args.length < 3 ? "both" : args[2];
        boolean[] updates = only.equals("fused")
                ? new boolean[] {true}
                : only.equals("per-parameter") ? new boolean[] {false} : new boolean[] {true, false};
        for (boolean fused : updates) {
            run(args[0], Integer.parseInt(args[1]), fused);
        }
    }

    /** The process's minor page faults so far (fresh memory touched), from /proc/self/stat. */
    private static long minorFaults() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static void run(String model, int threads, boolean fused) {
        boolean wrn = model.equals("wrn-28-2");
        boolean efficientNet = model.equals("efficientnet-b0");
        int steps = wrn || efficientNet ? 10 : 60;
        int batch = efficientNet ? 16 : 64;
        EngineOps.setThreads(threads);
        EngineOps.setGradMode(false);
        Shape example =
                efficientNet ? new Shape(3, 64, 64) : wrn ? new Shape(3, 32, 32) : new Shape(1, 28, 28);
        List<String> classes = IntStream.range(0, 10).mapToObj(String::valueOf).toList();
        DataSpec data = new DataSpec(example, 10, classes, "random");
        BackboneConfig backbone =
                efficientNet
                        ? new EfficientNetConfig("b0", null, null, null, null, null)
                        : wrn ? new WideResNetConfig(null, null, null, null, null) : new SmallCnnConfig();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = 0;
        long faultsStart = 0;
        try (NDManager run = NDManager.newBaseManager()) {
            NetworkFactory factory = new NetworkFactory(data, new Budget(100L, batch, 0), 0, run);
            OptimizerConfig sgd = new SgdConfig(0.05, 0.9, true, 5e-4, null);
            OptimizerConfig optimizer = fused ? sgd : total -> new OneByOne(sgd.create(total));
            Network net = factory.trainable("student", backbone, optimizer, 100);
            NDArray x0 = run.randomNormal(new Shape(batch).addAll(example));
            NDArray y0 = run.randomInteger(0, 10, new Shape(batch), DataType.INT32);
            double[] total = new double[4];
            for (int i = 0; i < steps + 10; i++) {
                if (i == 10) {
                    cpuStart = os.getProcessCpuTime();
                    faultsStart = minorFaults();
                }
                long[] t = new long[5];
                t[0] = System.nanoTime();
                NDManager step = run.newSubManager();
                NDArray x = x0.duplicate();
                x.attach(step);
                NDArray y = y0.duplicate();
                y.attach(step);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = Losses.crossEntropy(net.forward(x, true), y, 0).mean();
                    t[1] = System.nanoTime();
                    collector.backward(loss);
                    t[2] = System.nanoTime();
                }
                net.update();
                t[3] = System.nanoTime();
                step.close();
                t[4] = System.nanoTime();
                for (int k = 0; i >= 10 && k < 4; k++) {
                    total[k] += (t[k + 1] - t[k]) / 1e6 / steps;
                }
            }
            System.out.printf(
                    "{\"impl\": \"ssl4j-djl\", \"model\": \"%s\", \"update\": \"%s\", \"threads\": %d,"
                            + " \"forward_loss_ms\": %.2f,"
                            + " \"backward_ms\": %.2f, \"update_ms\": %.2f, \"close_ms\": %.2f,"
                            + " \"process_cpu_ms\": %.2f, \"minor_faults\": %d, \"peak_rss_mib\": %.1f}%n",
                    model, fused ? "fused" : "per-parameter", threads, total[0], total[1], total[2], total[3],
                    (os.getProcessCpuTime() - cpuStart) / 1e6 / steps, (minorFaults() - faultsStart) / steps,
                    org.ssl4j.runtime.training.StepBenchmark.peakRssMib());
        }
    }
}
