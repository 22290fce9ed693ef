"""The evaluation python/ltd_torch.py runs after training: its own AA-lite (APGD-CE, APGD-T, Square at the
page's standard budget) held to the engine's plan (python/fixtures/engine-settings.json) and to exact
answers on linear models, where the smallest L-inf perturbation that flips a point is known in closed form;
and the torchattacks path, wired with a stand-in package, reports each attack's settings and the
per-point worst case.
"""
import json
import os
import sys
import types

import pytest
import torch
import torch.nn as nn

import ltd_torch as lt

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "fixtures", "engine-settings.json")) as f:
    ENGINE = json.load(f)["attacks"]


class Alone:
    """One process: the Context the runner needs, without torch.distributed."""
    rank, world_size = 0, 1

    def all_sum(self, value):
        return value

    def log(self, message):
        pass


def linear_model(classes=10, features=48, seed=0):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Flatten(), nn.Linear(features, classes))
    return model.eval()


def points(n=64, shape=(3, 4, 4), seed=1):
    """Inputs in [0.3, 0.7], away from the box [0, 1] for the epsilons used here, so the ball alone binds."""
    generator = torch.Generator().manual_seed(seed)
    return 0.3 + 0.4 * torch.rand((n,) + shape, generator=generator)


def exact_robust(model, x, y, epsilon):
    """Whether each point is correct and no perturbation of L-inf size epsilon flips it, for a linear model:
    z_y - z_j is linear with gradient w_y - w_j, so the smallest flip towards j has size (z_y - z_j) / ||w_y - w_j||_1."""
    weight = model[1].weight.detach()
    with torch.no_grad():
        logits = model(x)
    correct = logits.argmax(dim=1) == y
    gaps = logits.gather(1, y[:, None]) - logits
    norms = (weight[y][:, None, :] - weight[None, :, :]).abs().sum(dim=2)
    sizes = (gaps / norms).masked_fill(torch.nn.functional.one_hot(y, logits.shape[1]).bool(), float("inf"))
    return correct & (sizes.min(dim=1).values > epsilon)


def test_the_budget_and_members_are_the_pages_aa_lite_standard():
    standard = ENGINE["aaLiteStandard"]
    assert (lt.AA_STEPS, lt.AA_RESTARTS, lt.AA_TARGETS, lt.AA_QUERIES) == (standard["steps"], standard["restarts"], standard["targets"], standard["queries"])
    for classes, members in ((10, ENGINE["membersTenClasses"]), (3, ENGINE["membersThreeClasses"])):
        ours = lt.own_members(classes)
        assert [(m["attack"], m.get("loss"), m.get("targets"), m.get("queries")) for m in ours] == \
               [(m["attack"], m.get("loss"), m.get("targets"), m.get("queries")) for m in members]
        assert all(m["restarts"] == e["restarts"] and m.get("steps", 0) == e["steps"] for m, e in zip(ours, members))


def test_apgd_checkpoints_and_the_square_schedule_are_the_engines():
    assert {str(n): lt.apgd_checkpoints(n) for n in (100, 20, 10, 5, 1)} == ENGINE["apgdCheckpoints"]
    assert [lt.p_selection(s["it"], s["budget"], s["pInit"]) for s in ENGINE["squareP"]] == [s["p"] for s in ENGINE["squareP"]]
    assert [lt.square_side(s["p"], s["h"], s["w"]) for s in ENGINE["squareSide"]] == [s["side"] for s in ENGINE["squareSide"]]


def test_the_targeted_dlr_loss_by_hand():
    logits = torch.tensor([[4.0, 1.0, 3.0, 0.0, 2.0]])
    # -(z_y - z_t) / (z_pi1 - (z_pi3 + z_pi4) / 2): y = 0, t = 2, sorted 4, 3, 2, 1, 0
    assert lt.attack_loss("dlr-targeted", logits, torch.tensor([0]), torch.tensor([2])).item() == pytest.approx(-(4 - 3) / (4 - 1.5))
    assert lt.attack_loss("margin", logits, torch.tensor([1])).item() == pytest.approx(3.0)


@pytest.mark.parametrize("epsilon", [0.06, 0.08])
def test_the_own_ensemble_finds_exactly_the_linear_models_non_robust_points(epsilon):
    model, x = linear_model(), points()
    with torch.no_grad():
        y = model(x).argmax(dim=1)
    y[:8] = (y[:8] + 1) % 10  # a few points wrong from the start: never robust
    want = exact_robust(model, x, y, epsilon)
    assert 0 < int(want.sum()) < x.shape[0] - 8  # the test can fail either way
    result = lt.autoattack(Alone(), model, x, y, 10, epsilon, 3, "own")
    assert result["status"] == "done" and result["attack"] == "AA-lite" and result["torchattacks"] is None
    assert result["robustAccuracy"] == pytest.approx(100 * want.float().mean().item())
    assert result["cleanAccuracy"] == pytest.approx(100 * (model(x).argmax(dim=1) == y).float().mean().item())
    stages = result["attacks"]
    assert [s["attack"] for s in stages] == ["APGD", "APGD-T", "Square"]
    # Each attack attacks what the earlier ones left, and the robust accuracy only falls.
    assert stages[0]["subset"] == int((model(x).argmax(dim=1) == y).sum())
    for before, after in zip(stages, stages[1:]):
        assert after["subset"] == before["subset"] - before["broken"] and after["robustAccuracy"] <= before["robustAccuracy"]


