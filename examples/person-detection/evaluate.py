"""Measures the person-detection example on the C path: the device's BMP decoder, crop, resize and
quantization (src/pd_image.c), the model as generated C (tinyml gen) and the post-processing.

  /work/main/.venv/bin/python examples/person-detection/evaluate.py [--heldout 1000] [--sim DIR [--sim-count N]]

1. Held-out scenes (train.py's held-out set: seeds 10_000_000..), each encoded as a BMP exactly as
   for training (24-bit or 8-bit, bottom-up or top-down, random size), fed to host/eval_bmps.c in
   97-byte chunks (an odd size, to cross every header, palette and row boundary): accuracy,
   person recall, false-positive rate.
2. test_inputs/*.bmp through the firmware (firmware/main.c for the host with port_host.c, or with
   --sim DIR the QEMU firmware via `tinyml sim DIR --input F --json`) against expected.json.
3. With --sim DIR, also the first --sim-count held-out scenes through the QEMU firmware, compared
   with the host harness's outputs (they must be identical).
"""
import argparse
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

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
    import importlib
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    tf = importlib.import_module("tensorflow")
    interp = tf.lite.Interpreter(model_path=model)
    s, z = interp.get_output_details()[0]["quantization"]
    return s, z


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


def eval_heldout(model, n, chunk=97):
    exe = cpipe.build_eval(model)
    with tempfile.TemporaryDirectory() as tmp:
        pack, outf = os.path.join(tmp, "pack.bin"), os.path.join(tmp, "out.i8")
        ys = []
        with open(pack, "wb") as f:
            for b, y in dataset.bmps("heldout", n):
                f.write(struct.pack("<I", len(b)) + b)
                ys.append(y)
        subprocess.run([exe, pack, outf, str(chunk)], check=True, capture_output=True)
        out = np.fromfile(outf, np.int8).reshape(-1, 2)
    y = np.array(ys)
    pred = out.argmax(1)
    # ties (equal int8 outputs) count as "no person", like argmax
    acc = float(np.mean(pred == y))
    tp = int(np.sum((pred == 1) & (y == 1)))
    fp = int(np.sum((pred == 1) & (y == 0)))
    fn = int(np.sum((pred == 0) & (y == 1)))
    npos, nneg = int(np.sum(y == 1)), int(np.sum(y == 0))
    print(f"held-out scenes (C path: BMP decoder in {chunk}-byte chunks + generated model): accuracy {acc:.4f} on {len(y)} "
          f"({npos} with a person, {nneg} without)")
    print(f"  person recall {tp / max(1, npos):.4f} ({tp}/{npos}), false positives {fp / max(1, nneg):.4f} ({fp}/{nneg}), "
          f"precision {tp / max(1, tp + fp):.4f}")
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=os.path.join(HERE, "model.tflite"))
    ap.add_argument("--heldout", type=int, default=1000)
    ap.add_argument("--sim", metavar="DIR", help="run the firmware of this generated project under QEMU (tinyml sim)")
    ap.add_argument("--sim-count", type=int, default=0, help="held-out scenes to also run under QEMU")
    args = ap.parse_args()
    out, y = eval_heldout(args.model, args.heldout) if args.heldout else (None, None)
    if args.sim:
        runner = lambda p: run_sim(args.sim, p)  # noqa: E731
    else:
        exe = cpipe.build_firmware(args.model)
        runner = lambda p: run_firmware(exe, p)  # noqa: E731
    ok = eval_test_inputs(runner)
    if args.sim and args.sim_count and out is not None:
        s, z = model_output_quant(args.model)
        same = right = 0
        with tempfile.TemporaryDirectory() as tmp:
            for i, (b, label) in enumerate(dataset.bmps("heldout", args.sim_count)):
                p = os.path.join(tmp, f"h{i}.bmp")
                open(p, "wb").write(b)
                r = run_sim(args.sim, p)
                person, nop = scores_of(out[i:i + 1], s, z)
                same += abs(r["person"] - float(person[0])) < 5e-6 and abs(r["noPerson"] - float(nop[0])) < 5e-6
                right += int(r["person"] > r["noPerson"]) == label
        print(f"QEMU firmware on {args.sim_count} held-out scenes: accuracy {right / args.sim_count:.4f}; "
              f"vs host harness: {same} identical")
        ok &= same == args.sim_count
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
