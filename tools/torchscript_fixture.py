#!/usr/bin/python3
"""Makes the TorchScript fixture of ssl-models-torchscript's tests with PyTorch.

A tiny classifier over 4 inputs and 3 classes (Linear 4->16, LayerNorm, ReLU, Linear 16->3;
parameters only, no buffers) is scripted with torch.jit.script and saved, with the logits
PyTorch computes for a fixed input batch in evaluation mode. The tests check that SSL4J (DJL on
libtorch 2.7.1) loads the file, computes the same logits within 1e-5, and trains it.

Run with Debian's PyTorch (apt-get install python3-torch; 1.13 when written):
    /usr/bin/python3 tools/torchscript_fixture.py ssl-models-torchscript/src/test/resources/torchscript
"""
import json
import os
import sys

import torch


class Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = torch.nn.Linear(4, 16)
        self.norm = torch.nn.LayerNorm(16)
        self.out = torch.nn.Linear(16, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(torch.relu(self.norm(self.hidden(x))))


def main(folder):
    torch.manual_seed(20)
    model = Tiny().eval()
    scripted = torch.jit.script(model)
    os.makedirs(folder, exist_ok=True)
    scripted.save(os.path.join(folder, "tiny.pt"))
    inputs = torch.tensor([[0.5, -1.0, 2.0, 0.25],
                           [-0.75, 0.0, 1.5, -2.0],
                           [1.0, 1.0, -1.0, 0.5]])
    with torch.no_grad():
        logits = scripted(inputs)
    record = {
        "torch": torch.__version__,
        "inputs": inputs.tolist(),
        "logits": logits.tolist(),
        "parameters": sum(p.numel() for p in model.parameters()),
    }
    with open(os.path.join(folder, "tiny-output.json"), "w") as out:
        json.dump(record, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
