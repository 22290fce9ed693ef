"""python/ltd_torch.py's L2 attacks against the engine's on the same small trained model and the same points
(python/fixtures/engine-l2.json, written by src/engine/export/test-fixture-l2.ts): the exact projection and
FGM-L2 agree point for point; PGD-L2 draws the engine's own random start, so it agrees point for point up to
float32 ties; APGD-L2 and Square-L2 draw other random numbers, so their robust accuracies must agree within
sampling error (3 two-sample binomial standard errors on the subset).
"""
import json
import math
import os

import pytest
import torch
import torch.nn as nn

import ltd_torch as lt

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "fixtures", "engine-l2.json")) as f:
    FIXTURE = json.load(f)
EPSILON = FIXTURE["epsilon"]


def engine_model():
    """The fixture's 16 -> 12 -> 3 ReLU network (tfjs keeps weights [in, out]; torch's Linear [out, in])."""
    w = FIXTURE["weights"]
    model = nn.Sequential(nn.Flatten(), nn.Linear(16, 12), nn.ReLU(), nn.Linear(12, 3))
    with torch.no_grad():
        model[1].weight.copy_(torch.tensor(w["w1"]).t())
        model[1].bias.copy_(torch.tensor(w["b1"]))
        model[3].weight.copy_(torch.tensor(w["w2"]).t())
        model[3].bias.copy_(torch.tensor(w["b2"]))
    return model.eval()


MODEL = engine_model()
# 4 x 4 x 1 images: with one channel tfjs's NHWC and torch's NCHW lay the 16 values out alike.
X = torch.tensor(FIXTURE["x"]).reshape(-1, 1, 4, 4)
Y = torch.tensor(FIXTURE["y"])


def accuracy(correct):
    return sum(correct) / len(correct)


def within_sampling_error(ours, engine, n):
    """|a - b| within 3 standard errors of a difference of two binomial proportions on n points each."""
    p = (ours + engine) / 2
    return abs(ours - engine) <= 3 * math.sqrt(2 * p * (1 - p) / n) + 1e-9


def test_the_model_is_the_engines():
    with torch.no_grad():
        correct = (MODEL(X).argmax(dim=1) == Y).int().tolist()
    assert correct == FIXTURE["fgm"]["cleanCorrect"]
    assert 0.3 < accuracy(FIXTURE["pgd"]["advCorrect"]) < 0.9  # mid-range: the comparisons below can fail either way


@pytest.mark.parametrize("case", range(2))
def test_the_exact_projection_is_the_engines(case):
    p = FIXTURE["projection"]
    expected = p["cases"][case]
    ours = lt.project_l2(torch.tensor(p["x"]), torch.tensor(p["x0"]), expected["epsilon"])
    assert (ours - torch.tensor(expected["projected"])).abs().max() < 1e-5


def test_fgm_l2_agrees_point_for_point():
    robust, x_adv = lt.fgm_robust(MODEL, X, Y, EPSILON, "l2")
    assert robust.int().tolist() == FIXTURE["fgm"]["advCorrect"]
    assert (x_adv.reshape(-1, 16)[:20] - torch.tensor(FIXTURE["fgm"]["xAdv"])).abs().max() < 1e-5


def test_pgd_l2_from_the_engines_start_agrees_point_for_point():
    settings = FIXTURE["pgd"]
    n = X.shape[0]
    start = lt.uniform_ball(X, EPSILON, "l2", lt.EngineNoise(settings["seed"], n, list(range(n))))
    robust = lt.pgd_robust(MODEL, X, Y, EPSILON, settings["steps"], settings["stepSize"], start, "l2").int().tolist()
    differ = sum(a != b for a, b in zip(robust, settings["advCorrect"]))
    assert differ <= 2, "%d of %d points differ" % (differ, n)  # float32 in another order may flip a point on the boundary
    assert within_sampling_error(accuracy(robust), accuracy(settings["advCorrect"]), n)


@pytest.mark.parametrize("seed", [0, 1])
def test_apgd_l2_robust_accuracy_agrees_within_sampling_error(seed):
    settings = FIXTURE["apgd"]
    broken = lt.apgd_run(MODEL, X, Y, EPSILON, settings["steps"], settings["loss"], None, torch.Generator().manual_seed(seed), "l2")
    with torch.no_grad():
        robust = ((MODEL(X).argmax(dim=1) == Y) & ~broken).float().mean().item()
    assert within_sampling_error(robust, accuracy(settings["advCorrect"]), X.shape[0]), (robust, accuracy(settings["advCorrect"]))


@pytest.mark.parametrize("seed", [0, 1])
def test_square_l2_robust_accuracy_agrees_within_sampling_error(seed):
    settings = FIXTURE["square"]
    broken, _ = lt.square_l2_run(MODEL, X, Y, EPSILON, settings["queries"], torch.Generator().manual_seed(seed), settings["pInit"])
    with torch.no_grad():
        robust = ((MODEL(X).argmax(dim=1) == Y) & ~broken).float().mean().item()
    assert within_sampling_error(robust, accuracy(settings["advCorrect"]), X.shape[0]), (robust, accuracy(settings["advCorrect"]))
    # and Square, a black box, stays weaker than the white-box APGD on this smooth model, on both sides
    assert accuracy(settings["advCorrect"]) >= accuracy(FIXTURE["apgd"]["advCorrect"])


@pytest.mark.parametrize("case", range(2))
def test_the_l2_training_pgd_from_the_engines_start_is_the_engines(case):
    """pgd_perturb with the engine's random numbers (--random engine): the same last iterate, from the uniform
    start in the L2 ball (PGD-AT, LTD) and from TRADES' x + 0.001 N(0, 1)."""
    settings = FIXTURE["trainPgd"]
    expected = settings["cases"][case]
    n = settings["points"]
    x, y = X[:n], Y[:n]
    attack = lt.TrainAttack(EPSILON, settings["steps"], settings["stepSize"], 3, lt.EngineNoise(settings["seed"], n, list(range(n))), norm="l2")
    x_adv = lt.craft_cross_entropy(MODEL, x, y, attack) if expected["start"] == "uniform" else \
        lt.pgd_perturb(lambda inputs: lt.soft_cross_entropy(MODEL(inputs), lt.one_hot(y, 3)), x, attack, expected["start"])
    assert (x_adv.reshape(n, -1) - torch.tensor(expected["xAdv"])).abs().max() < 1e-4
    assert (x_adv.reshape(n, -1) - x.reshape(n, -1)).norm(dim=1).max() <= EPSILON + 1e-5
