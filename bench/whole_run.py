#!/usr/bin/env python3
"""A whole training run written the way a PyTorch user would, timed like `ssl4j bench --run`.

Fashion-MNIST with 100 labels per class, the small CNN, labeled batch 32 and 3 unlabeled images
per labeled one, weak view = flip + reflect-pad-2 crop, strong view = RandAugment(2, 10) + an 8-px
cutout, SGD (lr 0.05, Nesterov momentum 0.9, weight decay 5e-4, cosine schedule after 100 warm-up
steps), loss read every 10 steps: the settings of examples/fashion-mnist-1k-uda-fixmatch.yaml
(method fixmatch) and examples/fashion-mnist-1k-mpl.yaml (method mpl). Data come from a
DataLoader with worker processes and torchvision transforms on PIL images, as in the FixMatch and
MPL reference code.

  python3 bench/whole_run.py --method fixmatch --steps 100 --warmup 10 --threads 2 --workers 2

Prints one JSON line: steps per second over the timed steps (the clock starts when the warm-up
steps are done and stops after the last step; loading the data set is outside it) and peak
memory: the main process's peak resident set plus the workers' proportional set size (shared
pages split between processes) at the last step.
Needs: apt-get install python3-torch python3-torchvision
"""
import argparse, gzip, json, math, os, resource, struct, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader, Dataset, RandomSampler
from torchvision import transforms

DATA = "/usr/share/datasets/fashion-mnist"


def idx(path):
    with gzip.open(path, "rb") as f:
        magic, = struct.unpack(">I", f.read(4))
        dims = struct.unpack(">" + "I" * (magic & 0xFF), f.read(4 * (magic & 0xFF)))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def small_cnn(classes=10, channels=1):
    return nn.Sequential(
        nn.Conv2d(channels, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        nn.Flatten(), nn.Linear(128, classes))


class Cutout:
    """Sets a random size x size square of a normalised image tensor to 0 (the data's mean)."""

    def __init__(self, size):
        self.size = size

    def __call__(self, x):
        h, w = x.shape[-2:]
        cy, cx = np.random.randint(h), np.random.randint(w)
        y0, y1 = max(0, cy - self.size // 2), min(h, cy + self.size // 2)
        x0, x1 = max(0, cx - self.size // 2), min(w, cx + self.size // 2)
        x[..., y0:y1, x0:x1] = 0
        return x


class Images(Dataset):
    def __init__(self, images, labels, views):
        self.images, self.labels, self.views = images, labels, views

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        image = Image.fromarray(self.images[i])
        views = [view(image) for view in self.views]
        return (*views, int(self.labels[i])) if self.labels is not None else tuple(views)


def forever(loader):
    while True:
        yield from loader


def cosine(step, total, warmup=100):
    if step < warmup:
        return (step + 1) / warmup
    return 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, total - warmup)))


