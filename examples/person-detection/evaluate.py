"""Measures the person-detection example on the C path: the device's BMP decoder, crop, resize and
quantization (src/pd_image.c), the model as generated C (tinyml gen) and the post-processing.

  /work/main/.venv/bin/python examples/person-detection/evaluate.py [--heldout 1000] [--start 0]
      [--sim DIR [--sim-count N] [--jobs 2]]

1. Held-out scenes (dataset.py's held-out split: scene i has seed 10_000_000 + i; --start picks the
   first i), each encoded as a BMP exactly as for training (24-bit or 8-bit, bottom-up or top-down,
   random size), fed to host/eval_bmps.c in 97-byte chunks (an odd size, to cross every header,
   palette and row boundary): accuracy, person recall, false-positive rate.
2. test_inputs/*.bmp through the firmware (firmware/main.c for the host with port_host.c, or with
   --sim DIR the QEMU firmware via `tinyml sim DIR --input F --json`) against expected.json.
3. With --real: the real photographs of realdata.json (unpacked from packages by
   `scripts/setup.sh --extra realdata` into .cache/realdata/photos), each converted to a 24-bit BMP
   (Pillow; the C decoder does the rest), on the host C path and, with --sim DIR, through QEMU
   (their scores must equal the host harness's). Exit 3 when the photos are not installed.
4. With --sim DIR, also the first --sim-count of those held-out scenes (all of them with
   --sim-count -1) through the QEMU firmware, one `tinyml sim` per image (--jobs at a time): their
   accuracy, and that every score equals the host harness's.
"""
import argparse
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cpipe  # noqa: E402
import dataset  # noqa: E402

RESULT_RE = re.compile(r"^tinyml: result (\{.*\})\s*$")


def scores_of(out, scale, zp):
    q = out.astype(np.float32)
    return (q[:, 1] - zp) * scale, (q[:, 0] - zp) * scale


def model_output_quant(model):
    """The output's (scale, zero point), from `tinyml inspect --json` (no TensorFlow needed)."""
    r = subprocess.run(["node", os.path.join(cpipe.ROOT, "bin", "tinyml"), "inspect", model, "--json"],
                       capture_output=True, text=True, check=True)
    o = json.loads(r.stdout)["outputs"][0]
    return o["scale"], o["zeroPoint"]


