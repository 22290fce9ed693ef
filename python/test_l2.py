"""The L2 threat model of python/ltd_torch.py: the exact projection onto the L2 ball and [0, 1] held to an
independent solver (Dykstra's alternating projections) and to its optimality conditions; every L2 attack
(FGM, PGD, APGD, Square) kept inside the ball and the box; Square never taking a gradient; the attacks
held to closed-form answers on linear models, where the smallest L2 perturbation that flips a point is
(z_y - z_j) / ||w_y - w_j||_2; and L2 adversarial training, end to end, for PGD-AT, TRADES and LTD.
"""
import pytest
import torch
import torch.nn as nn

import ltd_torch as lt
from test_attacks import Alone, linear_model, points
from test_run import DEFAULT, SCHEMA, TINY, run_in_process, violations


def dykstra(x, x0, epsilon, rounds=2000):
    """The projection onto ball intersected with box by Dykstra's algorithm (converges to the nearest point of the
    intersection, unlike plain alternating projections), in float64: the reference the closed form is held to."""
    x, x0 = x.double(), x0.double()
    point, p, q = x.clone(), torch.zeros_like(x), torch.zeros_like(x)
    for _ in range(rounds):
        y = (point + p).clamp(0, 1)
        p = point + p - y
        d = y + q - x0
        norm = lt.per_example(lt.l2_norms(d), d)
        point = x0 + d * torch.clamp(epsilon / norm.clamp_min(1e-300), max=1)
        q = y + q - point
    return point


def l2_norms(t):
    return t.reshape(t.shape[0], -1).double().norm(dim=1)


