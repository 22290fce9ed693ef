"""python/ltd_torch.py reads the image sets' standard files as the engine does (the first trainSize /
testSize examples, pixels / 255 in float32) and names the file and the problem for every bad one; it
reads settings from a config, metrics or results file and names what is missing. Hand-made files only.
"""
import gzip
import io
import json
import struct
import tarfile

import pytest
import torch

import ltd_torch as lt


def idx_bytes(values, dims):
    return bytes([0, 0, 8, len(dims)]) + struct.pack(">" + "I" * len(dims), *dims) + bytes(values)


def write_idx_set(folder, train, test, gz=False):
    """The four IDX files of train and test examples: image i is filled with i, its label is i mod 10."""
    folder.mkdir(parents=True, exist_ok=True)
    for prefix, n in (("train", train), ("t10k", test)):
        images = idx_bytes([i % 256 for i in range(n) for _ in range(28 * 28)], (n, 28, 28))
        labels = idx_bytes([i % 10 for i in range(n)], (n,))
        for kind, raw in (("images-idx3", images), ("labels-idx1", labels)):
            name = "%s-%s-ubyte" % (prefix, kind)
            (folder / (name + (".gz" if gz else ""))).write_bytes(gzip.compress(raw) if gz else raw)


def config(**changes):
    return {"dataset": "fashion-mnist", "trainSize": 3, "testSize": 2, **changes}


@pytest.mark.parametrize("gz", [False, True])
def test_idx_files_give_the_first_examples_as_pixels_over_255(tmp_path, gz):
    write_idx_set(tmp_path, train=5, test=4, gz=gz)
    data = lt.load_data(config(), str(tmp_path))
    assert data.train_x.shape == (3, 1, 28, 28) and data.test_x.shape == (2, 1, 28, 28)
    assert data.train_x.dtype == torch.float32 and data.train_y.tolist() == [0, 1, 2]
    assert data.train_x[2, 0, 5, 5].item() == torch.tensor(2 / 255, dtype=torch.float64).float().item()
    assert data.classes == 10


def expect_refused(tmp_path, problem, where, dataset="fashion-mnist"):
    with pytest.raises(lt.DataError) as error:
        lt.load_data(config(dataset=dataset), str(tmp_path))
    assert problem in str(error.value) and where in str(error.value)


def test_a_wrong_magic_number_names_the_file(tmp_path):
    write_idx_set(tmp_path, train=3, test=2)
    (tmp_path / "train-images-idx3-ubyte").write_bytes(b"\x00\x00\x09\x03" + bytes(20))
    expect_refused(tmp_path, "wrong magic number", "train-images-idx3-ubyte")


def test_a_truncated_file_says_how_many_bytes_it_holds(tmp_path):
    write_idx_set(tmp_path, train=3, test=2)
    path = tmp_path / "t10k-labels-idx1-ubyte"
    path.write_bytes(path.read_bytes()[:-1])
    expect_refused(tmp_path, "truncated or padded: dimensions (2,) need 2 bytes, it holds 1", "t10k-labels-idx1-ubyte")


def test_labels_and_images_that_disagree_or_a_label_beyond_9_are_refused(tmp_path):
    write_idx_set(tmp_path, train=3, test=2)
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(idx_bytes([0, 1], (2,)))
    expect_refused(tmp_path, "holds 2 labels but the images file holds 3 images", "train-labels")
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(idx_bytes([0, 12, 1], (3,)))
    expect_refused(tmp_path, "label 12 is not a class (0-9)", "train-labels")


def test_a_broken_gzip_a_missing_file_or_folder_is_named(tmp_path):
    write_idx_set(tmp_path, train=3, test=2)
    (tmp_path / "t10k-images-idx3-ubyte").unlink()
    expect_refused(tmp_path, "missing: the folder has no file named like t10k-images-idx3-ubyte[.gz]", str(tmp_path))
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(b"\x1f\x8b not gzip")
    expect_refused(tmp_path, "not a valid gzip file", "t10k-images-idx3-ubyte.gz")
    expect_refused(tmp_path / "nowhere", "not a folder: pass --data-dir", "nowhere")
    with pytest.raises(lt.DataError, match="--data-dir: mnist needs the folder that holds its files"):
        lt.load_data(config(dataset="mnist"), None)


