"""Short runs of python/ltd_torch.py end to end: one epoch of each kind of method on blobs and a small
CNN on hand-made IDX files train, and write a results file of the shape src/shared/torch-results.ts
declares (python/fixtures/torch-results.schema.json, written from that zod schema by
src/engine/export/python-fixtures.test.ts). The embedded-settings path and the --config path both run.
"""
import json
import os
import re
import subprocess
import sys

import pytest

import ltd_torch as lt
from test_data_files import write_idx_set

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "fixtures", "torch-results.schema.json")) as f:
    SCHEMA = json.load(f)
with open(os.path.join(HERE, "fixtures", "engine-settings.json")) as f:
    DEFAULT = json.load(f)["defaultConfig"]

TINY = {"epochs": 1, "teacherEpochs": 1, "trainSize": 48, "testSize": 32, "evalSubset": 20, "trainPgdSteps": 2,
        "evalPgdSteps": 2, "batchSize": 16, "hiddenUnits": 8}

TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def violations(value, schema, where="$"):
    """Where value breaks the JSON Schema (the keywords zod's toJSONSchema writes), as messages."""
    if schema is True or schema == {}:
        return []
    if "anyOf" in schema:
        return [] if any(not violations(value, s, where) for s in schema["anyOf"]) else ["%s: matches none of anyOf" % where]
    if "not" in schema:
        return ["%s: must not match %s" % (where, schema["not"])] if not violations(value, schema["not"], where) else []
    kind = schema.get("type")
    if isinstance(kind, list):  # zod writes a nullable string as {"type": ["string", "null"]}
        options = [dict(schema, type=k) for k in kind]
        return [] if any(not violations(value, s, where) for s in options) else ["%s: %r is none of %s" % (where, value, kind)]
    if kind == "string" and isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        return ["%s: %r does not match %s" % (where, value, schema["pattern"])]
    if kind in ("number", "integer"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind == "integer" and float(value) != int(value)):
            return ["%s: %r is not a%s %s" % (where, value, "n" if kind == "integer" else "", kind)]
        if value < schema.get("minimum", value) or value > schema.get("maximum", value):
            return ["%s: %r outside [%s, %s]" % (where, value, schema.get("minimum"), schema.get("maximum"))]
    elif kind and not isinstance(value, TYPES[kind]):
        return ["%s: %r is not %s" % (where, value, kind)]
    if "const" in schema and value != schema["const"]:
        return ["%s: %r is not %r" % (where, value, schema["const"])]
    if "enum" in schema and value not in schema["enum"]:
        return ["%s: %r not in %s" % (where, value, schema["enum"])]
    out = []
    if kind == "array":
        if not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", len(value)):
            out.append("%s: %d items" % (where, len(value)))
        for i, item in enumerate(value):
            out += violations(item, schema.get("items", {}), "%s[%d]" % (where, i))
    if kind == "object":
        properties = schema.get("properties", {})
        out += ["%s: missing %s" % (where, key) for key in schema.get("required", []) if key not in value]
        for key, item in value.items():
            if key in properties:
                out += violations(item, properties[key], "%s.%s" % (where, key))
            elif schema.get("additionalProperties", True) is False:
                out.append("%s: unexpected %s" % (where, key))
    return out


def test_the_schema_check_can_fail():
    assert violations({"runs": []}, SCHEMA)
    assert violations(3.5, {"type": "integer"}) and violations(True, {"type": "number"}) and violations(2, {"type": "number", "maximum": 1})
    assert violations(3, {"type": ["string", "null"]}) and not violations(None, {"type": ["string", "null"]})
    assert violations("86.2", {"type": "string", "pattern": "^\\d+\\.\\d{2}$"}) and not violations("86.20", {"type": "string", "pattern": "^\\d+\\.\\d{2}$"})


def run_in_process(tmp_path, config, *flags):
    """main() as `python3 SCRIPT --out FILE --no-autoattack FLAGS` with config written into CONFIG; the results."""
    out = tmp_path / "results.json"
    embedded, lt.CONFIG = lt.CONFIG, config
    try:
        lt.main(["--out", str(out), "--no-autoattack", "--device", "cpu", *flags])
    finally:
        lt.CONFIG = embedded
    with open(out) as f:
        return json.load(f)