def run_firmware(exe, path):
    r = subprocess.run([exe, "--input", path], capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        raise RuntimeError(f"{exe} --input {path}: exit {r.returncode}\n{r.stdout}{r.stderr}")
    res = [json.loads(m.group(1)) for m in map(RESULT_RE.match, r.stdout.splitlines()) if m]
    return res[0]


def run_sim(sim_dir, path):
    r = subprocess.run(["node", os.path.join(cpipe.ROOT, "bin", "tinyml"), "sim", sim_dir, "--input",
                        os.path.abspath(path), "--json"], capture_output=True, text=True, timeout=1800)
    if r.returncode != 0:
        raise RuntimeError(f"tinyml sim {sim_dir} --input {path}: exit {r.returncode}\n{r.stdout}{r.stderr}")
    res = json.loads(r.stdout)["results"]
    return res[0] if isinstance(res, list) else res


def heldout_bmps(n, start=0):
    """The held-out scenes start..start+n-1 as (bmp bytes, label)."""
    return list(dataset.bmps("heldout", n, start))


def summary(pred, y):
    pred, y = np.asarray(pred), np.asarray(y)
    tp = int(np.sum((pred == 1) & (y == 1)))
    fp = int(np.sum((pred == 1) & (y == 0)))
    npos, nneg = int(np.sum(y == 1)), int(np.sum(y == 0))
    return (f"accuracy {float(np.mean(pred == y)):.4f} on {len(y)} ({npos} with a person, {nneg} without); "
            f"person recall {tp / max(1, npos):.4f} ({tp}/{npos}), false positives {fp / max(1, nneg):.4f} ({fp}/{nneg})")


def eval_heldout(model, scenes, start=0, chunk=97, label=None):
    exe = cpipe.build_eval(model)
    with tempfile.TemporaryDirectory() as tmp:
        pack, outf = os.path.join(tmp, "pack.bin"), os.path.join(tmp, "out.i8")
        with open(pack, "wb") as f:
            for b, _ in scenes:
                f.write(struct.pack("<I", len(b)) + b)
        subprocess.run([exe, pack, outf, str(chunk)], check=True, capture_output=True)
        out = np.fromfile(outf, np.int8).reshape(-1, 2)
    y = np.array([lab for _, lab in scenes])
    # ties (equal int8 outputs) count as "no person", like argmax
    pred = out.argmax(1)
    what = label or f"held-out scenes {start}-{start + len(y) - 1}"
    print(f"{what} (C path: BMP decoder in {chunk}-byte chunks + generated model): " + summary(pred, y))
    return out, y


def eval_test_inputs(runner):
    expected = json.load(open(os.path.join(HERE, "test_inputs", "expected.json")))
    ok = True
    for name, exp in sorted(expected.items()):
        path = os.path.join(HERE, "test_inputs", name)
        res = runner(path)
        got = res["person"] > res["noPerson"]
        good = got == exp["person"]
        ok &= good
        print(f"test_inputs/{name}: {'OK' if good else 'WRONG'} person {res['person']:.4f} noPerson {res['noPerson']:.4f}")
    return ok


def eval_sim_heldout(sim_dir, model, scenes, out, start, jobs):
    """The held-out scenes through the QEMU firmware; returns (all identical to the host harness?)."""
    s, z = model_output_quant(model)
    person, nop = scores_of(out, s, z)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, (b, _) in enumerate(scenes):
            paths.append(os.path.join(tmp, f"h{start + i}.bmp"))
            with open(paths[-1], "wb") as f:
                f.write(b)
        with ThreadPoolExecutor(max(1, jobs)) as pool:
            res = list(pool.map(lambda p: run_sim(sim_dir, p), paths))
    pred = [int(r["person"] > r["noPerson"]) for r in res]
    same = sum(abs(r["person"] - float(person[i])) < 5e-6 and abs(r["noPerson"] - float(nop[i])) < 5e-6
               for i, r in enumerate(res))
    print(f"QEMU firmware (tinyml sim) on held-out scenes {start}-{start + len(res) - 1}: "
          + summary(pred, [lab for _, lab in scenes]))
    print(f"  QEMU scores vs host harness: {same} of {len(res)} identical" + ("" if same == len(res) else " MISMATCH"))
    return same == len(res)


REAL_DIR = os.path.join(cpipe.ROOT, ".cache", "realdata", "photos")


def real_photos():
    """[(name, bmp bytes, label)] for realdata.json's photos, or None when they are not installed."""
    spec = json.load(open(os.path.join(HERE, "realdata.json")))
    if not all(os.path.exists(os.path.join(REAL_DIR, p["file"])) for p in spec["photos"]):
        return None
    from PIL import Image  # only needed here (requirements-realdata.txt)
    import io
    out = []
    for p in spec["photos"]:
        im = Image.open(os.path.join(REAL_DIR, p["file"])).convert("RGB")
        buf = io.BytesIO()
        im.save(buf, "BMP")
        out.append((p["file"], buf.getvalue(), int(p["person"])))
    return out


def eval_real(model, sim_dir, jobs):
    photos = real_photos()
    if photos is None:
        print(f"real photos: not installed in {REAL_DIR} (scripts/setup.sh --extra realdata)")
        sys.exit(3)
    scenes = [(b, lab) for _, b, lab in photos]
    out, y = eval_heldout(model, scenes, 0, label="real photos")
    pred = out.argmax(1)
    wrong = [f"{photos[i][0]} ({'person' if y[i] else 'no person'})" for i in range(len(y)) if pred[i] != y[i]]
    print("  wrong: " + (", ".join(wrong) if wrong else "none"))
    if not sim_dir:
        return True
    s, z = model_output_quant(model)
    person, nop = scores_of(out, s, z)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, (_, b, _) in enumerate(photos):
            paths.append(os.path.join(tmp, f"real{i}.bmp"))
            with open(paths[-1], "wb") as f:
                f.write(b)
        with ThreadPoolExecutor(max(1, jobs)) as pool:
            res = list(pool.map(lambda p: run_sim(sim_dir, p), paths))
    qpred = [int(r["person"] > r["noPerson"]) for r in res]
    same = sum(abs(r["person"] - float(person[i])) < 5e-6 and abs(r["noPerson"] - float(nop[i])) < 5e-6
               for i, r in enumerate(res))
    print("QEMU firmware (tinyml sim) on real photos: " + summary(qpred, y))
    print(f"  QEMU scores vs host harness: {same} of {len(res)} identical" + ("" if same == len(res) else " MISMATCH"))
    return same == len(res)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=os.path.join(HERE, "model.tflite"))
    ap.add_argument("--heldout", type=int, default=1000, help="held-out scenes on the host C path")
    ap.add_argument("--start", type=int, default=0, help="the first held-out scene (index from 10_000_000)")
    ap.add_argument("--sim", metavar="DIR", help="run the firmware of this generated project under QEMU (tinyml sim)")
    ap.add_argument("--sim-count", type=int, default=0, help="held-out scenes to also run under QEMU (-1: all)")
    ap.add_argument("--jobs", type=int, default=2, help="tinyml sim runs at a time")
    ap.add_argument("--real", action="store_true", help="the real photos of realdata.json (host C path; with --sim also QEMU)")
    ap.add_argument("--skip-test-inputs", action="store_true")
    args = ap.parse_args()
    ok = eval_real(args.model, args.sim, args.jobs) if args.real else True
    scenes = heldout_bmps(args.heldout, args.start) if args.heldout else []
    out = eval_heldout(args.model, scenes, args.start)[0] if scenes else None
    if not args.skip_test_inputs:
        if args.sim:
            runner = lambda p: run_sim(args.sim, p)  # noqa: E731
        else:
            exe = cpipe.build_firmware(args.model)
            runner = lambda p: run_firmware(exe, p)  # noqa: E731
        ok &= eval_test_inputs(runner)
    if args.sim and args.sim_count and scenes:
        k = len(scenes) if args.sim_count < 0 else min(args.sim_count, len(scenes))
        ok &= eval_sim_heldout(args.sim, args.model, scenes[:k], out[:k], args.start, args.jobs)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
