/**
 * Python text: where the script's randomness comes from. `--random engine` reproduces the page's
 * random streams — tfjs's initialisers and random ops (seedrandom's alea generator, tfjs's
 * Marsaglia-polar normal with truncation at 2σ), seeded by the engine's named forks — so the
 * same seed gives the page's initial weights, batch order, augmentation and random starts.
 * It draws one number at a time in Python: cheap on 2-D data, slow on images, where
 * `--random torch` (PyTorch's generators, seeded from the same seed) is the default.
 */
export const PY_RANDOM = String.raw`
# ----------------------------------------------------------------------------------------------
# Random streams: the engine's (tfjs's random ops, ported) or PyTorch's
# ----------------------------------------------------------------------------------------------
class Alea:
    """seedrandom's alea generator, which tfjs's random ops draw from (seeded with a decimal string)."""

    def __init__(self, seed):
        n = 0xEFC8249D

        def mash(data):
            nonlocal n
            for ch in data:
                n += ord(ch)
                h = 0.02519603282416938 * n
                n = int(h) & MASK32  # h >>> 0
                h -= n
                h *= n
                n = int(h) & MASK32
                h -= n
                n += h * 0x100000000
            return (int(n) & MASK32) * 2.3283064365386963e-10

        self.c = 1
        self.s0, self.s1, self.s2 = mash(" "), mash(" "), mash(" ")
        self.s0 -= mash(seed)
        if self.s0 < 0:
            self.s0 += 1
        self.s1 -= mash(seed)
        if self.s1 < 0:
            self.s1 += 1
        self.s2 -= mash(seed)
        if self.s2 < 0:
            self.s2 += 1

    def next(self):
        t = 2091639 * self.s0 + self.c * 2.3283064365386963e-10
        self.s0, self.s1 = self.s1, self.s2
        self.c = int(t)  # t | 0
        self.s2 = t - self.c
        return self.s2


def tf_uniform(count, low, high, seed):
    """tf.randomUniform(shape, low, high, 'float32', seed) with count = the shape's size, row-major."""
    rand, span = Alea(str(seed)).next, high - low
    return torch.tensor([low + span * rand() for _ in range(count)], dtype=torch.float64).float()


def tf_normal(count, std, seed, truncated):
    """tf.randomNormal / tf.truncatedNormal (mean 0): Marsaglia's polar method on alea; truncated
    redraws pairs whose first value lies beyond 2 std and drops a second value beyond it.
    (tfjs reads a seed of 0 as 'no seed'; the engine's seeds are never 0 but by a 2^-31 chance.)"""
    rand, values = Alea(str(seed)).next, []
    upper, lower = std * 2, -std * 2
    while len(values) < count:
        while True:
            while True:
                v1 = 2 * rand() - 1
                v2 = 2 * rand() - 1
                s = v1 * v1 + v2 * v2
                if 0 < s < 1:
                    break
            mul = math.sqrt(-2.0 * math.log(s) / s)
            x, y = std * v1 * mul, std * v2 * mul
            if not truncated or lower <= x <= upper:
                break
        values.append(x)
        if len(values) < count and (not truncated or lower <= y <= upper):
            values.append(y)
    return torch.tensor(values, dtype=torch.float64).float()


def to_torch_layout(values, shape):
    """Values laid out as tfjs lays a batch of this torch shape: NHWC for images, as is otherwise."""
    if len(shape) == 4:
        n, c, h, w = shape
        return values.reshape(n, h, w, c).permute(0, 3, 1, 2).contiguous()
    return values.reshape(shape)


class EngineNoise:
    """The engine's random numbers for one global batch (every process draws all of them and keeps
    its rows): the attack's random start (tf.randomUniform / tf.randomNormal with the batch's seed)
    and the augmentation's crops and flips (drawn from the epoch's augment stream)."""

    def __init__(self, seed, batch_size, rows, crops=None):
        self.seed, self.batch_size, self.rows, self.crops = seed, batch_size, rows, crops

    def _draw(self, like, values):
        full = to_torch_layout(values, (self.batch_size,) + tuple(like.shape[1:]))
        return full[self.rows].to(like.device)

    def uniform(self, like, low, high):
        return self._draw(like, tf_uniform(self.batch_size * like[0].numel(), low, high, self.seed))

    def normal(self, like):
        return self._draw(like, tf_normal(self.batch_size * like[0].numel(), 1.0, self.seed, False))


class TorchNoise:
    """PyTorch's generator, seeded per process from the run's seed."""

    def __init__(self, generator):
        self.generator = generator

    def uniform(self, like, low, high):
        return low + (high - low) * torch.rand(like.shape, generator=self.generator, device=like.device)

    def normal(self, like):
        return torch.randn(like.shape, generator=self.generator, device=like.device)


def engine_initialise(model, stream):
    """The engine's initial weights: each layer's tfjs initialiser (He normal, or Glorot uniform on the
    logits) seeded in layer order from Rng(seed).fork(stream), drawn in tfjs's kernel layout."""
    rng = Rng(CONFIG["seed"]).fork(stream)
    for layer, kind, hwc in model.init_order():
        seed = rng.seed()
        w = layer.weight
        if w.dim() == 4:  # torch [out, in, kh, kw]; tfjs [kh, kw, in, out]
            out_c, in_c, kh, kw = w.shape
            tf_shape, fan_in, fan_out = (kh, kw, in_c, out_c), in_c * kh * kw, out_c * kh * kw
        else:  # torch [out, in]; tfjs [in, out]
            tf_shape, fan_in, fan_out = (w.shape[1], w.shape[0]), w.shape[1], w.shape[0]
        if kind == "he":
            values = tf_normal(w.numel(), math.sqrt(2.0 / max(1, fan_in)), seed, True)
        else:
            limit = math.sqrt(3 * (1.0 / max(1, (fan_in + fan_out) / 2)))
            values = tf_uniform(w.numel(), -limit, limit, seed)
        kernel = values.reshape(tf_shape)
        if w.dim() == 4:
            kernel = kernel.permute(3, 2, 0, 1)
        elif hwc:  # a dense layer after a flatten: tfjs flattens HWC, torch CHW
            h, w_, c = hwc
            kernel = kernel.reshape(h, w_, c, -1).permute(2, 0, 1, 3).reshape(c * h * w_, -1).t()
        else:
            kernel = kernel.t()
        with torch.no_grad():
            layer.weight.copy_(kernel)
`;
