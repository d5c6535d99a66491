import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ssl4j.runtime.Ssl4j;
import org.ssl4j.runtime.config.RunConfig;
import org.ssl4j.runtime.training.PreparedData;
import org.ssl4j.runtime.training.PreparedMethod;
import org.ssl4j.runtime.training.Preflight;
import org.ssl4j.runtime.training.StepReplay;

/**
 * The SSL4J half of bench/mpl-equivalence.sh: exports the initial networks of the config's only
 * method and STEPS real batches (drawn and augmented as a run draws them) to INPUTS.npz, then
 * builds the method again, loads those weights and replays the steps on those batches, writing
 * the parameters after each step and the losses to RESULT.npz. mpl_reference.py runs the same
 * steps in PyTorch from INPUTS.npz and compares.
 *
 *   java -cp APP bench/MplEquivalence.java CONFIG STEPS INPUTS.npz RESULT.npz
 */
public final class MplEquivalence {

    public static void main(String[] args) throws Exception {
        Path configFile = Path.of(args[0]);
        int steps = Integer.parseInt(args[1]);
        Path inputs = Path.of(args[2]);
        Path result = Path.of(args[3]);
        Ssl4j ssl4j = Ssl4j.create();
        RunConfig config = ssl4j.readConfig(configFile);
        if (config.methods().size() != 1) {
            throw new IllegalArgumentException(configFile + ": the equivalence check needs exactly one method");
        }
        String name = config.methods().keySet().iterator().next();
        long seed = config.seeds().get(0);
        try (Preflight preflight = Preflight.open(config, configFile.toString(), ssl4j.plugins())) {
            PreparedData data = preflight.data(seed);
            try (PreparedMethod method = preflight.method(name, seed)) {
                StepReplay.export(data, method, steps, inputs);
            }
            List<Map<String, Double>> losses;
            try (PreparedMethod method = preflight.method(name, seed)) {
                losses = StepReplay.replay(data, method, inputs, result);
            }
            for (int t = 0; t < losses.size(); t++) {
                System.out.println("ssl4j step " + t + ": " + losses.get(t));
            }
        }
    }
}