def cases(n=24, d=12, seed=0):
    """Centres with some coordinates on or near the box's faces and steps large enough that ball and box both bind."""
    g = torch.Generator().manual_seed(seed)
    x0 = torch.rand((n, d), generator=g, dtype=torch.float64)
    x0[: n // 3, : d // 3] = 0.0
    x0[n // 3: 2 * n // 3, : d // 4] = 0.98
    x = x0 + torch.randn((n, d), generator=g, dtype=torch.float64) * torch.linspace(0.05, 1.5, n, dtype=torch.float64)[:, None]
    return x, x0


@pytest.mark.parametrize("epsilon", [0.1, 0.5, 2.0])
def test_the_l2_projection_is_the_nearest_point_of_ball_and_box(epsilon):
    x, x0 = cases()
    projected = lt.project_l2(x, x0, epsilon)
    reference = dykstra(x, x0, epsilon)
    assert (projected - reference).abs().max() < 1e-9  # both in float64: they agree to rounding
    assert (l2_norms(projected - x0) <= epsilon + 1e-9).all() and projected.min() >= 0 and projected.max() <= 1
    # Optimality (the variational inequality): (x - P) . (z - P) <= 0 for every z of the set.
    g = torch.Generator().manual_seed(5)
    for _ in range(20):
        z = lt.project_l2(x0 + torch.randn(x.shape, generator=g, dtype=torch.float64), x0, epsilon)
        assert (((x - projected) * (z - projected)).sum(dim=1) <= 1e-9).all()
    # Which constraint binds varies across the cases (else the test could not fail for the other one).
    bound_by_ball = (l2_norms(projected - x0) > epsilon - 1e-9)
    clipped = ((projected == 0) | (projected == 1)).any(dim=1)
    assert bound_by_ball.any() and clipped.any() and (bound_by_ball & clipped).any()


def test_the_l2_projection_by_hand():
    x0 = torch.tensor([[0.5, 0.5], [0.5, 0.5], [0.0, 0.5], [0.2, 0.2]])
    x = torch.tensor([[0.6, 0.5], [1.5, 0.5], [-1.0, 1.5], [0.2, 0.2]])
    p = lt.project_l2(x, x0, 0.25)
    # inside: unchanged; along an axis: cut at the radius; pressed against x = 0: the whole radius goes up; zero step: x0.
    assert torch.allclose(p, torch.tensor([[0.6, 0.5], [0.75, 0.5], [0.0, 0.75], [0.2, 0.2]]), atol=1e-7)
    # Scale-then-clip is feasible but not nearest once the clip bites (it spends the radius on the clipped axis).
    sc = lt.project_l2_scale_clip(x[2:3], x0[2:3], 0.25)
    assert sc[0, 1] < p[2, 1] - 0.05 and lt.l2_norms(sc - x0[2:3]).item() <= 0.25 + 1e-7


def test_a_config_names_its_norm_or_is_linf():
    older = {key: value for key, value in DEFAULT.items() if key != "norm"}  # a config from before L2
    assert lt.norm_of(older) == "linf" and lt.checked_config(older, "here").get("norm", "linf") == "linf"
    assert lt.norm_of(DEFAULT) == DEFAULT["norm"] == "linf"
    assert lt.checked_config({**DEFAULT, "norm": "l2"}, "here")["norm"] == "l2"
    with pytest.raises(lt.ConfigError, match="norm 'l1' is not a threat model"):
        lt.checked_config({**DEFAULT, "norm": "l1"}, "here")
    assert lt.train_attack({**DEFAULT, "norm": "l2"}, 3).norm == "l2" and lt.train_attack(DEFAULT, 3).norm == "linf"


def watched(model):
    """model, recording every input it is called on."""
    seen = []
    original = model.forward

    def forward(inputs):
        seen.append(inputs.detach().clone())
        return original(inputs)
    model.forward = forward
    return seen


def linear_l2_robust(model, x, y, epsilon):
    """Correct and unflippable by any L2 perturbation of size epsilon (linear model, box not binding)."""
    weight = model[1].weight.detach().double()
    with torch.no_grad():
        logits = model(x).double()
    gaps = logits.gather(1, y[:, None]) - logits
    norms = (weight[y][:, None, :] - weight[None, :, :]).norm(dim=2)
    sizes = (gaps / norms).masked_fill(torch.nn.functional.one_hot(y, logits.shape[1]).bool(), float("inf"))
    return (logits.argmax(dim=1) == y) & (sizes.min(dim=1).values > epsilon)


ATTACKS = {
    "fgm": lambda m, x, y, e, g: ~lt.fgm_robust(m, x, y, e, "l2")[0],
    "pgd": lambda m, x, y, e, g: ~lt.pgd_robust(m, x, y, e, 10, lt.default_step_size(e, 10), lt.uniform_ball(x, e, "l2", lt.TorchNoise(g)), "l2"),
    "apgd": lambda m, x, y, e, g: lt.apgd_run(m, x, y, e, 20, "ce", None, g, "l2"),
    "square": lambda m, x, y, e, g: lt.square_l2_run(m, x, y, e, 60, g)[0],
}


@pytest.mark.parametrize("name", list(ATTACKS))
@pytest.mark.parametrize("shape", [(3, 10, 10), (2,)])
def test_every_l2_attack_stays_in_the_ball_and_the_box_and_breaks_only_what_can_be_broken(name, shape):
    features = 1
    for s in shape:
        features *= s
    model, x = linear_model(classes=4, features=features), points(n=32, shape=shape)
    x[:4] = 0.001  # points on the box's edge: a perturbation must not leave [0, 1]
    with torch.no_grad():
        y = model(x).argmax(dim=1)
    epsilon = 0.5
    seen = watched(model)
    broken = ATTACKS[name](model, x, y, epsilon, torch.Generator().manual_seed(0))
    assert len(seen) > 1
    for inputs in seen:
        # Square queries the points still standing only: each row is held to its nearest clean point (the
        # clean points lie further apart than 2 eps on images, so that is its own).
        distance = torch.cdist(inputs.reshape(inputs.shape[0], -1).double(), x.reshape(x.shape[0], -1).double()).min(dim=1).values
        assert (distance <= epsilon * (1 + 1e-5)).all() and inputs.min() >= 0 and inputs.max() <= 1
    assert not (broken & linear_l2_robust(model, x, y, epsilon)).any()


def test_fgm_l2_breaks_exactly_the_points_a_binary_linear_model_can_lose():
    """Two classes: the cross-entropy's input gradient points along w_j - w_y, the optimal L2 direction, so one
    step of size epsilon flips exactly the points within epsilon of the boundary (the box does not bind here)."""
    model, x = linear_model(classes=2, features=16, seed=3), points(n=200, shape=(16,), seed=4)
    with torch.no_grad():
        y = model(x).argmax(dim=1)
    y[:10] = 1 - y[:10]
    epsilon = 0.05
    want = linear_l2_robust(model, x, y, epsilon)
    assert 10 < int(want.sum()) < 180
    robust, x_adv = lt.fgm_robust(model, x, y, epsilon, "l2")
    assert torch.equal(robust, want)
    assert torch.allclose(l2_norms(x_adv - x), torch.full((200,), epsilon, dtype=torch.float64), atol=1e-6)


@pytest.mark.parametrize("seed", [0])  # seed 2 passes too (43 of 64 robust); one keeps the suite short on two cores
def test_the_own_l2_ensemble_finds_exactly_the_linear_models_non_robust_points(seed):
    # epsilon 0.3: no coordinate can move more than 0.3, so from [0.3, 0.7] the box never binds and the closed form is exact.
    model, x, epsilon = linear_model(seed=seed), points(), 0.3
    with torch.no_grad():
        y = model(x).argmax(dim=1)
    y[:8] = (y[:8] + 1) % 10
    want = linear_l2_robust(model, x, y, epsilon)
    assert 0 < int(want.sum()) < x.shape[0] - 8
    result = lt.autoattack(Alone(), model, x, y, 10, epsilon, 3, "own", "l2")
    assert result["status"] == "done" and result["norm"] == "l2" and all(s["norm"] == "l2" for s in result["attacks"])
    assert result["robustAccuracy"] == pytest.approx(100 * want.float().mean().item())


def test_square_l2_takes_no_gradient_counts_its_queries_and_breaks_every_point_at_a_huge_epsilon(monkeypatch):
    def no_gradients(*args, **kwargs):
        raise AssertionError("Square took a gradient")
    monkeypatch.setattr(torch.autograd, "grad", no_gradients)
    monkeypatch.setattr(torch.Tensor, "backward", no_gradients)
    model = linear_model(classes=10, features=3 * 16 * 16)
    for p in model.parameters():
        p.requires_grad_(False)
    x = points(n=12, shape=(3, 16, 16))
    with torch.no_grad():
        y = model(x).argmax(dim=1)
    seen = watched(model)
    broken, used = lt.square_l2_run(model, x, y, 8.0, 300, torch.Generator().manual_seed(0))
    assert all(not inputs.requires_grad for inputs in seen)
    assert bool(broken.all()) and int(used.max()) <= 300 and int(used.min()) >= 1
    small, used = lt.square_l2_run(model, x, y, 1e-4, 20, torch.Generator().manual_seed(0))
    assert not small.any() and int(used.min()) == 20


def test_the_square_l2_window_is_autoattacks_meta_pseudo_gaussian():
    eta = lt.square_eta(5)
    assert eta.norm().item() == pytest.approx(1.0)
    assert (eta[:2] > 0).all() and (eta[2:] < 0).all()  # upper half positive, lower half negative
    assert torch.equal(lt.square_eta(5, True), eta.t())
    # eta_rectangles(2, 5), before normalising: rings weighted 1, 1/4, 1/9 around the centre (row 1, column 2).
    a, b = 1 / 9, 1 / 4 + 1 / 9
    raw = torch.tensor([[a, b, b, b, a], [a, b, 1 + b, b, a]], dtype=torch.float64)
    assert torch.allclose(lt.eta_rectangles(2, 5), raw / raw.norm())
    assert [lt.square_side_l2(p, 32, 32) for p in (0.8, 0.1, 0.001, 0.8 / 512)] == [29, 11, 3, 3]
    assert lt.square_side_l2(0.8, 1, 2) == 1


def test_the_l2_start_is_uniform_in_the_ball():
    """||delta|| <= eps, and for uniform points of a d-ball (||delta|| / eps)^d is U(0, 1): mean 1/2 within 4 standard errors."""
    g = torch.Generator().manual_seed(0)
    x = torch.zeros(4000, 3)
    delta = lt.uniform_ball(x, 0.2, "l2", lt.TorchNoise(g))
    r = l2_norms(delta) / 0.2
    assert r.max() <= 1 + 1e-6 and abs(r.pow(3).mean().item() - 0.5) < 4 * (1 / 12 / 4000) ** 0.5
    engine = lt.uniform_ball(torch.zeros(8, 2), 0.2, "l2", lt.EngineNoise(7, 8, list(range(8))))
    assert (l2_norms(engine) <= 0.2 + 1e-6).all() and l2_norms(engine).min() > 0


@pytest.mark.parametrize("inner", ["ce", "kl"])
def test_training_pgd_under_l2_stays_in_the_ball_and_raises_the_loss(inner):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 3)).eval()
    x, y = torch.rand(64, 2) * 0.8 + 0.1, torch.randint(0, 3, (64,))
    attack = lt.TrainAttack(0.1, 5, lt.default_step_size(0.1, 5), 3, lt.TorchNoise(torch.Generator().manual_seed(1)), norm="l2")
    x_adv = lt.INNER_MAX[inner][0](model, x, y, attack)
    assert (l2_norms(x_adv - x) <= 0.1 + 1e-6).all() and x_adv.min() >= 0 and x_adv.max() <= 1
    assert l2_norms(x_adv - x).max() > 0.09  # the steps reach the sphere, not just the start's neighbourhood
    with torch.no_grad():
        # Each inner maximisation raises its own objective above a random point of the ball (of radius ~0.1 in 2-D).
        objective = (lambda inputs: nn.functional.cross_entropy(model(inputs), y)) if inner == "ce" else (lambda inputs: lt.kl_divergence(model(x), model(inputs)))
        somewhere = lt.project_l2(x + lt.uniform_ball(x, 0.1, "l2", lt.TorchNoise(torch.Generator().manual_seed(2))), x, 0.1)
        assert objective(x_adv) > objective(somewhere) and objective(x_adv) > objective(x)


@pytest.mark.parametrize("method", ["pgd-at", "trades", "ltd"])
def test_one_epoch_of_l2_adversarial_training_writes_l2_results(tmp_path, monkeypatch, method):
    monkeypatch.delenv("WORLD_SIZE", raising=False)
    config = {**DEFAULT, **TINY, "method": method, "norm": "l2", "epsilon": 0.1}
    results = run_in_process(tmp_path, config)
    assert violations(results, SCHEMA) == []
    [run] = results["runs"]
    assert run["config"]["norm"] == "l2" and run["robustAttack"]["norm"] == "l2"
    assert results["pytorch"]["trainAttack"]["norm"] == "l2"
    assert results["pytorch"]["modelCard"]["threat_model"] == "L2"
    assert 0 <= run["student"][0]["robustAcc"] <= run["student"][0]["natAcc"]
