package org.ssl4j.models.efficientnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The layouts and their parameter counts, computed without building or allocating anything. */
class EfficientNetLayoutTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "b0, 5288548",
        "b1, 7794184",
        "b2, 9109994",
        "b3, 12233232",
        "b4, 19341616",
        "b5, 30389784",
        "b6, 43040704",
        "b7, 66347960",
    })
    void countsTorchvisionsParametersWith1000Classes(String variant, long torchvision) {
        assertEquals(torchvision, layout(variant, false).parameterCount(3, 1000));
    }

    @Test
    void countsTheWideAndLargeStudents() {
        // Stated in EfficientNetConfig's Javadoc and the README; L2 is "about 480M" in the papers.
        assertEquals(480_309_308L, layout("l2", false).parameterCount(3, 1000));
        assertEquals(316_649_180L, layout("b6-wide", false).parameterCount(3, 1000));
    }

    @Test
    void b0HasThePapersStagesWithSqueezeAtAQuarterOfTheInput() {
        EfficientNetLayout b0 = layout("b0", false);
        assertEquals(32, b0.stemChannels());
        assertEquals(2, b0.stemStride());
        assertEquals(1280, b0.headChannels());
        List<MbConvSpec> blocks = b0.blocks();
        assertEquals(16, blocks.size());
        // Stage 1: no expansion, 32 -> 16, squeeze 32 / 4 = 8.
        assertEquals(new MbConvSpec(32, 32, 8, 16, 3, 1, 0.0), blocks.get(0));
        // Stage 2, first block: expansion 6, 16 -> 24, stride 2, squeeze 16 / 4 = 4.
        assertEquals(new MbConvSpec(16, 96, 4, 24, 3, 2, 0.2 * 1 / 16), blocks.get(1));
        // Stage 2, second block: residual.
        assertEquals(new MbConvSpec(24, 144, 6, 24, 3, 1, 0.2 * 2 / 16), blocks.get(2));
        // Last block: 192 -> 320, kernel 3, drop-path rate 0.2 * 15 / 16.
        assertEquals(new MbConvSpec(192, 1152, 48, 320, 3, 1, 0.2 * 15 / 16), blocks.get(15));
        assertEquals(List.of(false, false, true, false, true, false, true, true),
                blocks.subList(0, 8).stream().map(MbConvSpec::residual).toList());
    }

    @Test
    void dropPathRateRisesLinearlyOverAllBlocks() {
        List<MbConvSpec> blocks = layout("b2", false).blocks();
        assertEquals(23, blocks.size()); // ceil(1.2 * [1, 2, 2, 3, 3, 4, 1]) = 2+3+3+4+4+5+2
        for (int i = 0; i < blocks.size(); i++) {
            assertEquals(0.2 * i / 23, blocks.get(i).dropPathRate(), 1e-12, "block " + i);
        }
    }

    @Test
    void compoundScalingRoundsChannelsToEightAndDepthUp() {
        EfficientNetLayout b3 = layout("b3", false);
        // 32 * 1.2 = 38.4 -> 40; 320 * 1.2 = 384; head 4 * 384.
        assertEquals(40, b3.stemChannels());
        assertEquals(384, b3.blocks().get(b3.blocks().size() - 1).outChannels());
        assertEquals(1536, b3.headChannels());
        assertEquals(26, b3.blocks().size()); // ceil(1.4 * [1, 2, 2, 3, 3, 4, 1])
        EfficientNetLayout l2 = layout("l2", false);
        // 32 * 4.3 = 137.6 -> 136 (not below 90%); 320 * 4.3 = 1376.
        assertEquals(136, l2.stemChannels());
        assertEquals(5504, l2.headChannels());
        assertEquals(6 + 11 + 11 + 16 + 16 + 22 + 6, l2.blocks().size());
    }

    @Test
    void smallInputKeepsTheResolutionInTheStemAndStagesTwoAndThree() {
        EfficientNetLayout small = layout("b0", true);
        EfficientNetLayout regular = layout("b0", false);
        assertEquals(1, small.stemStride());
        int stride = small.stemStride();
        for (MbConvSpec block : small.blocks()) {
            stride *= block.stride();
        }
        assertEquals(4, stride);
        // Stage 2 starts at block 1, stage 3 at block 3, stage 4 (still stride 2) at block 5.
        assertEquals(1, small.blocks().get(1).stride());
        assertEquals(1, small.blocks().get(3).stride());
        assertEquals(2, small.blocks().get(5).stride());
        assertEquals(regular.parameterCount(1, 10), small.parameterCount(1, 10));
    }

    private static EfficientNetLayout layout(String variant, boolean smallInput) {
        return EfficientNetLayout.of(EfficientNetVariant.named("variant", variant), 0.2, smallInput);
    }
}