@pytest.mark.parametrize("changes", [
    {"method": "ltd"},
    {"method": "ltd", "ltdBase": "pgd-at", "innerMax": "kl"},
    {"method": "trades", "innerMax": "kl", "awp": "on"},
    {"method": "pgd-at"},
    {"method": "label-smoothing", "innerMax": "kl"},
    {"method": "natural"},
    {"method": "defensive-distillation", "optimizer": "adam", "learningRate": 0.01, "lrSchedule": "constant"},
], ids=lambda c: "-".join(str(v) for v in c.values()))
def test_one_epoch_on_blobs_trains_and_writes_results_the_page_imports(tmp_path, monkeypatch, changes):
    monkeypatch.delenv("WORLD_SIZE", raising=False)
    config = {**DEFAULT, **TINY, **changes}
    results = run_in_process(tmp_path, config)
    assert violations(results, SCHEMA) == []
    [run] = results["runs"]
    assert run["config"] == config and run["label"] == lt.run_label(config)
    assert [p["epoch"] for p in run["student"]] == [1] and run["student"][0]["robustAcc"] is not None
    assert [p["robustAcc"] for p in run["teacher"]] == ([None] if lt.student_objective(config).needs_teacher else [])
    assert run["robustAttack"] == {"attack": "PGD", "epsilon": 0.05, "steps": 2, "restarts": 1, "subset": 20}
    pytorch = results["pytorch"]
    assert (pytorch["worldSize"], pytorch["backend"], pytorch["random"]) == (1, None, "engine")
    assert pytorch["autoAttack"] == {"status": "skipped", "reason": "--no-autoattack"}
    adversarial = lt.student_objective(config).adversarial
    assert (pytorch["trainAttack"] is not None) == adversarial
    if adversarial:
        assert pytorch["trainAttack"]["stepSize"] == pytest.approx(2.5 * 0.05 / 2)
        assert pytorch["trainAttack"]["start"] == ("normal-small" if changes.get("innerMax") == "kl" else "uniform")


def test_flags_override_the_settings_and_the_results_say_so(tmp_path, monkeypatch):
    monkeypatch.delenv("WORLD_SIZE", raising=False)
    results = run_in_process(tmp_path, {**DEFAULT, **TINY, "method": "natural"}, "--epochs", "2", "--seed", "5", "--random", "torch")
    [run] = results["runs"]
    assert (run["config"]["epochs"], run["config"]["seed"], len(run["student"])) == (2, 5, 2)
    assert results["pytorch"]["random"] == "torch"


def test_a_small_cnn_trains_on_idx_files_with_augmentation(tmp_path, monkeypatch):
    monkeypatch.delenv("WORLD_SIZE", raising=False)
    data = tmp_path / "data"
    write_idx_set(data, train=16, test=16)
    config = {**DEFAULT, **TINY, "dataset": "fashion-mnist", "model": "cnn", "method": "pgd-at", "epsilon": 0.1,
              "convChannels": 2, "hiddenUnits": 4, "trainSize": 16, "testSize": 16, "evalSubset": 8, "augment": "on", "batchSize": 8}
    results = run_in_process(tmp_path, config, "--data-dir", str(data))
    assert violations(results, SCHEMA) == []
    assert results["pytorch"]["random"] == "torch" and results["runs"][0]["student"][0]["natAcc"] >= 0


def test_the_repositorys_copy_runs_from_a_config_file_and_refuses_to_run_without_one(tmp_path):
    script = os.path.join(HERE, "ltd_torch.py")
    (tmp_path / "config.json").write_text(json.dumps({**DEFAULT, **TINY, "method": "natural"}))
    env = {k: v for k, v in os.environ.items() if k not in ("WORLD_SIZE", "RANK", "LOCAL_RANK")}
    done = subprocess.run([sys.executable, script, "--config", "config.json", "--out", "r.json", "--no-autoattack", "--device", "cpu"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "student epoch 1/1" in done.stdout
    with open(tmp_path / "r.json") as f:
        assert violations(json.load(f), SCHEMA) == []
    refused = subprocess.run([sys.executable, script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and "carries no settings (CONFIG = None): pass --config FILE" in refused.stderr
