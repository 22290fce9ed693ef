"""python/ltd_torch.py against the engine: its random streams, each objective's x', loss and gradients,
its constants, flags, labels and every combination of settings, held to the values the engine writes
to python/fixtures/ (src/engine/export/python-fixtures.test.ts); and short runs whose results file
has the shape src/shared/torch-results.ts declares. Run: /usr/bin/python3 -m pytest python -q
"""
import json
import os
import re
import types

import pytest
import torch
import torch.nn as nn

import ltd_torch as lt

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def fixture(name):
    with open(os.path.join(FIXTURES, name)) as f:
        return json.load(f)


SETTINGS, RANDOM, LOSSES = fixture("engine-settings.json"), fixture("engine-random.json"), fixture("engine-losses.json")
DEFAULT = SETTINGS["defaultConfig"]
ALONE = types.SimpleNamespace(rank=0, world_size=1)


def settings(**changes):
    return {**DEFAULT, **changes}


def float32(values):
    return torch.tensor(values, dtype=torch.float64).float()


# ---------------------------------------------------------------------------------------------
# Random streams
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", RANDOM["rng"], ids=lambda c: "seed %d" % c["seed"])
def test_the_seeded_generator_draws_the_engines_numbers(case):
    fresh = lambda: lt.Rng(case["seed"])  # noqa: E731
    rng = fresh()
    assert [rng.next() for _ in case["next"]] == case["next"]
    rng = fresh()
    assert [rng.normal() for _ in case["normal"]] == pytest.approx(case["normal"], rel=1e-15, abs=1e-15)
    rng = fresh()
    assert [rng.seed() for _ in case["seeds"]] == case["seeds"]
    assert fresh().permutation(len(case["permutation"])) == case["permutation"]
    for fork in case["forks"]:
        rng = fresh()
        for name in fork["names"]:
            rng = rng.fork(name)
        assert [rng.next() for _ in fork["next"]] == fork["next"], fork["names"]


@pytest.mark.parametrize("kind", ["uniform", "normal", "truncated"])
def test_tfjs_random_ops_are_reproduced_bit_for_bit(kind):
    for case in RANDOM["tf"][kind]:
        if kind == "uniform":
            drawn = lt.tf_uniform(case["count"], case["low"], case["high"], case["seed"])
        else:
            drawn = lt.tf_normal(case["count"], case["std"], case["seed"], case["truncated"])
        assert torch.equal(drawn, float32(case["values"])), case["seed"]


def test_truncated_normals_stay_within_two_standard_deviations():
    values = lt.tf_normal(5000, 0.5, 99, True)
    assert values.abs().max() <= 1.0 and values.numel() == 5000


def test_attack_chunks_take_the_engines_seeds():
    for case in RANDOM["chunkSeeds"]:
        assert lt.chunk_seed(case["seed"], case["index"]) == case["value"]


def test_evaluation_starts_are_the_engines_chunk_by_chunk():
    case = RANDOM["evaluationStarts"]
    config = settings(seed=case["seed"], epsilon=case["epsilon"])
    starts = lt.evaluation_starts(config, "engine", torch.zeros(case["n"], 2), case["n"])
    assert torch.equal(starts.flatten(), float32(case["starts"]))


@pytest.mark.parametrize("case", RANDOM["epochs"], ids=lambda c: c["config"]["dataset"])
def test_an_epoch_has_the_engines_order_crops_flips_and_attack_seeds(case):
    config = settings(**case["config"])
    h, w, c = case["shapeHWC"]
    images = float32(case["images"]).reshape(case["n"], h, w, c).permute(0, 3, 1, 2)
    shares = list(lt.engine_batches(config, ALONE, case["phase"], case["epoch"], case["n"]))
    assert len(shares) == len(case["batches"])
    for share, batch in zip(shares, case["batches"]):
        assert share.indices == batch["indices"] and share.weight == 1
        assert share.noise.seed == batch["attackSeed"]
        augmented = lt.augment_batch(images[share.indices], *lt.augmentation(config), share.noise)
        assert torch.equal(augmented.permute(0, 2, 3, 1).flatten(), float32(batch["x"]))


@pytest.mark.parametrize("processes", [2, 3, 5])
def test_processes_split_each_batch_so_their_weighted_losses_average_to_the_batch_mean(processes):
    config = settings(seed=4, batchSize=4)
    whole = [share.indices for share in lt.engine_batches(config, ALONE, "student", 1, 11)]
    ranks = [list(lt.engine_batches(config, types.SimpleNamespace(rank=r, world_size=processes), "student", 1, 11)) for r in range(processes)]
    loss = lambda i: (i + 1) ** 2  # noqa: E731  a per-example loss that tells examples apart
    for b, batch in enumerate(whole):
        shares = [rank[b] for rank in ranks]
        assert sorted(i for s in shares if s.weight for i in s.indices) == sorted(batch)
        # DDP averages the processes' gradients: their weighted means must average to the batch's mean.
        averaged = sum(s.weight * sum(map(loss, s.indices)) / len(s.indices) for s in shares) / processes
        assert averaged == pytest.approx(sum(map(loss, batch)) / len(batch))


