/**
 * Python text: the losses of DESIGN.md §1 (src/engine/losses.ts) and the configured method's
 * objective (src/engine/train/objectives.ts): how x' is crafted, and the loss on a batch.
 * Every reduction is the batch mean, as in the engine.
 */
import type { Config } from '../../../shared/config';

const LOSSES = String.raw`
def one_hot(y, classes):
    return F.one_hot(y, classes).float()


def soft_labels(teacher_logits, tau):
    """softmax(q / tau): the teacher's soft labels at temperature tau (paper Eq. 4)."""
    return F.softmax(teacher_logits / tau, dim=1)


def smooth_labels(targets, smoothing):
    """Label smoothing: (1 - s) y + s / C."""
    return targets * (1 - smoothing) + smoothing / targets.shape[1]


def soft_cross_entropy(logits, targets):
    """CE(Z, p) = -sum p log softmax(Z), batch mean."""
    return -(targets * F.log_softmax(logits, dim=1)).sum(dim=1).mean()


def kl_divergence(logits, adv_logits):
    """KL(softmax(Z(x)) || softmax(Z(x'))), batch mean: TRADES' robustness term."""
    log_p = F.log_softmax(logits, dim=1)
    log_q = F.log_softmax(adv_logits, dim=1)
    return (log_p.exp() * (log_p - log_q)).sum(dim=1).mean()


def craft_cross_entropy(model, x, y, attack):
    """x' by PGD on CE(Z(.), y) from a uniform start in the epsilon-ball (Madry; LTD with the original y)."""
    targets = one_hot(y, attack.classes)
    return pgd_perturb(lambda inputs: soft_cross_entropy(model(inputs), targets), x, attack, "uniform")


def craft_kl(model, x, attack):
    """x' by PGD on KL(softmax(Z(x)) || softmax(Z(.))) from x + 0.001 N(0, 1) (TRADES)."""
    with torch.no_grad():
        natural = model(x)
    return pgd_perturb(lambda inputs: kl_divergence(natural, model(inputs)), x, attack, "normal-small")


class NaturalObjective:
    """Natural training at temperature T: CE(Z(x) / T, y). T = 1 is plain natural training; a
    defensive-distillation teacher trains at T_d."""

    needs_teacher = False
    adversarial = False

    def __init__(self, temperature=1.0):
        self.temperature = temperature

    def craft(self, model, x, y, teacher_logits, attack):
        return None

    def loss(self, model, x, x_adv, y, teacher_logits):
        logits = model(x)
        return soft_cross_entropy(logits / self.temperature, one_hot(y, logits.shape[1]))
`;

type InnerMax = Config['innerMax'];

/**
 * How TRADES, label smoothing and LTD craft x' (the config's inner maximisation, as
 * train/objectives.ts withInnerMax): CE-PGD on y from a uniform start, or KL-PGD from x + 0.001 N(0, 1).
 */
const CRAFT: Record<InnerMax, string> = {
  ce: String.raw`    start = "uniform"

    def craft(self, model, x, y, teacher_logits, attack):
        return craft_cross_entropy(model, x, y, attack)`,
  kl: String.raw`    start = "normal-small"

    def craft(self, model, x, y, teacher_logits, attack):
        return craft_kl(model, x, attack)`,
};

const PGD_AT = String.raw`
class StudentObjective:
    """PGD-AT (Madry et al. 2018): CE(Z(x'), y), x' by PGD on CE from a uniform start."""

    needs_teacher = False
    adversarial = True
    start = "uniform"

    def craft(self, model, x, y, teacher_logits, attack):
        return craft_cross_entropy(model, x, y, attack)

    def loss(self, model, x, x_adv, y, teacher_logits):
        adv_logits = model(x_adv)
        return soft_cross_entropy(adv_logits, one_hot(y, adv_logits.shape[1]))
`;

const TRADES = (smoothing: number, innerMax: InnerMax) => String.raw`
SMOOTHING = ${smoothing}


class StudentObjective:
    """TRADES (Zhang et al. 2019) with targets (1 - s) y + s / C (s = 0 is TRADES itself):
    CE(Z(x), targets) + lambda KL(softmax(Z(x)) || softmax(Z(x'))); x' as the inner maximisation says."""

    needs_teacher = False
    adversarial = True
${CRAFT[innerMax]}

    def loss(self, model, x, x_adv, y, teacher_logits):
        logits = model(x)
        targets = smooth_labels(one_hot(y, logits.shape[1]), SMOOTHING)
        return soft_cross_entropy(logits, targets) + CONFIG["lambda"] * kl_divergence(logits, model(x_adv))
`;

const LTD_TRADES = (innerMax: InnerMax) => String.raw`
class StudentObjective:
    """LTD on the TRADES base (paper Eq. 5): CE(Z(x), softmax(q(x) / tau)) + lambda KL(softmax(Z(x)) ||
    softmax(Z(x'))). The student's own temperature is 1; only the teacher's labels are softened.
    x' as the inner maximisation says (LTD's own: PGD on CE(Z(.), y) with the original label y)."""

    needs_teacher = True
    adversarial = True
${CRAFT[innerMax]}

    def loss(self, model, x, x_adv, y, teacher_logits):
        logits = model(x)
        return soft_cross_entropy(logits, soft_labels(teacher_logits, CONFIG["tau"])) + CONFIG["lambda"] * kl_divergence(
            logits, model(x_adv)
        )
`;

const LTD_PGD_AT = (innerMax: InnerMax) => String.raw`
class StudentObjective:
    """LTD on the PGD-AT base: CE(Z(x'), softmax(q(x) / tau)) - Madry's loss with y replaced by the
    teacher's soft label of the clean input (no clean term, so lambda is unused). x' as the inner
    maximisation says (LTD's own: PGD on CE(Z(.), y) with the original label y)."""

    needs_teacher = True
    adversarial = True
${CRAFT[innerMax]}

    def loss(self, model, x, x_adv, y, teacher_logits):
        return soft_cross_entropy(model(x_adv), soft_labels(teacher_logits, CONFIG["tau"]))
`;

const DISTILLATION = String.raw`
class StudentObjective:
    """Defensive distillation (Papernot et al. 2016): CE(Z(x) / T_d, softmax(q(x) / T_d)); the
    student is deployed (evaluated and attacked) at T = 1."""

    needs_teacher = True
    adversarial = False

    def craft(self, model, x, y, teacher_logits, attack):
        return None

    def loss(self, model, x, x_adv, y, teacher_logits):
        temperature = CONFIG["distillTemperature"]
        return soft_cross_entropy(model(x) / temperature, soft_labels(teacher_logits, temperature))
`;

const NATURAL = String.raw`
class StudentObjective(NaturalObjective):
    """Natural training: CE(Z(x), y)."""
`;

/** The Python of the configured student objective (`StudentObjective`) and the losses it uses. */
export function pyObjectives(config: Pick<Config, 'method' | 'ltdBase' | 'smoothing' | 'innerMax'>): string {
  const student = {
    natural: NATURAL,
    'pgd-at': PGD_AT,
    trades: TRADES(0, config.innerMax),
    'label-smoothing': TRADES(config.smoothing, config.innerMax),
    ltd: config.ltdBase === 'pgd-at' ? LTD_PGD_AT(config.innerMax) : LTD_TRADES(config.innerMax),
    'defensive-distillation': DISTILLATION,
  }[config.method];
  return `
# ----------------------------------------------------------------------------------------------
# Losses and the method's objective (DESIGN.md section 1; src/engine/losses.ts, train/objectives.ts)
# ----------------------------------------------------------------------------------------------
${LOSSES}
${student}`;
}
