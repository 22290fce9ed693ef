"""The paper preset (export-torch --preset paper-cifar10) proven small: its settings are the paper's, its
WideResNet is TRADES' (46 160 474 parameters at 34-10), and its script -- shrunk with --depth 10 --widen 1
onto a fake 64-image CIFAR-10 set, 2 steps an epoch -- survives a kill: killed after the student's first
epoch and run again with --resume, alone and under torchrun --nproc_per_node=2, it ends with exactly the
parameters of a run never stopped.
"""
import json
import os
import shutil
import socket
import subprocess
import sys

import pytest
import torch

import ltd_torch as lt
from test_run import SCHEMA, violations

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "fixtures", "paper-cifar10.json")) as f:
    PAPER = json.load(f)  # what export-torch --preset paper-cifar10 writes into CONFIG (src/engine/export/python-fixtures.test.ts)
TORCHRUN = shutil.which("torchrun", path="/usr/bin:" + os.environ.get("PATH", ""))


def test_the_preset_holds_the_papers_setting():
    config = lt.checked_config(PAPER, "paper-cifar10.json")
    assert (config["dataset"], config["method"], config["ltdBase"], config["tau"], config["lambda"]) == ("cifar10", "ltd", "trades", 5, 6)
    assert config["epsilon"] == 8 / 255 and config["trainPgdSteps"] == 10 and config["trainPgdStepSize"] == 2 / 255
    assert (config["optimizer"], config["learningRate"], config["batchSize"], config["epochs"]) == ("sgd", 0.1, 128, 200)
    assert (config["trainSize"], config["testSize"], config["augment"]) == (50000, 10000, "on")
    assert lt.augmentation(config) == (4, True)  # 4-pixel padded crops and flips; inputs stay in [0, 1] (no normalisation)
    assert (lt.WEIGHT_DECAY, lt.MOMENTUM) == (5e-4, 0.9)
    assert tuple(config["scale"]) == lt.SCALE_KEYS
    assert config["scale"]["architecture"] == {"name": "WideResNet", "depth": 34, "widen": 10}
    assert lt.architecture_name(config) == "WideResNet-34-10" and lt.run_label(config).endswith("(PyTorch, WideResNet-34-10)")
    assert lt.student_objective(config).needs_teacher and lt.teacher_temperature(config) == 1.0  # a naturally trained teacher


def test_the_learning_rate_drops_at_the_listed_epochs():
    rates = [lt.phase_rate(PAPER, epoch, 200) for epoch in (1, 99, 100, 149, 150, 200)]
    assert rates == pytest.approx([0.1, 0.1, 0.01, 0.01, 0.001, 0.001])


def test_the_wide_resnet_is_trades_wrn_34_10():
    model = lt.build_model(PAPER, (3, 32, 32), 10)
    assert sum(p.numel() for p in model.parameters()) == 46160474
    keys = set(model.state_dict())
    # TRADES' names (models/wideresnet.py), so its checkpoints and RobustBench's load with strict=True.
    assert {"conv1.weight", "block1.layer.0.convShortcut.weight", "block2.layer.4.conv2.weight", "block3.layer.0.bn1.running_var",
            "bn1.weight", "fc.weight", "fc.bias"} <= keys
    assert "block1.layer.1.convShortcut.weight" not in keys and not any(k.startswith("sub_block1") for k in keys)
    small = lt.WideResNet(3, 10, 1, 10)
    assert small(torch.rand(2, 3, 32, 32)).shape == (2, 10)


@pytest.mark.parametrize("depth, widen, problem", [(12, 1, r"depth 12 is not 6n \+ 4"), (4, 1, r"depth 4 is not 6n \+ 4"), (16, 0, "widen 0 is not")])
def test_a_depth_or_width_the_wide_resnet_cannot_have_is_refused(depth, widen, problem):
    with pytest.raises(lt.ConfigError, match=problem):
        lt.settings(lt.parse_args(["--config", os.path.join(HERE, "fixtures", "paper-cifar10.json"), "--depth", str(depth), "--widen", str(widen)]))


def test_scale_flags_need_scale_settings_and_the_wide_resnet_has_no_engine_random_streams(tmp_path):
    page = {k: v for k, v in PAPER.items() if k != "scale"}
    (tmp_path / "page.json").write_text(json.dumps(page))
    with pytest.raises(lt.ConfigError, match="--depth: only paper-scale settings"):
        lt.settings(lt.parse_args(["--config", str(tmp_path / "page.json"), "--depth", "10"]))
    with pytest.raises(lt.ConfigError, match="--random engine: the WideResNet has no twin"):
        lt.settings(lt.parse_args(["--config", os.path.join(HERE, "fixtures", "paper-cifar10.json"), "--random", "engine"]))


