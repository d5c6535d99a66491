"""Times the parts of one supervised training step in PyTorch, like bench/StepBreakdown.java.

  python3 bench/step_breakdown.py REFERENCE_DIR MODEL THREADS   (MODEL: small-cnn, wrn-28-2 or
  efficientnet-b0)
"""
import json, resource, sys, time

import torch
import torch.nn.functional as F

sys.path.insert(0, sys.argv[1])
import torch_reference as reference  # noqa: E402

model, threads = sys.argv[2], int(sys.argv[3])
torch.set_num_threads(threads)
torch.manual_seed(0)
wrn, efficientnet = model == "wrn-28-2", model == "efficientnet-b0"
net = reference.build(model, 3 if wrn or efficientnet else 1)
batch = 16 if efficientnet else 64
x = torch.randn(batch, *((3, 64, 64) if efficientnet else (3, 32, 32) if wrn else (1, 28, 28)))
y = torch.randint(0, 10, (batch,))
opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=5e-4)
steps = 10 if wrn or efficientnet else 60
total = [0.0, 0.0, 0.0]
for i in range(steps + 10):
    if i == 10:
        cpu_start = time.process_time()
        faults_start = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    t0 = time.perf_counter()
    loss = F.cross_entropy(net(x), y)
    t1 = time.perf_counter()
    opt.zero_grad(set_to_none=True)
    loss.backward()
    t2 = time.perf_counter()
    opt.step()
    t3 = time.perf_counter()
    if i >= 10:
        for k, d in enumerate((t1 - t0, t2 - t1, t3 - t2)):
            total[k] += d * 1000 / steps
print(json.dumps({"impl": "pytorch-eager", "model": model, "threads": threads,
                  "forward_loss_ms": round(total[0], 2), "backward_ms": round(total[1], 2),
                  "update_ms": round(total[2], 2),
                  "process_cpu_ms": round((time.process_time() - cpu_start) * 1000 / steps, 2),
                  "minor_faults": (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults_start) // steps,
                  "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
