/**
 * Python text: the epoch's batches (the engine's order, or DistributedSampler's), the training
 * loop (src/engine/train/trainer.ts) and the per-epoch evaluation (src/engine/experiment.ts).
 */
export const PY_LOOP = String.raw`
# ----------------------------------------------------------------------------------------------
# Batches: this process's share of every global batch, with the batch's random numbers
# ----------------------------------------------------------------------------------------------
Share = collections.namedtuple("Share", "indices weight noise")


def engine_batches(ctx, phase, epoch, n):
    """The engine's epoch (src/engine/data/batches.ts, train/trainer.ts): Rng(seed).fork(phase + "-train")
    .fork("epoch-E"), its "shuffle" permutation cut into batches, one attack seed per batch from its
    "attack" stream, crops from "shuffle"."augment". Process r of N takes rows r, r + N, ... of each batch."""
    epoch_rng = Rng(CONFIG["seed"]).fork(phase + "-train").fork("epoch-%d" % epoch)
    shuffle, attack_seeds = epoch_rng.fork("shuffle"), epoch_rng.fork("attack")
    augment_rng, augment = shuffle.fork("augment"), augmentation()
    order, size = shuffle.permutation(n), CONFIG["batchSize"]
    for start in range(0, n, size):
        batch = order[start:start + size]
        seed = attack_seeds.seed()
        crops = engine_crops(augment_rng, len(batch), *augment) if augment else None
        rows = list(range(ctx.rank, len(batch), ctx.world_size))
        # A last batch smaller than the number of processes leaves some with no rows: they take one
        # row with weight 0, so that every process still joins the gradient all-reduce.
        weight = len(rows) * ctx.world_size / len(batch) if rows else 0.0
        rows = rows or [0]
        yield Share([batch[r] for r in rows], weight, EngineNoise(seed, len(batch), rows, crops and [crops[r] for r in rows]))


def torch_batches(ctx, sampler, noise, epoch):
    """DistributedSampler's shuffle (seeded, every process an equal share), PyTorch's generator."""
    sampler.set_epoch(epoch)
    for indices in BatchSampler(sampler, CONFIG["batchSize"] // ctx.world_size, drop_last=False):
        yield Share(indices, 1.0, noise)


# ----------------------------------------------------------------------------------------------
# Training and evaluation (src/engine/train/trainer.ts, src/engine/experiment.ts)
# ----------------------------------------------------------------------------------------------
def train_epoch(ctx, step_loss, model, objective, optimizer, rule, data, shares, teacher, attack):
    """One epoch: get batch -> craft x' (the model in inference mode, as the engine's attack sees it)
    -> loss and gradients (averaged over processes by DDP) -> step. Returns the mean batch loss."""
    augment = augmentation()
    # Summed on the device and read once per epoch: a readback per batch would stall a GPU.
    loss_sum, batches = torch.zeros((), device=ctx.device), 0
    for share in shares:
        index = torch.tensor(share.indices, device=ctx.device)
        x, y = data.train_x[index], data.train_y[index]
        if augment:
            x = augment_batch(x, *augment, share.noise)
        teacher_logits = None
        if teacher is not None:
            with torch.no_grad():
                teacher_logits = teacher(x)
        model.eval()
        x_adv = objective.craft(model, x, y, teacher_logits, attack._replace(noise=share.noise))
        model.train()
        optimizer.zero_grad(set_to_none=True)
        loss_sum += rule(step_loss, model, (x, x_adv, y, teacher_logits, share.weight))
        optimizer.step()
        batches += 1
    mean = ctx.all_sum(loss_sum.item()) / ctx.world_size / batches
    if not math.isfinite(mean):
        raise SystemExit("The loss became NaN or infinite. Try a lower learning rate (--learning-rate).")
    return mean


def shard(n, ctx):
    """This process's share of n evaluation examples."""
    return torch.arange(ctx.rank, n, ctx.world_size)


def natural_accuracy(ctx, model, x, y):
    """Percent of the whole test split classified correctly."""
    model.eval()
    correct = 0
    mine = shard(x.shape[0], ctx)
    with torch.no_grad():
        for start in range(0, mine.numel(), ACCURACY_CHUNK):
            index = mine[start:start + ACCURACY_CHUNK].to(ctx.device)
            correct += int((model(x[index]).argmax(dim=1) == y[index]).sum())
    return 100 * ctx.all_sum(correct) / x.shape[0]


def evaluation_starts(x, n):
    """The evaluation PGD's uniform starts for the first n test points, the same on every process.
    The engine attacks in chunks of EVAL_CHUNK, chunk i seeded from the "eval" stream
    (src/engine/attacks/chunked.ts)."""
    epsilon, seed = CONFIG["epsilon"], stream_seed("eval")
    if RANDOM != "engine":
        generator = torch.Generator().manual_seed(seed)
        return (torch.rand((n,) + tuple(x.shape[1:]), generator=generator) * 2 - 1) * epsilon
    chunks = []
    for i, start in enumerate(range(0, n, EVAL_CHUNK)):
        size = min(EVAL_CHUNK, n - start)
        chunk_seed = seed if i == 0 else Rng(seed).fork("chunk-%d" % i).seed()
        values = tf_uniform(size * x[0].numel(), -epsilon, epsilon, chunk_seed)
        chunks.append(to_torch_layout(values, (size,) + tuple(x.shape[1:])))
    return torch.cat(chunks)


def pgd_accuracy(ctx, model, x, y, starts):
    """Percent of the first evalSubset test points still correct under the evaluation PGD."""
    n = starts.shape[0]
    epsilon, steps = CONFIG["epsilon"], CONFIG["evalPgdSteps"]
    model.eval()
    robust = 0
    mine = shard(n, ctx)
    for start in range(0, mine.numel(), EVAL_CHUNK):
        index = mine[start:start + EVAL_CHUNK]
        xs, ys = x[index.to(ctx.device)], y[index.to(ctx.device)]
        robust += int(pgd_robust(model, xs, ys, epsilon, steps, default_step_size(epsilon, steps), starts[index].to(ctx.device)).sum())
    return 100 * ctx.all_sum(robust) / n


def train_phase(ctx, phase, model, objective, epochs, data, teacher=None):
    """Train model for epochs with objective, evaluating after every epoch; returns the epoch points."""
    step_loss = ctx.wrap(StepLoss(model, objective, WEIGHT_DECAY))
    optimizer = make_optimizer(model)
    n = data.train_y.shape[0]
    sampler = DistributedSampler(range(n), num_replicas=ctx.world_size, rank=ctx.rank, shuffle=True, seed=stream_seed(phase + "-train"))
    generator = torch.Generator(device=ctx.device).manual_seed(stream_seed(phase + "-train", "rank-%d" % ctx.rank))
    steps = CONFIG["trainPgdSteps"]
    alpha = CONFIG["trainPgdStepSize"] or default_step_size(CONFIG["epsilon"], steps)
    attack = TrainAttack(CONFIG["epsilon"], steps, alpha, data.classes, None)
    starts = evaluation_starts(data.test_x, min(CONFIG["evalSubset"], data.test_y.shape[0])) if phase == "student" else None
    points = []
    for epoch in range(1, epochs + 1):
        started = time.time()
        lr = learning_rate_at(epoch, epochs)
        for group in optimizer.param_groups:
            group["lr"] = lr
        awp = phase == "student" and CONFIG["awp"] == "on" and epoch > CONFIG["awpWarmup"]
        shares = engine_batches(ctx, phase, epoch, n) if RANDOM == "engine" else torch_batches(ctx, sampler, TorchNoise(generator), epoch)
        loss = train_epoch(ctx, step_loss, model, objective, optimizer, awp_step if awp else plain_step, data, shares, teacher, attack)
        nat_acc = natural_accuracy(ctx, model, data.test_x, data.test_y)
        pgd_acc = pgd_accuracy(ctx, model, data.test_x, data.test_y, starts) if starts is not None else None
        seconds = time.time() - started
        points.append({"epoch": epoch, "natAcc": nat_acc, "robustAcc": pgd_acc, "loss": loss, "lr": lr,
                       "tau": CONFIG["tau"], "lambda": CONFIG["lambda"], "seconds": seconds})
        robust = "" if pgd_acc is None else "  PGD-%d %.1f%%" % (CONFIG["evalPgdSteps"], pgd_acc)
        ctx.log("%s epoch %d/%d  loss %.4f  natural %.1f%%%s  lr %g  %.1f s" % (phase, epoch, epochs, loss, nat_acc, robust, lr, seconds))
    return points
`;