# ---------------------------------------------------------------------------------------------
# Objectives: x', loss and gradients on the engine's hand-made batch
# ---------------------------------------------------------------------------------------------
def hand_made_network():
    """The fixture's 2-4-3 ReLU network, its tfjs [in, out] kernels transposed to torch's [out, in]."""
    w = LOSSES["weights"]
    net = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 3))
    with torch.no_grad():
        for layer, kernel, bias in ((net[0], "w1", "b1"), (net[2], "w2", "b2")):
            layer.weight.copy_(torch.tensor(w[kernel]).t())
            layer.bias.copy_(torch.tensor(w[bias]))
    return net


def gradients(net):
    return {"w1": net[0].weight.grad.t(), "b1": net[0].bias.grad, "w2": net[2].weight.grad.t(), "b2": net[2].bias.grad}


def expect_gradients(net, want):
    for name, value in gradients(net).items():
        assert torch.allclose(value, torch.tensor(want[name]), rtol=1e-5, atol=1e-6), name


def batch():
    b = LOSSES["batch"]
    return torch.tensor(b["x"]), torch.tensor(b["y"]), torch.tensor(b["teacherLogits"])


def case_id(case):
    c = case["changes"]
    return "-".join([c["method"]] + ([c["ltdBase"]] if c["method"] == "ltd" else []) + ([c["innerMax"]] if case["xAdv"] is not None else []) + ([c["norm"]] if "norm" in c else []))


def step(config, objective, x_adv, rule):
    """One step's gradients on a fresh copy of the network; returns the network and its data loss."""
    net = hand_made_network()
    x, y, teacher = batch()
    data_loss = rule(lt.StepLoss(net, objective, lt.weight_decay_for(config["method"])), net, (x, x_adv, y, teacher, 1.0))
    return net, data_loss


@pytest.mark.parametrize("case", LOSSES["cases"], ids=case_id)
def test_each_objective_crafts_the_engines_x_adv_and_computes_its_loss_and_gradients(case):
    config = {**LOSSES["settings"], **case["changes"]}
    objective = lt.student_objective(config)
    x, y, teacher = batch()
    noise = lt.EngineNoise(LOSSES["attackSeed"], x.shape[0], list(range(x.shape[0])))
    x_adv = objective.craft(hand_made_network(), x, y, lt.train_attack(config, 3, noise))
    if case["xAdv"] is None:
        assert x_adv is None
    else:
        assert torch.allclose(x_adv, torch.tensor(case["xAdv"]), atol=1e-6)
        assert (x_adv - x).abs().max() <= config["epsilon"] + 1e-7 and 0 <= x_adv.min() and x_adv.max() <= 1
        x_adv = torch.tensor(case["xAdv"])  # the engine's x' from here on: the loss and gradients alone
    assert objective.loss(hand_made_network(), x, x_adv, y, teacher).item() == pytest.approx(case["loss"], rel=1e-5)
    net, data_loss = step(config, objective, x_adv, lt.plain_step)
    assert data_loss.item() == pytest.approx(case["loss"], rel=1e-5)
    expect_gradients(net, case["gradients"])
    if "awpGradients" in case:
        net, _ = step(config, objective, x_adv, lt.awp_rule(config["awpGamma"]))
        expect_gradients(net, case["awpGradients"])
        untouched = hand_made_network()
        assert all(torch.equal(a, b) for a, b in zip(net.parameters(), untouched.parameters())), "AWP restores w exactly"


@pytest.mark.parametrize("case", LOSSES["teachers"], ids=lambda c: c["method"])
def test_the_teacher_trains_at_its_temperature(case):
    config = {**LOSSES["settings"], "method": case["method"]}
    assert lt.teacher_temperature(config) == case["temperature"]
    objective = lt.NaturalObjective(lt.teacher_temperature(config))
    x, y, teacher = batch()
    assert objective.loss(hand_made_network(), x, None, y, teacher).item() == pytest.approx(case["loss"], rel=1e-5)
    net, _ = step(config, objective, None, lt.plain_step)
    expect_gradients(net, case["gradients"])


# ---------------------------------------------------------------------------------------------
# Constants, flags, labels, schedules, and every combination of settings
# ---------------------------------------------------------------------------------------------
def test_the_engines_constants():
    c = SETTINGS["constants"]
    assert (lt.WEIGHT_DECAY, lt.MOMENTUM, lt.ADAM_EPSILON, lt.PIECEWISE_FACTOR) == (c["weightDecay"], c["momentum"], c["adamEpsilon"], c["piecewiseFactor"])
    assert list(lt.PIECEWISE_MILESTONES) == c["piecewiseMilestones"]
    assert (lt.EVAL_CHUNK, lt.ACCURACY_CHUNK) == (c["evalChunk"], c["accuracyChunk"])


