/**
 * Python text: the engine's seeded generator (src/engine/rng.ts) and the 2-D toys' sampler
 * (src/engine/data/square.ts), ported so that the exported script draws exactly the engine's
 * points. JavaScript's 32-bit integer arithmetic (`Math.imul`, `>>>`, `^`) becomes explicit
 * masking with 0xFFFFFFFF; the Box–Muller normal is computed in float64 as in JS and rounded to
 * float32 once, as the engine's Float32Array does.
 */
import type { DatasetId } from '../../../shared/catalog';

export const PY_RNG = String.raw`
# ----------------------------------------------------------------------------------------------
# The engine's random numbers (src/engine/rng.ts), bit for bit
# ----------------------------------------------------------------------------------------------
MASK32 = 0xFFFFFFFF


def imul(a, b):
    """JavaScript's Math.imul: the low 32 bits of a*b (as an unsigned bit pattern)."""
    return (a * b) & MASK32


class Rng:
    """mulberry32 with named forks, as src/engine/rng.ts: the same seed gives the same stream."""

    def __init__(self, seed):
        self.state = (seed & MASK32) or 0x9E3779B9

    def next(self):
        """A uniform float in [0, 1)."""
        self.state = (self.state + 0x6D2B79F5) & MASK32
        t = self.state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & MASK32
        return ((t ^ (t >> 14)) & MASK32) / 4294967296

    def normal(self):
        """A standard normal draw (Box-Muller), in float64 like the engine's."""
        u = 1 - self.next()
        v = self.next()
        return math.sqrt(-2 * math.log(u)) * math.cos(2 * math.pi * v)

    def seed(self):
        """A seed for torch (the engine's rng.seed(): a uniform integer below 2^31 - 1)."""
        return math.floor(self.next() * (2 ** 31 - 1))

    def permutation(self, n):
        """A Fisher-Yates permutation of 0..n-1, as the engine shuffles."""
        p = list(range(n))
        for i in range(n - 1, 0, -1):
            j = math.floor(self.next() * (i + 1))
            p[i], p[j] = p[j], p[i]
        return p

    def fork(self, name):
        """An independent stream named name (FNV-style hash of the name into the current state)."""
        h = self.state ^ 0x811C9DC5
        for ch in name:
            h = imul(h ^ ord(ch), 16777619)
        return Rng(h)


def stream_seed(*names):
    """A torch seed from the run's seed and a chain of stream names (the engine's fork names)."""
    rng = Rng(CONFIG["seed"])
    for name in names:
        rng = rng.fork(name)
    return rng.seed()
`;

const TOY_POINTS: Record<'blobs' | 'moons' | 'spirals', string> = {
  blobs: String.raw`
def toy_classes():
    return 3


def toy_noise():
    """Blobs: the standard deviation of every blob is the "Blob overlap" setting."""
    return CONFIG["overlap"]


def toy_point(c, classes, rng):
    """Blob centres evenly spaced on a circle of radius 0.25 around (0.5, 0.5) (src/engine/data/blobs.ts)."""
    angle = (2 * math.pi * c) / classes + math.pi / 2
    return 0.5 + 0.25 * math.cos(angle), 0.5 + 0.25 * math.sin(angle)
`,
  moons: String.raw`
def toy_classes():
    return 2


def toy_noise():
    """Moons read the "Blob overlap" setting as twice their noise (src/engine/data/index.ts)."""
    return CONFIG["overlap"] / 2


MOON_SCALE = 0.8 / 3


def toy_point(c, classes, rng):
    """A noiseless moon point (src/engine/data/moons.ts): class 0 the upper arc, class 1 the lower."""
    angle = math.pi * rng.next()
    if c == 0:
        x, y = math.cos(angle), math.sin(angle)
    else:
        x, y = 1 - math.cos(angle), 0.5 - math.sin(angle)
    return 0.1 + (x + 1) * MOON_SCALE, 0.3 + (y + 0.5) * MOON_SCALE
`,
  spirals: String.raw`
def toy_classes():
    return 3


def toy_noise():
    """Spirals read the "Blob overlap" setting as twice their noise (src/engine/data/index.ts)."""
    return CONFIG["overlap"] / 2


SPIRAL_TURNS = 0.75
SPIRAL_RADIUS = 0.42


def toy_point(c, classes, rng):
    """A noiseless point of arm c (src/engine/data/spirals.ts), sqrt(u) of the way out."""
    t = math.sqrt(rng.next())
    angle = (2 * math.pi * c) / classes + 2 * math.pi * SPIRAL_TURNS * t
    return 0.5 + SPIRAL_RADIUS * t * math.cos(angle), 0.5 + SPIRAL_RADIUS * t * math.sin(angle)
`,
};

const TOY_SAMPLER = String.raw`
def sample_in_square(rng, n, classes, noise):
    """src/engine/data/square.ts: point i has class i mod classes, its noiseless point plus
    Gaussian noise, redrawn until it lies in [0, 1]^2."""
    xs, ys = [], []
    for i in range(n):
        c = i % classes
        while True:
            cx, cy = toy_point(c, classes, rng)
            px = cx + noise * rng.normal()
            py = cy + noise * rng.normal()
            if 0 <= px <= 1 and 0 <= py <= 1:
                break
        xs.append((px, py))
        ys.append(c)
    # float64 -> float32 rounds once, as the engine's Float32Array does.
    return torch.tensor(xs, dtype=torch.float64).float().reshape(n, 2), torch.tensor(ys, dtype=torch.int64)


def load_data(data_dir):
    """The engine's 2-D data set for this seed: Rng(seed).fork("data"), then "train" and "test"."""
    rng = Rng(CONFIG["seed"]).fork("data")
    classes, noise = toy_classes(), toy_noise()
    train_x, train_y = sample_in_square(rng.fork("train"), CONFIG["trainSize"], classes, noise)
    test_x, test_y = sample_in_square(rng.fork("test"), CONFIG["testSize"], classes, noise)
    return Data(train_x, train_y, test_x, test_y, classes, "generated from seed %d" % CONFIG["seed"])
`;

/** The Python that generates a 2-D toy data set exactly as the engine does. */
export function pyToyData(dataset: DatasetId): string {
  if (dataset !== 'blobs' && dataset !== 'moons' && dataset !== 'spirals') throw new Error(`pyToyData: ${dataset} is not a 2-D data set`);
  return `
# ----------------------------------------------------------------------------------------------
# Data: ${dataset}, generated exactly as the engine does (same seed, same float32 points)
# ----------------------------------------------------------------------------------------------${TOY_POINTS[dataset]}
${TOY_SAMPLER}`;
}
