#!/usr/bin/env python3
"""The backend table's PyTorch column: the engine's Small CNN and steps, in PyTorch, timed.

The same model (conv 3x3 C -> pool 2 -> conv 3x3 2C -> pool 2 -> dense H -> dense 10, ReLU), the
same optimiser (SGD, Nesterov momentum 0.9, weight decay 5e-4), batch and steps as
src/hosts/bench/backends.ts measures in tfjs:

  natural step   a batch gathered from the training set, cross-entropy, backward, SGD step
  LTD step       teacher forward; PGD-5 on CE from a uniform start in the eps-ball; soft CE on the
                 teacher's softmax at tau plus lambda * KL(student(x) || student(x')); backward, step
  PGD-10         ten signed-gradient steps on a batch, keeping each example's best iterate (one
                 forward and backward per step, as the engine's evaluation PGD), then a last forward

Random pixels stand in for the digits: the time does not depend on their values. Prints one JSON
object (median over rounds of ms per step). Run by backends-node.ts --torch; alone:

  python3 src/hosts/bench/torch_step.py --rounds 3 --threads 1
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F


def small_cnn(channels, hidden):
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, channels, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(channels, 2 * channels, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(2 * channels * 5 * 5, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 10),
    )


def project(x_adv, x, eps):
    return torch.clamp(torch.min(torch.max(x_adv, x - eps), x + eps), 0, 1)


def pgd_craft(model, x, y, eps, steps, keep_best):
    """PGD-K on CE from a uniform start; with keep_best, each example's first misclassified iterate."""
    alpha = 2.5 * eps / steps
    x_adv = project(x + torch.empty_like(x).uniform_(-eps, eps), x, eps)
    best = x.clone()
    fooled = torch.zeros(x.shape[0], dtype=torch.bool)
    for _ in range(steps):
        x_adv.requires_grad_(True)
        logits = model(x_adv)
        loss = F.cross_entropy(logits, y, reduction='sum')
        (grad,) = torch.autograd.grad(loss, x_adv)
        with torch.no_grad():
            if keep_best:
                wrong = logits.argmax(-1) != y
                take = wrong & ~fooled
                best[take] = x_adv[take]
                fooled |= wrong
            x_adv = project(x_adv + alpha * grad.sign(), x, eps)
    if keep_best:
        with torch.no_grad():
            wrong = model(x_adv).argmax(-1) != y
            best[wrong & ~fooled] = x_adv[wrong & ~fooled]
        return best
    return x_adv.detach()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--steps', type=int, default=4)
    parser.add_argument('--batch', type=int, default=128)
    parser.add_argument('--channels', type=int, default=8)
    parser.add_argument('--hidden', type=int, default=64)
    parser.add_argument('--threads', type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    eps, tau, lam = 0.3, 5.0, 6.0
    n = args.steps * args.batch
    images = torch.rand(n, 1, 28, 28)
    labels = torch.randint(0, 10, (n,))
    model, teacher = small_cnn(args.channels, args.hidden), small_cnn(args.channels, args.hidden)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, nesterov=True, weight_decay=5e-4)

    def batches():
        order = torch.randperm(n)
        for i in range(args.steps):
            at = order[i * args.batch:(i + 1) * args.batch]
            yield images[at], labels[at]

    def natural_step(x, y):
        optimizer.zero_grad()
        F.cross_entropy(model(x), y).backward()
        optimizer.step()

    def ltd_step(x, y):
        with torch.no_grad():
            soft = F.softmax(teacher(x) / tau, -1)
        x_adv = pgd_craft(model, x, y, eps, 5, keep_best=False)
        optimizer.zero_grad()
        logits = model(x)
        kl = F.kl_div(F.log_softmax(model(x_adv), -1), F.softmax(logits, -1), reduction='batchmean')
        (-(soft * F.log_softmax(logits, -1)).sum(-1).mean() + lam * kl).backward()
        optimizer.step()

    def per_step(step):
        for x, y in batches():  # warm-up
            step(x, y)
        t0 = time.perf_counter()
        for x, y in batches():
            step(x, y)
        return 1000 * (time.perf_counter() - t0) / args.steps

    def pgd10():
        x, y = images[:args.batch], labels[:args.batch]
        pgd_craft(model, x, y, eps, 10, keep_best=True)
        t0 = time.perf_counter()
        pgd_craft(model, x, y, eps, 10, keep_best=True)
        return 1000 * (time.perf_counter() - t0)

    rounds = [{'naturalStepMs': per_step(natural_step), 'ltdStepMs': per_step(ltd_step), 'pgd10Ms': pgd10()} for _ in range(args.rounds)]
    print(json.dumps({
        'torch': torch.__version__, 'threads': torch.get_num_threads(),
        **{key: statistics.median(r[key] for r in rounds) for key in rounds[0]}, 'perRound': rounds,
    }))


if __name__ == '__main__':
    main()
