#!/usr/bin/env python3
"""A PyTorch reference of the Meta Pseudo Labels step that SSL4J's `mpl` preset runs, and the
comparison with SSL4J's replay of the same steps (bench/mpl-equivalence.sh).

Written from the paper (Pham et al., CVPR 2021) and its official code as ../shared/METHODS.md
describes them, with SSL4J's documented conventions where the two differ (docs/methods.md,
"The step against a PyTorch reference"):

  teacher:  one forward pass, training mode, over concat(labeled, weak, strong)
            labels y = argmax softmax(strong logits)                     (hard, nothing masked)
  student:  before = CE(student(labeled)), evaluation mode, no gradient
            one forward pass, training mode, over the strong view
            loss = mean CE(strong logits, y; label smoothing)
            backward, Nesterov SGD step (weight decay added to the gradient), moving average
            after = CE(student(labeled)), evaluation mode, no gradient
  feedback: h = before - after; the teacher uses h - b, then b <- b + rate (h - b)
  teacher:  CE(labeled; smoothing) + UDA + (h - b) * CE(strong logits, y)
            UDA = weight * mean_i mask_i KL(p_i || softmax(strong_i)),
                  p = softmax(weak / temperature) (no gradient),
                  mask = max softmax(weak) > threshold (raw, unsharpened probabilities)
            backward, Nesterov SGD step

Usage: mpl_reference.py CONFIG.yaml INPUTS.npz SSL4J.npz
INPUTS.npz holds SSL4J's initial weights and the pre-augmented batches; SSL4J.npz its
parameters after each step and its losses. Prints, per parameter, the largest difference
relative to the parameter's norm after the last step (and over all steps), and each loss's
difference per step; exits 1 when a parameter is off by more than 1e-4.
"""
import math
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import yaml

TOLERANCE = 1e-4

# DJL's parameter names (small-cnn: layer number, layer type, parameter) -> PyTorch's
PARAMETER_NAMES = {
    "Conv2d_weight": "weight", "Conv2d_bias": "bias",
    "BatchNorm_gamma": "weight", "BatchNorm_beta": "bias",
    "BatchNorm_runningMean": "running_mean", "BatchNorm_runningVar": "running_var",
    "Linear_weight": "weight", "Linear_bias": "bias",
}


def small_cnn(channels, classes):
    """SSL4J's small-cnn layer for layer (ssl-models-basic SmallCnnConfig)."""
    layers = []
    width = channels
    for i, filters in enumerate([32, 64, 128]):
        layers += [nn.Conv2d(width, filters, 3, padding=1), nn.BatchNorm2d(filters, eps=1e-5, momentum=0.1),
                   nn.ReLU()]
        if i < 2:
            layers.append(nn.MaxPool2d(2, 2))
        width = filters
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(128, classes)]
    return nn.Sequential(*layers)


def torch_name(djl_name):
    """'06BatchNorm_runningVar' -> '4.running_var' (DJL counts layers from 1)."""
    index = int(djl_name[:2]) - 1
    return f"{index}.{PARAMETER_NAMES[djl_name[2:]]}"


def load(model, arrays, prefix):
    state = {torch_name(k[len(prefix):]): torch.from_numpy(np.array(v)) for k, v in arrays.items()
             if k.startswith(prefix)}
    missing = set(model.state_dict().keys()) - set(state.keys()) - {k for k in model.state_dict() if
                                                                    k.endswith("num_batches_tracked")}
    if missing:
        raise SystemExit(f"{prefix}: no values for {sorted(missing)}")
    model.load_state_dict(state, strict=False)


def cosine(base, total, warmup, final, update):
    """ssl-optim's cosine schedule: linear warm-up, then cosine decay to final * base."""
    if update < warmup:
        return base * (update + 1) / warmup
    progress = min(1.0, (update - warmup) / max(1, total - warmup))
    return base * (final + (1 - final) * 0.5 * (1 + math.cos(math.pi * progress)))


class Optimizer:
    """torch.optim.SGD (PyTorch's Nesterov form, weight decay in the gradient) with the schedule
    set before each update, as SSL4J's `sgd` with its `schedule`."""

    def __init__(self, model, settings, total):
        self.settings = settings
        self.total = total
        self.updates = 0
        self.sgd = torch.optim.SGD(model.parameters(), lr=settings["lr"], momentum=settings.get("momentum", 0.0),
                                   nesterov=settings.get("nesterov", False),
                                   weight_decay=settings.get("weightDecay", 0.0))

    def step(self):
        schedule = self.settings.get("schedule") or {}
        lr = self.settings["lr"]
        if schedule.get("type") == "cosine":
            lr = cosine(lr, self.total, schedule.get("warmupSteps", 0), schedule.get("finalFactor", 0.0),
                        self.updates)
        for group in self.sgd.param_groups:
            group["lr"] = float(np.float32(lr))
        self.sgd.step()
        self.sgd.zero_grad(set_to_none=False)
        self.updates += 1