def pss_mib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--method", choices=["fixmatch", "mpl"], required=True)
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--mu", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    images, labels = idx(f"{DATA}/train-images-idx3-ubyte.gz"), idx(f"{DATA}/train-labels-idx1-ubyte.gz")
    labeled = np.concatenate([rng.choice(np.flatnonzero(labels == c), 100, replace=False) for c in range(10)])
    unlabeled = np.setdiff1d(np.arange(len(images)), labeled)
    mean, std = images[unlabeled].mean() / 255, images[unlabeled].std() / 255
    to_tensor = [transforms.ToTensor(), transforms.Normalize((mean,), (std,))]
    weak = transforms.Compose([transforms.RandomHorizontalFlip(), transforms.RandomCrop(28, 2, padding_mode="reflect"),
                               *to_tensor])
    strong = transforms.Compose([transforms.RandAugment(2, 10), *to_tensor, Cutout(8)])
    total = a.warmup + a.steps
    labeled_loader = DataLoader(Images(images[labeled], labels[labeled], [weak]), batch_size=a.batch,
                                sampler=RandomSampler(range(len(labeled)), replacement=True, num_samples=a.batch * total),
                                num_workers=a.workers, drop_last=True, persistent_workers=a.workers > 0)
    unlabeled_loader = DataLoader(Images(images[unlabeled], None, [weak, strong]), batch_size=a.batch * a.mu,
                                  shuffle=True, num_workers=a.workers, drop_last=True, persistent_workers=a.workers > 0)
    labeled_iter, unlabeled_iter = forever(labeled_loader), forever(unlabeled_loader)

    def sgd(net):
        opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=5e-4)
        return opt, torch.optim.lr_scheduler.LambdaLR(opt, lambda s: cosine(s, total))

    student = small_cnn()
    s_opt, s_sched = sgd(student)
    if a.method == "mpl":
        teacher = small_cnn()
        t_opt, t_sched = sgd(teacher)
    baseline = 0.0

    def step(i):
        nonlocal baseline
        xl, y = next(labeled_iter)
        uw, us = next(unlabeled_iter)
        b = xl.shape[0]
        if a.method == "fixmatch":
            logits = student(torch.cat((xl, uw, us)))
            l_l, (l_w, l_s) = logits[:b], logits[b:].chunk(2)
            conf, hard = torch.softmax(l_w.detach(), -1).max(-1)
            loss = F.cross_entropy(l_l, y) + (F.cross_entropy(l_s, hard, reduction="none") * conf.ge(0.95).float()).mean()
            s_opt.zero_grad(set_to_none=True)
            loss.backward()
            s_opt.step()
            s_sched.step()
            return loss
        t_logits = teacher(torch.cat((xl, uw, us)))
        t_l, (t_w, t_s) = t_logits[:b], t_logits[b:].chunk(2)
        soft = torch.softmax(t_w.detach() / 0.4, -1)
        conf = torch.softmax(t_w.detach(), -1).max(-1)[0]
        uda = torch.mean(-(soft * torch.log_softmax(t_s, -1)).sum(-1) * conf.ge(0.8).float())
        t_sup = F.cross_entropy(t_l, y) + 1.0 * uda
        hard = t_s.detach().argmax(-1)
        s_logits = student(torch.cat((xl, us)))
        before = F.cross_entropy(s_logits[:b].detach(), y)
        s_loss = F.cross_entropy(s_logits[b:], hard)
        s_opt.zero_grad(set_to_none=True)
        s_loss.backward()
        s_opt.step()
        s_sched.step()
        with torch.no_grad():
            after = F.cross_entropy(student(xl), y)
        change = (before - after).item()
        baseline += 0.01 * (change - baseline)
        t_opt.zero_grad(set_to_none=True)
        (t_sup + (change - baseline) * F.cross_entropy(t_s, hard)).backward()
        t_opt.step()
        t_sched.step()
        return s_loss

    started = None
    for i in range(total):
        loss = step(i)
        if (i + 1) % 10 == 0 or i + 1 == total:
            loss.item()
        if i + 1 == a.warmup:
            started = time.perf_counter()
    seconds = time.perf_counter() - started
    main_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_pss = sum(pss_mib(pid) for pid in child_pids())
    print(json.dumps({
        "impl": "pytorch-eager", "torch": torch.__version__, "method": a.method, "threads": a.threads,
        "workers": a.workers, "warmup": a.warmup, "steps": a.steps, "seconds": round(seconds, 2),
        "steps_per_s": round(a.steps / seconds, 2), "main_peak_rss_mib": round(main_peak, 1),
        "workers_pss_mib": round(worker_pss, 1), "peak_rss_mib": round(main_peak + worker_pss, 1),
    }))


def child_pids():
    try:
        with open(f"/proc/{os.getpid()}/task/{os.getpid()}/children") as f:
            return [int(pid) for pid in f.read().split()]
    except OSError:
        return []


if __name__ == "__main__":
    main()