def test_mixed_precision_is_for_gpus_only():
    cpu = torch.device("cpu")
    assert lt.choose_precision("auto", PAPER, cpu) is lt.FLOAT32
    assert lt.choose_precision("off", PAPER, torch.device("cuda", 0)) is lt.FLOAT32
    with pytest.raises(lt.ConfigError, match="--amp bf16: mixed precision runs on CUDA GPUs only"):
        lt.choose_precision("bf16", PAPER, cpu)


def test_time_steps_times_each_phase_and_writes_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("WORLD_SIZE", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(lt, "CONFIG", PAPER)
    lt.main(["--depth", "10", "--widen", "1", "--batch-size", "8", "--time-steps", "1", "--device", "cpu"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" step ")[0] for line in lines[:2]] == ["time-steps: teacher", "time-steps: student"]
    assert "an epoch of 6250 steps" in lines[1] and "200 epochs" in lines[1] and lines[2].startswith("time-steps: training alone")
    assert list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------------------------------------
# The proof: the exported script, shrunk, killed and resumed
# ----------------------------------------------------------------------------------------------
def fake_cifar(folder, train=64, test=16):
    """data_batch_1.bin and test_batch.bin of random pixels and labels, seeded."""
    generator = torch.Generator().manual_seed(7)
    folder.mkdir(parents=True)
    for name, n in (("data_batch_1.bin", train), ("test_batch.bin", test)):
        labels = torch.randint(0, 10, (n, 1), generator=generator, dtype=torch.uint8)
        pixels = torch.randint(0, 256, (n, 3072), generator=generator, dtype=torch.uint8)
        (folder / name).write_bytes(torch.cat([labels, pixels], dim=1).numpy().tobytes())


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """The exported script (the repository's python/ltd_torch.py with the preset written into CONFIG, as
    src/engine/export/torch-script.ts writes it) and the fake data."""
    root = tmp_path_factory.mktemp("paper")
    with open(lt.__file__) as f:
        source = f.read()
    assert source.count("\nCONFIG = None\n") == 1
    script = root / "paper-cifar10.py"
    script.write_text(source.replace("\nCONFIG = None\n", '\nCONFIG = json.loads(r"""%s""")\n' % json.dumps(PAPER, indent=2)))
    fake_cifar(root / "cifar")
    return root, script


def test_the_exported_scripts_help_documents_checkpoints_resume_mixed_precision_and_several_machines(setup):
    root, script = setup
    shown = subprocess.run([sys.executable, str(script), "--help"], cwd=root, capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr
    text = " ".join(shown.stdout.split())  # argparse wraps to the terminal's width
    assert text.startswith("usage: paper-cifar10.py") and "LTD τ=5 λ=6 ε=0.0314 (PyTorch, WideResNet-34-10)" in text
    for flag in ("--resume", "--checkpoint-dir", "--amp", "--autoattack", "--depth", "--widen", "--lr-drops", "--aa-subset", "--nnodes", "--rdzv-endpoint"):
        assert flag in text, flag
    assert "(exported: 34)" in text and "(exported: 100,150)" in text and "(exported: 10000)" in text


SMALL = ["--depth", "10", "--widen", "1", "--teacher-epochs", "1", "--epochs", "2", "--batch-size", "32", "--eval-subset", "4", "--eval-pgd-steps", "2",
         "--device", "cpu"]


def launch(setup, name, processes, *flags, kill=None):
    root, script = setup
    env = {k: v for k, v in os.environ.items() if k not in ("WORLD_SIZE", "RANK", "LOCAL_RANK", lt.KILL_AFTER_ENV)}
    env.update(OMP_NUM_THREADS="1", PYTHONDONTWRITEBYTECODE="1")  # one thread each: the same arithmetic every run
    if kill:
        env[lt.KILL_AFTER_ENV] = kill
    evaluation = [] if "--autoattack" in flags else ["--no-autoattack"]
    args = [str(script), *SMALL, *evaluation, "--data-dir", str(root / "cifar"), "--out", str(root / (name + ".json")),
            "--checkpoint-dir", str(root / name), *flags]
    if processes > 1:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        # Debian's torchrun (PyTorch 1.13, Python 3.11) fails on its own default --redirects 0.
        command = [TORCHRUN, "--redirects", "1", "--tee", "1", "--monitor_interval", "1", "--nnodes", "1",
                   "--nproc_per_node", str(processes), "--master_addr", "127.0.0.1", "--master_port", str(port), *args]
    else:
        command = [sys.executable, *args]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=180)


def results_of(setup, name):
    with open(setup[0] / (name + ".json")) as f:
        return json.load(f)


@pytest.mark.parametrize("processes", [1, 2], ids=["alone", "torchrun-2"])
def test_a_killed_run_resumes_to_the_parameters_of_a_run_never_stopped(setup, processes):
    if processes > 1 and TORCHRUN is None:
        pytest.skip("torchrun is not installed")
    tag = "p%d" % processes
    whole = launch(setup, tag + "-whole", processes)
    assert whole.returncode == 0, whole.stdout + whole.stderr
    assert "student epoch 2/2" in whole.stdout

    killed = launch(setup, tag + "-killed", processes, kill="student:1")
    assert killed.returncode != 0 and "student epoch 1/2" in killed.stdout and "student epoch 2/2" not in killed.stdout
    folder = setup[0] / (tag + "-killed")
    state = torch.load(folder / "checkpoint.pt")
    assert (state["phase"], state["epoch"], state["worldSize"], len(state["rng"])) == ("student", 1, processes, processes)
    assert not (folder / "student.pt").exists() and not (setup[0] / (tag + "-killed.json")).exists()

    resumed = launch(setup, tag + "-killed", processes, "--resume")
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    print("\n".join(line for line in resumed.stdout.splitlines() if "resum" in line or "epoch" in line))
    assert "resuming after student epoch 1" in resumed.stdout and "student epoch 2/2" in resumed.stdout
    assert "teacher epoch" not in resumed.stdout and "student epoch 1/2" not in resumed.stdout

    a, b = torch.load(setup[0] / (tag + "-whole") / "student.pt"), torch.load(folder / "student.pt")
    assert list(a) == list(b)
    differing = [key for key in a if not torch.equal(a[key], b[key])]
    assert differing == [], "parameters differ after resuming: %s" % differing[:5]

    report, once = results_of(setup, tag + "-killed"), results_of(setup, tag + "-whole")
    assert violations(report, SCHEMA) == []
    figures = lambda r: [(p["epoch"], p["natAcc"], p["robustAcc"], p["loss"], p["lr"]) for p in r["runs"][0]["teacher"] + r["runs"][0]["student"]]
    assert figures(report) == figures(once) and len(figures(report)) == 3
    pytorch = report["pytorch"]
    assert pytorch["checkpoints"]["resumed"] == [{"phase": "student", "epoch": 1, "worldSize": processes}]
    assert pytorch["scale"]["architecture"] == {"name": "WideResNet", "depth": 10, "widen": 1} and pytorch["worldSize"] == processes
    assert pytorch["modelCard"]["architecture"] == "WideResNet-10-1" and pytorch["modelCard"]["eps"] == "8/255"
    assert "scale" not in report["runs"][0]["config"]  # the run's config stays the page's: the history imports it
    # ... and --config on the results file runs the same paper-scale settings again.
    again = lt.read_config(str(setup[0] / (tag + "-killed.json")))
    assert again["scale"] == pytorch["scale"] and {k: v for k, v in again.items() if k != "scale"} == report["runs"][0]["config"]


def test_a_checkpoint_for_other_settings_is_refused_by_name(setup):
    path = setup[0] / "p1-whole" / "checkpoint.pt"
    if not path.exists():
        pytest.skip("needs the resume test's run")
    state = torch.load(path)
    with pytest.raises(lt.ConfigError, match=r"written for other settings \(scale.architecture.depth 10 -> 16; seed 1 -> 2\)"):
        deeper = {**state["config"], "seed": 2, "scale": {**state["config"]["scale"], "architecture": {"name": "WideResNet", "depth": 16, "widen": 1}}}
        lt.load_checkpoint(str(path), deeper, "torch")
    assert lt.load_checkpoint(str(setup[0] / "nowhere.pt"), state["config"], "torch") is None


def test_autoattack_runs_at_the_end_and_fills_the_model_card(setup):
    """The own fallback (no torchattacks here) on 8 test points after the small run's last checkpoint."""
    root, script = setup
    shutil.copytree(root / "p1-whole", root / "aa", dirs_exist_ok=True)
    done = launch(setup, "aa", 1, "--resume", "--aa-subset", "8", "--autoattack", "own")
    assert done.returncode == 0, done.stdout + done.stderr
    report = results_of(setup, "aa")
    assert violations(report, SCHEMA) == []
    aa, card = report["pytorch"]["autoAttack"], report["pytorch"]["modelCard"]
    assert aa["status"] == "done" and aa["attack"] == "AA-lite" and aa["subset"] == 8
    assert [s["attack"] for s in aa["attacks"]] == ["APGD", "APGD-T", "Square"] and aa["attacks"][1]["targets"] == 9
    assert card["autoattack_acc"] == "%.2f" % aa["robustAccuracy"] and card["clean_acc"] == "%.2f" % report["runs"][0]["student"][-1]["natAcc"]
    assert card["additional_data"] is False and card["epochs"] == 2
    assert report["pytorch"]["checkpoints"]["resumed"] == [{"phase": "student", "epoch": 2, "worldSize": 1}]