def smoothed_ce(logits, labels, smoothing):
    """Mean cross-entropy against one-hot targets smoothed to (1 - s) onehot + s / K."""
    classes = logits.shape[1]
    targets = F.one_hot(labels.long(), classes).float() * (1 - smoothing) + smoothing / classes
    return -(F.log_softmax(logits, 1) * targets).sum(1).mean()


def evaluation_loss(model, x, y):
    model.eval()
    with torch.no_grad():
        loss = F.cross_entropy(model(x), y.long())
    model.train()
    return loss


class Mpl:
    """The MPL step of the `mpl` preset for the settings of one config."""

    def __init__(self, config, arrays):
        method = config["method"]
        teacher_settings = method["teacher"]
        student_settings = dict(method.get("student") or {})
        self.total = config["train"]["steps"]
        channels, classes = arrays["step/0/labeled"].shape[1], arrays["init/teacher/14Linear_bias"].shape[0]
        self.teacher, self.student = small_cnn(channels, classes), small_cnn(channels, classes)
        load(self.teacher, arrays, "init/teacher/")
        load(self.student, arrays, "init/student/")
        self.ema_decay = student_settings.get("ema")
        self.average = None
        if self.ema_decay is not None:
            self.average = small_cnn(channels, classes)
            self.average.load_state_dict(self.student.state_dict())
        self.teacher_optimizer = Optimizer(self.teacher, teacher_settings["optimizer"], self.total)
        self.student_optimizer = Optimizer(self.student, student_settings.get("optimizer") or teacher_settings["optimizer"],
                                           self.total)
        self.teacher_smoothing = teacher_settings.get("labelSmoothing", 0.0)
        self.student_smoothing = student_settings.get("labelSmoothing", 0.0)
        self.wait = student_settings.get("waitSteps", 0)
        uda = [a for a in teacher_settings.get("auxiliaryLosses", []) if a["type"] == "uda"]
        self.uda = uda[0] if uda else None
        self.baseline_rate = (method.get("feedback") or {}).get("baselineRate", 0.01)
        self.baseline = 0.0
        self.teacher.train()
        self.student.train()

    def uda_term(self, weak, strong, step):
        settings = self.uda
        weak = weak.detach()
        log_target = F.log_softmax(weak / settings.get("temperature", 0.4), 1)
        target = log_target.exp()
        mask = (F.softmax(weak, 1).max(1).values > settings.get("threshold", 0.8)).float()
        kl = -(target * F.log_softmax(strong, 1)).sum(1) + (target * log_target).sum(1)
        ramp = settings.get("warmupSteps", 0)
        weight = settings.get("weight", 1.0) * (1.0 if ramp == 0 else min(1.0, (step + 1) / ramp))
        # its gradient at the strong logits, for the diagnostics: weight / U * mask * (softmax - p)
        gradient = weight / strong.shape[0] * mask[:, None] * (F.softmax(strong.detach(), 1) - target)
        return (kl * mask).mean() * weight, mask.mean(), gradient.norm()

    def step(self, t, xl, yl, xw, xs):
        losses = {}
        n, u = xl.shape[0], xw.shape[0]
        logits = self.teacher(torch.cat([xl, xw, xs]) if self.uda else torch.cat([xl, xs]))
        t_labeled = logits[:n]
        t_weak = logits[n:n + u] if self.uda else None
        t_strong = logits[-u:]
        pseudo = t_strong.detach().softmax(1).argmax(1)

        feedback = None
        if t >= self.wait:
            before = evaluation_loss(self.student, xl, yl)
            s_loss = smoothed_ce(self.student(xs), pseudo, self.student_smoothing)
            s_loss.backward()
            self.student_optimizer.step()
            if self.average is not None:
                updates = self.student_optimizer.updates - 1
                decay = np.float32(min(self.ema_decay, (updates + 1.0) / (updates + 10.0)))
                with torch.no_grad():
                    for a, s in zip(self.average.state_dict().values(), self.student.state_dict().values()):
                        if a.dtype.is_floating_point:
                            a.mul_(decay).add_(s * (np.float32(1) - decay))
            after = evaluation_loss(self.student, xl, yl)
            feedback = (before - after).item()
            losses.update(labeledBefore=before.item(), labeledAfter=after.item(), unlabeled=s_loss.item(),
                          loss=s_loss.item(), feedback=feedback)

        t_loss = smoothed_ce(t_labeled, yl, self.teacher_smoothing)
        losses["teacherSupervised"] = t_loss.item()
        if self.uda:
            uda, rate, gradient = self.uda_term(t_weak, t_strong, t)
            losses["uda"] = uda.item()
            losses["udaMaskRate"] = rate.item()
            losses["udaGradientNorm"] = gradient.item()
            t_loss = t_loss + uda
        if feedback is not None:
            weight = feedback - self.baseline
            self.baseline += self.baseline_rate * (feedback - self.baseline)
            t_unlabeled = F.cross_entropy(t_strong, pseudo)
            losses["teacherUnlabeled"] = t_unlabeled.item()
            # the feedback term's gradient at the strong logits: (h - b) / U * (softmax - onehot(y))
            onehot = F.one_hot(pseudo, t_strong.shape[1]).float()
            losses["feedbackGradientNorm"] = (weight / u * (F.softmax(t_strong.detach(), 1) - onehot)).norm().item()
            t_loss = t_loss + np.float32(weight) * t_unlabeled
        losses["teacherLoss"] = t_loss.item()
        t_loss.backward()
        self.teacher_optimizer.step()
        return losses

    def networks(self):
        nets = {"teacher": self.teacher, "student": self.student}
        if self.average is not None:
            nets["student-ema"] = self.average
        return nets


