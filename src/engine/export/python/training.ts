/**
 * Python text: the training loop (src/engine/train/trainer.ts), the optimiser and weight decay
 * (train/optimizer.ts, train/gradients.ts), the learning-rate schedule (train/schedule.ts), AWP
 * (train/awp.ts), augmentation (data/augment.ts) and the per-epoch evaluation (experiment.ts),
 * run one process per device under torchrun (DistributedDataParallel) or alone.
 */
export const PY_TRAINING = String.raw`
# ----------------------------------------------------------------------------------------------
# Optimiser, weight decay, schedule, AWP (src/engine/train/)
# ----------------------------------------------------------------------------------------------
def make_optimizer(model):
    """SGD, momentum 0.9, Nesterov (tfjs's update equals PyTorch's), or Adam with tfjs's epsilon.
    Weight decay is not the optimiser's: the engine adds (wd / 2) sum ||w||^2 to the loss of
    every step (StepLoss below), for every parameter, with either optimiser."""
    if CONFIG["optimizer"] == "sgd":
        return torch.optim.SGD(model.parameters(), lr=CONFIG["learningRate"], momentum=MOMENTUM, nesterov=True)
    return torch.optim.Adam(model.parameters(), lr=CONFIG["learningRate"], betas=(0.9, 0.999), eps=ADAM_EPSILON)


def learning_rate_at(epoch, epochs):
    """The rate of epoch (1-based) of epochs: constant; piecewise x0.1 after each milestone passed;
    cosine from the base rate towards 0 (src/engine/train/schedule.ts)."""
    base = CONFIG["learningRate"]
    if CONFIG["lrSchedule"] == "piecewise":
        # JavaScript's Math.round (halves up), not Python's round (halves to even).
        milestones = [math.floor(fraction * epochs + 0.5) for fraction in PIECEWISE_MILESTONES]
        return base * PIECEWISE_FACTOR ** sum(1 for m in milestones if epoch > m)
    if CONFIG["lrSchedule"] == "cosine":
        return base * 0.5 * (1 + math.cos(math.pi * (epoch - 1) / epochs))
    return base


class StepLoss(nn.Module):
    """A step's loss as one module: the method's batch loss and the weight-decay penalty. Wrapped in
    DistributedDataParallel, the whole step is one forward per backward even when the method calls
    the model twice (on x and on x')."""

    def __init__(self, model, objective, weight_decay):
        super().__init__()
        self.model = model
        self.objective = objective
        self.weight_decay = weight_decay

    def forward(self, x, x_adv, y, teacher_logits, weight):
        """weight: this process's share of the global batch times the number of processes (1 when the
        shares are equal), so that DDP's average over processes is the global batch mean."""
        data_loss = weight * self.objective.loss(self.model, x, x_adv, y, teacher_logits)
        penalty = sum(p.pow(2).sum() for p in self.model.parameters())
        return data_loss + (self.weight_decay / 2) * penalty, data_loss


def plain_step(step_loss, model, batch):
    """Gradients of loss + weight decay at the current weights; returns the (weighted) data loss."""
    total, data_loss = step_loss(*batch)
    total.backward()
    return data_loss.detach()


def awp_step(step_loss, model, batch):
    """AWP (Wu et al. 2020) as src/engine/train/awp.ts: v = gamma ||w|| g / ||g|| per weight matrix or
    kernel (not biases), g the gradient of the method's own loss; the step's gradients are taken
    at w + v, then w is copied back exactly and the optimiser steps from it."""
    _, data_loss = step_loss(*batch)
    data_loss.backward()  # the ascent direction of the (weighted) data loss: the global batch mean's
    perturbed = [p for p in model.parameters() if p.dim() > 1]
    with torch.no_grad():
        saved = [p.detach().clone() for p in perturbed]
        for p in perturbed:
            p.add_(p.grad * (CONFIG["awpGamma"] * p.norm() / (p.grad.norm() + 1e-20)))
    model.zero_grad(set_to_none=True)
    try:
        return plain_step(step_loss, model, batch)
    finally:
        with torch.no_grad():
            for p, w in zip(perturbed, saved):
                p.copy_(w)


# ----------------------------------------------------------------------------------------------
# Augmentation (src/engine/data/augment.ts): random crop with zero padding, flips on CIFAR-10
# ----------------------------------------------------------------------------------------------
def augmentation():
    if CONFIG["augment"] != "on" or CONFIG["dataset"] not in ("mnist", "fashion-mnist", "cifar10"):
        return None
    return (4, True) if CONFIG["dataset"] == "cifar10" else (2, False)


def engine_crops(rng, count, pad, flip):
    """The engine's draws for count examples, in its order: row offset, column offset, flip."""
    draws = []
    for _ in range(count):
        dy = math.floor(rng.next() * (2 * pad + 1))
        dx = math.floor(rng.next() * (2 * pad + 1))
        draws.append((dy, dx, flip and rng.next() < 0.5))
    return draws


def augment_batch(x, pad, flip, noise):
    """Per example: a crop of the zero-padded image at a random offset, mirrored if drawn so."""
    b, c, h, w = x.shape
    padded = F.pad(x, (pad, pad, pad, pad))
    if getattr(noise, "crops", None) is not None:
        dy, dx, mirrored = (torch.tensor(column, device=x.device) for column in zip(*noise.crops))
    else:
        dy = torch.randint(0, 2 * pad + 1, (b,), generator=noise.generator, device=x.device)
        dx = torch.randint(0, 2 * pad + 1, (b,), generator=noise.generator, device=x.device)
        mirrored = torch.rand(b, generator=noise.generator, device=x.device) < 0.5
    rows = dy[:, None] + torch.arange(h, device=x.device)
    cols = dx[:, None] + torch.arange(w, device=x.device)
    if flip:
        cols = torch.where(mirrored[:, None], cols.flip(1), cols)
    index = torch.arange(b, device=x.device)[:, None, None, None]
    channel = torch.arange(c, device=x.device)[None, :, None, None]
    return padded[index, channel, rows[:, None, :, None], cols[:, None, None, :]]


# ----------------------------------------------------------------------------------------------
# Processes: one per device under torchrun, or one alone
# ----------------------------------------------------------------------------------------------
class Context:
    """Where this process runs: its rank among world_size processes, its device, its log."""

    def __init__(self, device_flag):
        self.world_size = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ.get("RANK", "0"))
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        if device_flag == "cuda" and not torch.cuda.is_available():
            raise SystemExit("--device cuda: PyTorch sees no CUDA device here")
        cuda = torch.cuda.is_available() and device_flag != "cpu"
        self.device = torch.device("cuda", local_rank) if cuda else torch.device("cpu")
        self.backend = ("nccl" if cuda else "gloo") if self.world_size > 1 else None
        if cuda:
            torch.cuda.set_device(self.device)
        if self.backend:
            dist.init_process_group(self.backend)

    def log(self, message):
        if self.rank == 0:
            print(message, flush=True)

    def all_sum(self, value):
        """The sum of value over every process."""
        if self.world_size == 1:
            return value
        tensor = torch.tensor([float(value)], dtype=torch.float64, device=self.device)
        dist.all_reduce(tensor)
        return tensor.item()

    def wrap(self, module):
        if self.world_size == 1:
            return module
        return DistributedDataParallel(module, device_ids=[self.device.index] if self.device.type == "cuda" else None)

    def close(self):
        if self.backend:
            dist.destroy_process_group()
`;
