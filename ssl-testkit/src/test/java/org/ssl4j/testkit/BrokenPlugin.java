package org.ssl4j.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.google.auto.service.AutoService;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.ssl4j.api.config.Checks;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.BatchPlan;
import org.ssl4j.api.method.MethodConfig;
import org.ssl4j.api.method.MethodContext;
import org.ssl4j.api.method.Phase;
import org.ssl4j.api.method.PhaseContext;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.method.StepResult;
import org.ssl4j.api.method.TrainingMethod;
import org.ssl4j.api.model.BackboneConfig;
import org.ssl4j.api.model.Network;
import org.ssl4j.api.model.OptimizerConfig;
import org.ssl4j.api.nd.Losses;
import org.ssl4j.api.plugin.Component;
import org.ssl4j.api.plugin.SpiVersion;
import org.ssl4j.api.plugin.Ssl4jPlugin;
import org.ssl4j.api.role.AuxiliaryInputs;
import org.ssl4j.api.role.AuxiliaryLoss;
import org.ssl4j.api.role.AuxiliaryLossConfig;

/**
 * A plugin whose components each break one rule of the contract, so that the kit's own tests can
 * show each check failing. Registered on the kit's test class path only.
 */
@AutoService(Ssl4jPlugin.class)
public final class BrokenPlugin implements Ssl4jPlugin {

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public String version() {
        return "0.0.1";
    }

    @Override
    public String spiVersion() {
        return "0.9";
    }

    @Override
    public List<Component<AuxiliaryLossConfig>> auxiliaryLosses() {
        return List.of(
                Component.of("keeps-an-array", KeepsAnArray.class, "attaches a step's array to the run's manager"),
                Component.of("ignores-unknown-fields", IgnoresUnknownFields.class, "accepts any field"),
                Component.of("unseeded", Unseeded.class, "draws from an unseeded generator"),
                Component.of("no-default", NoDefault.class, "leaves an optional field null"),
                Component.of("unnamed-required", UnnamedRequired.class, "a required field refused without its name"));
    }

    @Override
    public List<Component<MethodConfig>> methods() {
        return List.of(Component.of("l2-on-parameters", L2OnParameters.class, "an L2 term on the parameters"));
    }

    /** Keeps a copy of each step's weak logits in the manager above the step's. */
    public record KeepsAnArray() implements AuxiliaryLossConfig {
        @Override
        public AuxiliaryLoss create(DataSpec data) {
            return loss("keeps-an-array", (inputs, step) -> {
                NDArray kept = inputs.weakLogits().duplicate();
                kept.attach(step.manager().getParentManager());
                return inputs.weakLogits().mean();
            });
        }
    }

    /**
     * Accepts and drops unknown fields.
     *
     * @param weight default 1
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IgnoresUnknownFields(Double weight) implements AuxiliaryLossConfig {
        /** Fills the default. */
        public IgnoresUnknownFields {
            weight = weight == null ? 1.0 : weight;
        }

        @Override
        public AuxiliaryLoss create(DataSpec data) {
            return loss("ignores-unknown-fields", (inputs, step) -> inputs.weakLogits().mean().mul(weight));
        }
    }

    /** Scales by a number from an unseeded generator. */
    public record Unseeded() implements AuxiliaryLossConfig {
        @Override
        public AuxiliaryLoss create(DataSpec data) {
            Random random = new Random();
            return loss("unseeded", (inputs, step) -> inputs.weakLogits().mean().mul(random.nextFloat()));
        }
    }

    /**
     * Leaves {@code weight} null when it is left out.
     *
     * @param weight optional, but without a default
     */
    public record NoDefault(Double weight) implements AuxiliaryLossConfig {
        @Override
        public AuxiliaryLoss create(DataSpec data) {
            return loss("no-default", (inputs, step) -> inputs.weakLogits().mean());
        }
    }

    /**
     * Refuses a missing {@code weight} with a message that does not name it.
     *
     * @param weight required
     */
    public record UnnamedRequired(Double weight) implements AuxiliaryLossConfig {
        /** Refuses null without naming the field. */
        public UnnamedRequired {
            if (weight == null) {
                throw new IllegalArgumentException("missing value");
            }
        }

        @Override
        public AuxiliaryLoss create(DataSpec data) {
            return loss("unnamed-required", (inputs, step) -> inputs.weakLogits().mean());
        }
    }

    /**
     * Supervised training plus an L2 term computed on copies of the parameters made in the
     * phase's manager instead of the step's, so they pile up in a manager that lives across
     * steps.
     *
     * @param backbone required
     * @param optimizer required
     */
    public record L2OnParameters(BackboneConfig backbone, OptimizerConfig optimizer) implements MethodConfig {
        /** Checks the required fields. */
        public L2OnParameters {
            Checks.required("backbone", backbone);
            Checks.required("optimizer", optimizer);
        }

        @Override
        public TrainingMethod create(MethodContext context) {
            Network network = context.trainable("student", backbone, optimizer, context.budget().steps());
            Phase phase = new Phase() {
                private NDManager phaseManager;

                @Override
                public void begin(PhaseContext phaseContext) {
                    phaseManager = phaseContext.manager();
                }

                @Override
                public String name() {
                    return "train";
                }

                @Override
                public long steps() {
                    return context.budget().steps();
                }

                @Override
                public BatchPlan batches() {
                    return BatchPlan.labeledOnly(context.budget().batchSize());
                }

                @Override
                public StepResult step(StepContext step) {
                    NDArray loss;
                    try (GradientCollector collector = step.newGradientCollector()) {
                        loss = Losses.crossEntropy(
                                        network.forward(step.labeled().inputs(), true), step.labeled().labels(), 0f)
                                .mean();
                        for (NDArray parameter : network.parameters(phaseManager)) {
                            loss = loss.add(parameter.square().sum().mul(1e-4f));
                        }
                        collector.backward(loss);
                    }
                    network.update();
                    return new StepResult(Map.of("loss", loss), step.labeled().inputs().getShape().get(0));
                }
            };
            return new TrainingMethod() {
                @Override
                public List<Phase> phases() {
                    return List.of(phase);
                }

                @Override
                public Network evaluated() {
                    return network;
                }
            };
        }
    }

    private static AuxiliaryLoss loss(
            String name, BiFunction<AuxiliaryInputs, StepContext, NDArray> compute) {
        return new AuxiliaryLoss() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public NDArray compute(AuxiliaryInputs inputs, StepContext context) {
                return compute.apply(inputs, context);
            }
        };
    }
}