def main():
    config_file, inputs_file, ssl4j_file = sys.argv[1:4]
    torch.set_num_threads(int(__import__("os").environ.get("THREADS", "2")))
    config = yaml.safe_load(open(config_file))
    inputs = dict(np.load(inputs_file))
    ssl4j = dict(np.load(ssl4j_file))
    mpl = Mpl(config, inputs)
    steps = 0
    while f"step/{steps}/labeled" in inputs:
        steps += 1
    worst = {}
    last = {}
    print(f"{'step':>4} {'loss term':<18} {'ssl4j':>13} {'pytorch':>13} {'difference':>11}")
    for t in range(steps):
        batch = [torch.from_numpy(inputs[f"step/{t}/{part}"]) for part in ("labeled", "labels", "weak", "strong")]
        losses = mpl.step(t, *batch)
        for name, value in losses.items():
            key = f"loss/{t}/{name}"
            if key in ssl4j:
                theirs = float(ssl4j[key])
                print(f"{t:>4} {name:<18} {theirs:>13.7f} {value:>13.7f} {theirs - value:>11.2e}")
            else:
                print(f"{t:>4} {name:<18} {'-':>13} {value:>13.7f} {'(pytorch only)':>11}")
        for net, model in mpl.networks().items():
            state = model.state_dict()
            for key in [k for k in ssl4j if k.startswith(f"after/{t}/{net}/")]:
                djl = key.split("/")[-1]
                reference = state[torch_name(djl)].detach().numpy()
                difference = np.abs(ssl4j[key] - reference).max() / max(np.linalg.norm(reference), 1e-12)
                name = f"{net}/{djl}"
                worst[name] = max(worst.get(name, 0.0), difference)
                last[name] = difference
    print()
    print(f"after {steps} steps: largest |ssl4j - pytorch| / |pytorch| per parameter")
    print(f"{'parameter':<40} {'after last step':>16} {'max over steps':>15} {'|pytorch|':>10}")
    final = {}
    for name in last:
        net, djl = name.split("/")
        final[name] = np.linalg.norm(mpl.networks()[net].state_dict()[torch_name(djl)].numpy())
        note = "  (exact gradient 0: rounding noise)" if noise_only(djl) else ""
        print(f"{name:<40} {last[name]:>16.2e} {worst[name]:>15.2e} {final[name]:>10.2e}{note}")
    checked = [n for n in last if not noise_only(n.split("/")[1])]
    largest = max(last[n] for n in checked)
    noise = [n for n in last if noise_only(n.split("/")[1])]
    print(f"\nlargest relative difference after step {steps}: {largest:.2e} "
          f"({'within' if largest <= TOLERANCE else 'ABOVE'} {TOLERANCE:g}) over {len(checked)} parameters")
    if noise:
        print(f"left out of that: {len(noise)} convolution biases followed by batch norm, whose exact gradient is 0 (the"
              f" normalisation subtracts them again); both sides hold rounding noise of norm <= "
              f"{max(final[n] for n in noise):.1e} there")
    sys.exit(0 if largest <= TOLERANCE else 1)


def noise_only(djl_name):
    """A convolution's bias directly followed by batch norm (small-cnn: every one): its gradient
    is exactly 0, so its value after a few steps is rounding noise on both sides."""
    return djl_name[2:] == "Conv2d_bias"


if __name__ == "__main__":
    main()