def cifar_batch(labels):
    """Records of a label byte then 3072 pixels, record i filled with 10 * i."""
    return b"".join(bytes([label]) + bytes([(10 * i) % 256] * 3072) for i, label in enumerate(labels))


def test_cifar_batches_are_read_in_order_from_loose_files_or_the_archive(tmp_path):
    loose = tmp_path / "loose" / "cifar-10-batches-bin"
    loose.mkdir(parents=True)
    (loose / "data_batch_2.bin").write_bytes(cifar_batch([5, 6]))
    (loose / "data_batch_1.bin").write_bytes(cifar_batch([1, 2]))
    (loose / "test_batch.bin").write_bytes(cifar_batch([7, 8, 9]))
    data = lt.load_data(config(dataset="cifar10", trainSize=3, testSize=2), str(tmp_path / "loose"))
    assert data.train_y.tolist() == [1, 2, 5] and data.test_y.tolist() == [7, 8]
    assert data.train_x.shape == (3, 3, 32, 32) and data.train_x[1, 2, 31, 31].item() == pytest.approx(10 / 255)
    archive = tmp_path / "archive"
    archive.mkdir()
    with tarfile.open(archive / "cifar-10-binary.tar.gz", "w:gz") as tar:
        for name in ("data_batch_1.bin", "test_batch.bin"):
            raw = (loose / name).read_bytes()
            member = tarfile.TarInfo("cifar-10-batches-bin/" + name)
            member.size = len(raw)
            tar.addfile(member, io.BytesIO(raw))
    data = lt.load_data(config(dataset="cifar10", trainSize=9, testSize=9), str(archive))
    assert data.train_y.tolist() == [1, 2] and data.test_y.tolist() == [7, 8, 9]


def test_bad_cifar_files_are_named_with_their_problem(tmp_path):
    (tmp_path / "data_batch_1.bin").write_bytes(cifar_batch([1])[:-5])
    (tmp_path / "test_batch.bin").write_bytes(cifar_batch([1]))
    expect_refused(tmp_path, "3068 bytes is not a whole number of 3073-byte records", "data_batch_1.bin", "cifar10")
    (tmp_path / "data_batch_1.bin").write_bytes(cifar_batch([11]))
    expect_refused(tmp_path, "label 11 is not a class (0-9)", "data_batch_1.bin", "cifar10")
    (tmp_path / "data_batch_1.bin").write_bytes(cifar_batch([1]))
    (tmp_path / "test_batch.bin").unlink()
    expect_refused(tmp_path, "missing: CIFAR-10 needs test_batch.bin", "test_batch.bin", "cifar10")


SETTINGS = {key: 1 for key in lt.CONFIG_KEYS} | {"dataset": "blobs"}


@pytest.mark.parametrize("content", [SETTINGS, {"exported": "now", "runs": [{"config": SETTINGS}]}], ids=["config", "results file"])
def test_settings_come_from_a_config_or_the_first_run_of_a_metrics_or_results_file(tmp_path, content):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(content))
    assert lt.read_config(str(path)) == SETTINGS


@pytest.mark.parametrize("text, problem", [
    ("{", "not JSON"),
    ("[1, 2]", "not a config object"),
    (json.dumps({k: v for k, v in SETTINGS.items() if k not in ("tau", "seed")}), "missing setting(s) tau, seed"),
    (json.dumps({**SETTINGS, "dataset": "csv"}), "dataset 'csv' has no PyTorch run"),
])
def test_a_bad_settings_file_is_named_with_its_problem(tmp_path, text, problem):
    path = tmp_path / "settings.json"
    path.write_text(text)
    with pytest.raises(lt.ConfigError) as error:
        lt.read_config(str(path))
    assert str(error.value).startswith(str(path)) and problem in str(error.value)
    with pytest.raises(lt.ConfigError, match="cannot be read"):
        lt.read_config(str(tmp_path / "absent.json"))
