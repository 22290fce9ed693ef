/**
 * Python text: the engine's three model families (src/engine/models) in PyTorch, with the same
 * shapes, activations and initialiser families. The weights are not the engine's (tfjs draws its
 * own random numbers); the distributions are: He normal is tfjs's truncated normal (redrawn
 * beyond 2σ, σ = √(2 / fan_in)), Glorot uniform on the logits, zero biases, batch norm with
 * tfjs's ε = 1e-3 and momentum 0.9 (PyTorch's 0.1).
 */
import type { ModelId } from '../../../shared/catalog';

const INIT = String.raw`
def he_normal(layer):
    """tfjs heNormal: a normal truncated at two standard deviations, sigma = sqrt(2 / fan_in)."""
    fan_in = layer.weight[0].numel()
    std = math.sqrt(2 / fan_in)
    nn.init.trunc_normal_(layer.weight, 0.0, std, -2 * std, 2 * std)
    if layer.bias is not None:
        nn.init.zeros_(layer.bias)
    return layer


def glorot_uniform(layer):
    """tfjs glorotUniform on the logits layer, with a zero bias."""
    nn.init.xavier_uniform_(layer.weight)
    nn.init.zeros_(layer.bias)
    return layer
`;

const MLP = String.raw`
class MLP(nn.Module):
    """src/engine/models/mlp.ts: two hidden ReLU layers of "Hidden units", then the logits."""

    def __init__(self, in_features, hidden, classes):
        super().__init__()
        layers, width = [nn.Flatten()], in_features
        for units in hidden:
            layers += [he_normal(nn.Linear(width, units)), nn.ReLU()]
            width = units
        self.body = nn.Sequential(*layers)
        self.logits = glorot_uniform(nn.Linear(width, classes))

    def forward(self, x):
        return self.logits(self.body(x))

    def init_order(self):
        """(layer, initialiser, HWC shape flattened into it) in the order the engine seeds them."""
        return [(m, "he", None) for m in self.body if isinstance(m, nn.Linear)] + [(self.logits, "glorot", None)]


def build_model(input_shape, classes):
    return MLP(math.prod(input_shape), [CONFIG["hiddenUnits"]] * 2, classes)
`;

const CNN = String.raw`
class SmallCNN(nn.Module):
    """src/engine/models/cnn.ts: conv3x3 (valid) - ReLU - maxpool 2 - conv3x3 (2x channels) - ReLU -
    maxpool 2 - dense ReLU ("Hidden units") - logits."""

    def __init__(self, input_shape, channels, hidden, classes):
        super().__init__()
        c, h, w = input_shape
        side = lambda s: ((s - 2) // 2 - 2) // 2
        self.features = nn.Sequential(
            he_normal(nn.Conv2d(c, channels, 3)), nn.ReLU(), nn.MaxPool2d(2),
            he_normal(nn.Conv2d(channels, 2 * channels, 3)), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        )
        self.flat = (side(h), side(w), 2 * channels)
        self.dense = nn.Sequential(he_normal(nn.Linear(math.prod(self.flat), hidden)), nn.ReLU())
        self.logits = glorot_uniform(nn.Linear(hidden, classes))

    def forward(self, x):
        return self.logits(self.dense(self.features(x)))

    def init_order(self):
        """(layer, initialiser, HWC shape flattened into it) in the order the engine seeds them."""
        convs = [(m, "he", None) for m in self.features if isinstance(m, nn.Conv2d)]
        return convs + [(self.dense[0], "he", self.flat), (self.logits, "glorot", None)]


def build_model(input_shape, classes):
    return SmallCNN(input_shape, CONFIG["convChannels"], CONFIG["hiddenUnits"], classes)
`;

