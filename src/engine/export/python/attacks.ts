/**
 * Python text: L∞ PGD as the engine runs it (src/engine/attacks/pgd.ts) — the training form (last
 * iterate) and the evaluation form (uniform start; per example the first misclassified iterate
 * counts, the start included) — and AutoAttack through the optional `torchattacks` package.
 */
export const PY_ATTACKS = String.raw`
# ----------------------------------------------------------------------------------------------
# Attacks: L-infinity PGD as the engine runs it (src/engine/attacks/pgd.ts); AutoAttack if available
# ----------------------------------------------------------------------------------------------
TrainAttack = collections.namedtuple("TrainAttack", "epsilon steps alpha classes noise")


def default_step_size(epsilon, steps):
    """alpha = 2.5 epsilon / K (Madry et al.)."""
    return 2.5 * epsilon / steps


def project_linf(x, x0, epsilon):
    """Onto the epsilon-ball around x0, intersected with the input box [0, 1]."""
    return torch.min(torch.max(x, x0 - epsilon), x0 + epsilon).clamp(0, 1)


def random_start(x, epsilon, start, noise):
    if start == "uniform":
        delta = noise.uniform(x, -epsilon, epsilon)
    else:  # "normal-small": TRADES' x + 0.001 N(0, 1)
        delta = noise.normal(x) * 0.001
    return project_linf(x + delta, x, epsilon)


def pgd_perturb(loss_fn, x, attack, start):
    """K signed-gradient ascent steps of size alpha on loss_fn (a scalar function of the inputs),
    projected after each; returns the last iterate (training PGD)."""
    x_adv = random_start(x, attack.epsilon, start, attack.noise)
    for _ in range(attack.steps):
        x_adv.requires_grad_(True)
        (grad,) = torch.autograd.grad(loss_fn(x_adv), x_adv)
        x_adv = project_linf(x_adv.detach() + attack.alpha * grad.sign(), x, attack.epsilon)
    return x_adv.detach()


def pgd_robust(model, x, y, epsilon, steps, alpha, start_noise):
    """Evaluation PGD-K, one restart, on the cross-entropy of the true labels: True where the example
    is classified correctly clean and at every iterate (an example counts as broken at the first
    misclassified iterate, the random start included, as the engine keeps it)."""
    with torch.no_grad():
        fooled = model(x).argmax(dim=1) != y
    x_adv = project_linf(x + start_noise, x, epsilon)
    for _ in range(steps):
        x_adv.requires_grad_(True)
        logits = model(x_adv)
        (grad,) = torch.autograd.grad(F.cross_entropy(logits, y, reduction="sum"), x_adv)
        fooled |= logits.detach().argmax(dim=1) != y
        x_adv = project_linf(x_adv.detach() + alpha * grad.sign(), x, epsilon)
    with torch.no_grad():
        fooled |= model(x_adv).argmax(dim=1) != y
    return ~fooled


class FlatInputs(nn.Module):
    """A 2-D data set's model seen as an image model: [n, 1, 1, d] in, the model's logits out."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model(x.reshape(x.shape[0], -1))


def autoattack_accuracy(model, x, y, classes):
    """Robust accuracy (percent) under AutoAttack (Croce & Hein 2020) through the torchattacks
    package, with what ran; or why it did not run."""
    settings = {"attack": "AutoAttack", "epsilon": CONFIG["epsilon"], "subset": int(x.shape[0])}
    try:
        import torchattacks
    except ImportError as error:
        return {"status": "skipped", "reason": "torchattacks is not installed or cannot be imported (%s)" % error, **settings}
    epsilon, seed = CONFIG["epsilon"], CONFIG["seed"]
    if x.dim() == 2:
        # torchattacks takes images: show it each 2-D point as a 1x1x2 image.
        model, x = FlatInputs(model), x.reshape(x.shape[0], 1, 1, x.shape[1])
    if classes >= 4:
        version = "standard: APGD-CE, APGD-T, FAB-T, Square (5000 queries)"
        attack = torchattacks.AutoAttack(model, norm="Linf", eps=epsilon, version="standard", n_classes=classes, seed=seed)
    else:
        # APGD-T and FAB-T's targeted DLR loss needs at least 4 classes.
        version = "APGD-CE and Square (5000 queries): APGD-T and FAB-T need at least 4 classes"
        attack = torchattacks.MultiAttack([
            torchattacks.APGD(model, norm="Linf", eps=epsilon, loss="ce", seed=seed),
            torchattacks.Square(model, norm="Linf", eps=epsilon, n_queries=5000, seed=seed),
        ])
    try:
        robust = 0
        for start in range(0, x.shape[0], EVAL_CHUNK):
            xs, ys = x[start:start + EVAL_CHUNK], y[start:start + EVAL_CHUNK]
            x_adv = attack(xs, ys)
            with torch.no_grad():
                robust += int(((model(xs).argmax(dim=1) == ys) & (model(x_adv).argmax(dim=1) == ys)).sum())
    except Exception as error:  # report, never lose the training results over the optional attack
        return {"status": "failed", "reason": "%s: %s" % (type(error).__name__, error), "version": version, **settings}
    return {"status": "done", "robustAccuracy": 100 * robust / x.shape[0], "version": version,
            "torchattacks": getattr(torchattacks, "__version__", "unknown"), **settings}
`;