@pytest.mark.parametrize("method", sorted(SETTINGS["methods"]))
def test_each_method_has_the_engines_label_weight_decay_teacher_and_attack(method):
    want = SETTINGS["methods"][method]
    config = settings(method=method, distillTemperature=7)
    objective = lt.student_objective(config)
    assert lt.METHOD_LABELS[method] == want["label"]
    assert lt.weight_decay_for(method) == want["weightDecay"]
    assert (objective.needs_teacher, objective.adversarial) == (want["needsTeacher"], want["adversarial"])
    assert lt.teacher_temperature(config) == want["teacherTemperature"]


def test_flags_take_the_pages_ranges_and_labels():
    fields = SETTINGS["numericFields"]
    for flag, key, kind, low, high, label in lt.OVERRIDES:
        f = fields[key]
        assert (low, high, label, kind is int) == (f["min"], f["max"], f["label"], f["integer"]), flag
    assert set(lt.CONFIG_KEYS) <= set(DEFAULT)


@pytest.mark.parametrize("argv, message", [
    (["--epochs", "0"], "Epochs must be between 1 and 200, got 0"),
    (["--learning-rate", "fast"], "Learning rate must be a number, got 'fast'"),
    (["--random", "numpy"], "invalid choice: 'numpy'"),
])
def test_a_bad_flag_is_refused_with_its_range(argv, message, capsys):
    with pytest.raises(SystemExit):
        lt.parse_args(argv)
    assert message in capsys.readouterr().err


def test_data_sets_classes_and_augmentation_are_the_engines():
    datasets = SETTINGS["datasets"]
    assert set(lt.TOY_DATASETS + lt.IMAGE_DATASETS) == set(datasets)
    for name, d in datasets.items():
        if name in lt.TOYS:
            assert lt.TOYS[name][0] == d["numClasses"]
        a = d["augmentation"]
        assert lt.augmentation(settings(dataset=name, augment="on")) == (a and (a["pad"], a["flip"]))
        assert lt.augmentation(settings(dataset=name, augment="off")) is None
        assert lt.default_random(settings(dataset=name)) == ("torch" if name in lt.IMAGE_DATASETS else "engine")


def test_learning_rate_schedules_are_the_engines():
    for s in SETTINGS["schedules"]:
        config = settings(lrSchedule=s["lrSchedule"], learningRate=s["learningRate"])
        rates = [lt.learning_rate_at(config, epoch, s["epochs"]) for epoch in range(1, s["epochs"] + 1)]
        assert rates == pytest.approx(s["rates"], rel=1e-12), (s["lrSchedule"], s["epochs"])


@pytest.mark.parametrize("case", SETTINGS["labels"], ids=lambda c: c["label"])
def test_the_label_is_the_pages_with_epsilon_rounded_as_it_rounds(case):
    assert lt.run_label(settings(**case["changes"])) == case["label"]


@pytest.mark.parametrize("value, text", [(5, "5"), (5.0, "5"), (0.005, "0.005"), (5e-05, "0.00005"), (1e-7, "1e-7"), (2.5e21, "2.5e+21")])
def test_numbers_in_labels_read_as_javascript_writes_them(value, text):
    assert lt.js_number(value) == text


def combination_id(case):
    return "-".join(str(v) for v in case["changes"].values())


@pytest.mark.parametrize("case", SETTINGS["combinations"], ids=combination_id)
def test_every_combination_of_settings_builds_its_model_and_objective(case):
    config = settings(**case["changes"])
    d = SETTINGS["datasets"][config["dataset"]]
    shape = d["inputShape"]
    torch_shape = (shape[2], shape[0], shape[1]) if len(shape) == 3 else tuple(shape)
    model = lt.build_model(config, torch_shape, d["numClasses"])
    assert type(model).__name__ == {"mlp": "MLP", "cnn": "SmallCNN", "resnet": "ResNet"}[config["model"]]
    model.eval()
    with torch.no_grad():
        assert model(torch.zeros((2,) + torch_shape)).shape == (2, d["numClasses"])
    objective = lt.student_objective(config)
    assert (objective.start, objective.needs_teacher) == (case["start"], case["needsTeacher"])
    assert lt.run_label(config) == case["label"]


def test_every_file_the_script_points_at_exists():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(lt.__file__) as f:
        named = set(re.findall(r"\b(?:src|python)/[\w./-]*\w", f.read()))
    assert len(named) > 20
    assert [path for path in sorted(named) if not os.path.exists(os.path.join(root, path))] == []