const RESNET = String.raw`
class SameConv(nn.Conv2d):
    """A bias-free convolution with TensorFlow's 'same' padding: when the padding is odd the extra
    row and column go at the bottom and right (PyTorch's symmetric padding=1 would shift the
    sampling grid of a stride-2 layer by one pixel)."""

    def __init__(self, cin, cout, kernel, stride):
        super().__init__(cin, cout, kernel, stride=stride, bias=False)
        he_normal(self)

    def forward(self, x):
        pads = []
        for size, k, s in zip(x.shape[-2:], self.kernel_size, self.stride):
            total = max((-(-size // s) - 1) * s + k - size, 0)
            pads.append((total // 2, total - total // 2))
        (top, bottom), (left, right) = pads
        return F.conv2d(F.pad(x, (left, right, top, bottom)), self.weight, None, self.stride)


class BatchNorm(nn.BatchNorm2d):
    """tfjs's batch norm (src/engine/models/resnet.ts): epsilon 1e-3, moving averages kept with
    momentum 0.9 (PyTorch's 0.1) of the batch mean and the *biased* batch variance (PyTorch's own
    BatchNorm2d tracks the unbiased one)."""

    def __init__(self, channels):
        super().__init__(channels, eps=1e-3, momentum=0.1)

    def forward(self, x):
        if not self.training:
            return super().forward(x)
        mean, var = x.mean(dim=(0, 2, 3)), x.var(dim=(0, 2, 3), unbiased=False)
        with torch.no_grad():
            self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)
            self.running_var.mul_(1 - self.momentum).add_(self.momentum * var)
        return F.batch_norm(x, None, None, self.weight, self.bias, True, 0.0, self.eps)


def batch_norm(channels):
    return BatchNorm(channels)


class BasicBlock(nn.Module):
    """conv-BN-ReLU-conv-BN plus the shortcut (a 1x1 conv with BN when the shape changes), then ReLU."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.body = nn.Sequential(
            SameConv(cin, cout, 3, stride), batch_norm(cout), nn.ReLU(), SameConv(cout, cout, 3, 1), batch_norm(cout),
        )
        self.shortcut = (
            nn.Sequential(SameConv(cin, cout, 1, stride), batch_norm(cout)) if stride != 1 or cin != cout else nn.Identity()
        )

    def forward(self, x):
        return F.relu(self.body(x) + self.shortcut(x))


class ResNet(nn.Module):
    """src/engine/models/resnet.ts: 3x3 stem, three stages of n basic blocks with w, 2w, 4w filters
    (stride 2 between stages), global average pooling, logits: depth 6n + 2."""

    def __init__(self, input_shape, width, blocks, classes):
        super().__init__()
        layers = [SameConv(input_shape[0], width, 3, 1), batch_norm(width), nn.ReLU()]
        cin = width
        for stage in range(3):
            for b in range(blocks):
                cout = width * 2 ** stage
                layers.append(BasicBlock(cin, cout, 2 if stage > 0 and b == 0 else 1))
                cin = cout
        layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
        self.features = nn.Sequential(*layers)
        self.logits = glorot_uniform(nn.Linear(cin, classes))

    def forward(self, x):
        return self.logits(self.features(x))

    def init_order(self):
        """(layer, initialiser, None) in the order the engine seeds them: the stem, then per block its two
        convolutions and its shortcut's, then the logits."""
        return [(m, "he", None) for m in self.modules() if isinstance(m, SameConv)] + [(self.logits, "glorot", None)]


def build_model(input_shape, classes):
    return ResNet(input_shape, CONFIG["convChannels"], CONFIG["resnetBlocks"], classes)
`;

const MODELS: Record<ModelId, { title: string; code: string }> = {
  mlp: { title: 'MLP', code: MLP },
  cnn: { title: 'small CNN', code: CNN },
  resnet: { title: 'ResNet with batch norm', code: RESNET },
};

/** The Python that builds the configured model: `build_model(input_shape, classes)`. */
export function pyModel(model: ModelId): string {
  return `
# ----------------------------------------------------------------------------------------------
# Model: ${MODELS[model].title}, the engine's shapes and initialiser families
# ----------------------------------------------------------------------------------------------
${INIT}
${MODELS[model].code}`;
}