def test_apgd_stays_in_the_ball_and_the_box_and_breaks_only_what_can_be_broken():
    model, x = linear_model(classes=4), points(n=32)
    x[:4] = 0.001  # points on the box's edge: a perturbation must not leave [0, 1]
    with torch.no_grad():
        y = model(x).argmax(dim=1)
    seen = []
    original = model.forward

    def watching(inputs):
        seen.append(inputs.detach().clone())
        return original(inputs)
    model.forward = watching
    broken = lt.apgd_run(model, x, y, 0.08, 10, "ce", None, torch.Generator().manual_seed(0))
    model.forward = original
    for inputs in seen:
        assert (inputs - x).abs().max() <= 0.08 + 1e-6 and inputs.min() >= 0 and inputs.max() <= 1
    assert broken.any() and not (broken & exact_robust(model, x, y, 0.08)).any()


def test_square_uses_only_outputs_counts_its_queries_and_breaks_every_point_at_a_huge_epsilon():
    model, x = linear_model(classes=3, features=2), points(n=16, shape=(2,))
    with torch.no_grad():
        y = model(x).argmax(dim=1)
    broken, used = lt.square_run(model, x, y, 0.3, 50, torch.Generator().manual_seed(0))
    assert bool(broken.all()) and int(used.max()) <= 50 and int(used.min()) >= 1
    small, used = lt.square_run(model, x, y, 1e-4, 20, torch.Generator().manual_seed(0))
    assert not small.any() and int(used.min()) == 20  # nothing breaks: every query spent


def test_the_torchattacks_path_builds_the_standard_budget_and_reports_each_attack(monkeypatch):
    made = []

    class Stand(object):
        """A torchattacks attack that records how it was built and pushes every point by epsilon against its label's weights."""

        def __init__(self, name, model, **options):
            made.append((name, options))
            self.model, self.options = model, options

        def __call__(self, x, y):
            weight = self.model[1].weight.detach()
            direction = (weight.mean(dim=0) - weight[y]).sign().reshape(x.shape)
            return x + (self.options["eps"] * 1.5) * direction  # too far on purpose: the runner projects it back

    fake = types.ModuleType("torchattacks")
    fake.__version__ = "9.9.9"
    for name in ("APGD", "APGDT", "FAB", "Square"):
        setattr(fake, name, lambda model, _name=name, **options: Stand(_name, model, **options))
    monkeypatch.setitem(sys.modules, "torchattacks", fake)
    model, x = linear_model(), points(n=32)
    with torch.no_grad():
        y = model(x).argmax(dim=1)
    result = lt.autoattack(Alone(), model, x, y, 10, 0.08, 5, "auto")
    assert result["attack"] == "AutoAttack" and result["torchattacks"] == "9.9.9"
    assert result["implementation"].startswith("torchattacks 9.9.9")
    assert [name for name, _ in made] == ["APGD", "APGDT", "FAB", "Square"]
    assert made[0][1]["steps"] == 100 and made[1][1]["steps"] == 100 and made[2][1]["multi_targeted"] is True
    assert made[3][1]["n_queries"] == 5000 and made[3][1]["p_init"] == 0.8
    assert [s["attack"] for s in result["attacks"]] == ["APGD", "APGD-T", "FAB-T", "Square"]
    # Projected into the ball, the push breaks exactly the points it breaks there.
    pushed = lt.project_linf(x + 0.12 * (model[1].weight.mean(dim=0) - model[1].weight[y]).sign().reshape(x.shape), x, 0.08)
    with torch.no_grad():
        still = (model(pushed).argmax(dim=1) == y).float().mean().item()
    assert 0 < still < 1 and result["robustAccuracy"] == pytest.approx(100 * still)


def test_a_missing_torchattacks_is_said_when_it_was_asked_for(monkeypatch):
    monkeypatch.setitem(sys.modules, "torchattacks", None)  # import fails
    model, x = linear_model(), points(n=8)
    result = lt.autoattack(Alone(), model, x, torch.zeros(8, dtype=torch.long), 10, 0.01, 5, "torchattacks")
    assert result["status"] == "failed" and "--autoattack torchattacks: it cannot be imported" in result["reason"]
    assert lt.autoattack(Alone(), model, x, torch.zeros(8, dtype=torch.long), 10, 0.01, 5, "auto")["attack"] == "AA-lite"
