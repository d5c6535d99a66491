package org.ssl4j.steps;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.ssl4j.api.data.DataSpec;
import org.ssl4j.api.method.StepContext;
import org.ssl4j.api.role.AuxiliaryInputs;
import org.ssl4j.api.role.AuxiliaryLoss;
import org.ssl4j.api.role.AuxiliaryLossConfig;

/**
 * A test auxiliary term, {@code 0.01 * mean(logits^2)} summed over the unlabeled views it gets,
 * that records the shapes of the logits it was given (null for a missing view).
 */
final class RecordingAuxiliaryLoss implements AuxiliaryLoss {

    private final String name;
    private final boolean needsStrong;
    private Shape labeledShape;
    private Shape weakShape;
    private Shape strongShape;

    /**
     * @param name the term's metric name
     * @param needsStrong whether it asks for the strong view
     */
    RecordingAuxiliaryLoss(String name, boolean needsStrong) {
        this.name = name;
        this.needsStrong = needsStrong;
    }

    /**
     * @return a config whose {@code create} returns this very term
     */
    AuxiliaryLossConfig config() {
        return new AuxiliaryLossConfig() {
            @Override
            public AuxiliaryLoss create(DataSpec data) {
                return RecordingAuxiliaryLoss.this;
            }
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean needsStrongView() {
        return needsStrong;
    }

    @Override
    public NDArray compute(AuxiliaryInputs inputs, StepContext context) {
        labeledShape = inputs.labeledLogits().getShape();
        weakShape = inputs.weakLogits() == null ? null : inputs.weakLogits().getShape();
        strongShape = inputs.strongLogits() == null ? null : inputs.strongLogits().getShape();
        NDArray total = inputs.labeledLogits().getManager().zeros(new Shape());
        for (NDArray logits : new NDArray[] {inputs.weakLogits(), inputs.strongLogits()}) {
            if (logits != null) {
                total = total.add(logits.square().mean().mul(0.01f));
            }
        }
        return total;
    }

    /**
     * @return the labeled logits' shape at the last call
     */
    Shape labeledShape() {
        return labeledShape;
    }

    /**
     * @return the weak logits' shape at the last call, or null
     */
    Shape weakShape() {
        return weakShape;
    }

    /**
     * @return the strong logits' shape at the last call, or null
     */
    Shape strongShape() {
        return strongShape;
    }
}
