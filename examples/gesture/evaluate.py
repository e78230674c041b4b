"""Measures the gesture example on the C path: the device's pre-processing (src/gesture.c), the
model as generated C (tinyml gen) and the device's post-processing (firmware/main.c).

  /work/main/.venv/bin/python examples/gesture/evaluate.py [--streams 40] [--sim DIR]

1. Windows: the held-out windows of train.py (streams with seeds 1_000_000..) through
   host/eval_windows.c (normalization + quantization + generated model): accuracy, confusion.
2. Streams: held-out 60-second recordings (seeds 2_000_000..) written as CSV and run through the
   firmware (firmware/main.c built for the host with port_host.c, or with --sim DIR the QEMU
   firmware through `tinyml sim DIR --input F --json`): every `tinyml: result` line is matched to
   the truth (same label, startMs <= timeMs <= endMs + 2500); recall, precision, false alarms.
3. test_inputs/*.csv against their JSON truth.
4. With --varied N: N held-out varied recordings (seeds 2_100_000..: the device in any orientation,
   gestures faster or slower), and --short N: N short recordings (seeds 3_000_000..: 0.6-1.6 s of
   stillness, one stroke, or a non-gesture for a quarter of them, 0.6-1.6 s of stillness), every
   other one written in milli-g (the firmware tells the units from the first sample), through the
   same firmware: recall, precision, false alarms.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cpipe  # noqa: E402
import data  # noqa: E402
from make_test_input import MATCH_AFTER_END_MS  # noqa: E402

HELDOUT_SEED0 = 1_000_000
STREAM_SEED0 = 2_000_000
RESULT_RE = re.compile(r"^tinyml: result (\{.*\})\s*$")


def run_firmware(exe, csv_path):
    r = subprocess.run([exe, "--input", csv_path], capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        raise RuntimeError(f"{exe} --input {csv_path}: exit {r.returncode}\n{r.stdout}{r.stderr}")
    return [json.loads(m.group(1)) for m in map(RESULT_RE.match, r.stdout.splitlines()) if m]


def run_sim(sim_dir, csv_path):
    r = subprocess.run(["node", os.path.join(cpipe.ROOT, "bin", "tinyml"), "sim", sim_dir, "--input",
                        os.path.abspath(csv_path), "--json"], capture_output=True, text=True, timeout=1800)
    if r.returncode != 0:
        raise RuntimeError(f"tinyml sim {sim_dir} --input {csv_path}: exit {r.returncode}\n{r.stdout}{r.stderr}")
    return json.loads(r.stdout)["results"]


def match(results, truth):
    """Greedy matching in time order. Returns (tp, fp_wrong_label, fp_spurious, missed, delays)."""
    used = [False] * len(truth)
    tp, fp_wrong, fp_spur, delays = 0, 0, 0, []
    for res in sorted(results, key=lambda r: r["timeMs"]):
        hit = None
        overlapping = False
        for i, g in enumerate(truth):
            if g["startMs"] <= res["timeMs"] <= g["endMs"] + MATCH_AFTER_END_MS:
                overlapping = True
                if not used[i] and g["label"] == res["label"]:
                    hit = i
                    break
        if hit is not None:
            used[hit] = True
            tp += 1
            delays.append(res["timeMs"] - truth[hit]["endMs"])
        elif overlapping:
            fp_wrong += 1
        else:
            fp_spur += 1
    missed = [g for g, u in zip(truth, used) if not u]
    return tp, fp_wrong, fp_spur, missed, delays


def eval_windows(model):
    exe = cpipe.build_eval(model)
    x, y = data.make_windows(HELDOUT_SEED0, 60, seconds=40, hop=4)
    with tempfile.TemporaryDirectory() as tmp:
        fin, fout = os.path.join(tmp, "w.f32"), os.path.join(tmp, "o.i8")
        x.astype(np.float32).tofile(fin)
        subprocess.run([exe, fin, fout], check=True, capture_output=True)
        out = np.fromfile(fout, np.int8).reshape(-1, 4)
    pred = out.argmax(1)
    acc = float(np.mean(pred == y))
    cm = np.zeros((4, 4), np.int64)
    for a, b in zip(y, pred):
        cm[a, b] += 1
    print(f"windows (C path): accuracy {acc:.4f} on {len(y)} held-out windows")
    print("  confusion, rows truth / cols predicted (" + " ".join(data.LABELS) + "):")
    for lab, row in zip(data.LABELS, cm):
        print(f"  {lab:>6} {row.tolist()}")
    return acc


def write_csv_units(path, acc, milli):
    if not milli:
        return data.write_csv(path, acc)
    with open(path, "w") as f:
        f.write("t_ms,ax_mg,ay_mg,az_mg\n")
        for i, (ax, ay, az) in enumerate(acc):
            f.write(f"{round(i * 1000 / data.RATE)},{ax * 1000:.0f},{ay * 1000:.0f},{az * 1000:.0f}\n")


def eval_recordings(runner, recordings, what):
    """recordings: [(acc, events, milli)]; prints and returns (tp, truth, reports, false alarms)."""
    tp = n_truth = n_res = spur_all = 0
    with tempfile.TemporaryDirectory() as tmp:
        for k, (acc, events, milli) in enumerate(recordings):
            path = os.path.join(tmp, f"r{k}.csv")
            write_csv_units(path, acc, milli)
            truth = data.events_json(events)
            res = run_firmware_or_sim(runner, path)
            a, wrong, spur, _, _ = match(res, truth)
            tp, n_truth, n_res, spur_all = tp + a, n_truth + len(truth), n_res + len(res), spur_all + wrong + spur
    print(f"{what}: {len(recordings)} recordings, {n_truth} gestures: recall {tp / max(1, n_truth):.4f} ({tp}/{n_truth}), "
          f"precision {tp / max(1, n_res):.4f} ({tp}/{n_res}), {spur_all} false or wrong reports")
    return tp, n_truth, n_res, spur_all


def eval_streams(runner, n_streams, seconds):
    tot = dict(truth=0, tp=0, wrong=0, spur=0)
    per = {lab: [0, 0] for lab in data.LABELS[:3]}
    delays = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(n_streams):
            # the device starts listening 5 s before the first gesture can begin: its first
            # inference needs a full window (5.12 s)
            acc, events = data.make_stream(STREAM_SEED0 + k, seconds, lead=(5.0, 6.0))
            path = os.path.join(tmp, f"s{k}.csv")
            data.write_csv(path, acc)
            truth = data.events_json(events)
            res = run_firmware_or_sim(runner, path)
            tp, wrong, spur, missed, d = match(res, truth)
            tot["truth"] += len(truth)
            tot["tp"] += tp
            tot["wrong"] += wrong
            tot["spur"] += spur
            delays += d
            for g in truth:
                per[g["label"]][1] += 1
            for g in missed:
                per[g["label"]][0] += 1
    n_res = tot["tp"] + tot["wrong"] + tot["spur"]
    minutes = n_streams * seconds / 60
    print(f"streams (C path, firmware): {n_streams} held-out recordings of {seconds} s, {tot['truth']} gestures")
    print(f"  recall {tot['tp'] / max(1, tot['truth']):.4f} ({tot['tp']}/{tot['truth']}), precision "
          f"{tot['tp'] / max(1, n_res):.4f} ({tot['tp']}/{n_res}); wrong label {tot['wrong']}, "
          f"false alarms {tot['spur']} ({tot['spur'] / minutes:.2f} per minute)")
    print("  recall per label: " + ", ".join(f"{lab} {(n - m) / max(1, n):.3f} ({n - m}/{n})" for lab, (m, n) in per.items()))
    if delays:
        print(f"  report delay after the gesture's end: median {np.median(delays):.0f} ms, "
              f"90th percentile {np.percentile(delays, 90):.0f} ms")
    return tot


def run_firmware_or_sim(runner, path):
    kind, arg = runner
    return run_firmware(arg, path) if kind == "host" else run_sim(arg, path)


def eval_test_inputs(runner):
    ok = True
    for name in sorted(os.listdir(os.path.join(HERE, "test_inputs"))):
        if not name.endswith(".json"):
            continue
        truth = json.load(open(os.path.join(HERE, "test_inputs", name)))
        res = run_firmware_or_sim(runner, os.path.join(HERE, "test_inputs", truth["file"]))
        tp, wrong, spur, missed, _ = match(res, truth["gestures"])
        good = tp == len(truth["gestures"]) and wrong == 0 and spur == 0
        ok &= good
        print(f"test_inputs/{truth['file']}: {'OK' if good else 'MISMATCH'} "
              f"({tp}/{len(truth['gestures'])} gestures, {wrong + spur} extra) "
              + " ".join(f"{r['label']}@{r['timeMs']}" for r in res))
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=os.path.join(HERE, "model.tflite"))
    ap.add_argument("--streams", type=int, default=40)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--sim", metavar="DIR", help="run the firmware of this generated project under QEMU (tinyml sim)")
    ap.add_argument("--skip-windows", action="store_true")
    ap.add_argument("--varied", type=int, default=0, help="held-out varied recordings (any orientation, speed)")
    ap.add_argument("--short", type=int, default=0, help="held-out short recordings (one stroke, ~1 s still around it)")
    ap.add_argument("--skip-test-inputs", action="store_true")
    args = ap.parse_args()
    if not args.skip_windows:
        eval_windows(args.model)
    runner = ("sim", args.sim) if args.sim else ("host", cpipe.build_firmware(args.model))
    if args.streams:
        eval_streams(runner, args.streams, args.seconds)
    if args.varied:
        eval_recordings(runner, [(*data.make_stream(2_100_000 + k, args.seconds, varied=True), False)
                                 for k in range(args.varied)], f"varied recordings of {args.seconds} s (any orientation, speed)")
    if args.short:
        eval_recordings(runner, [(*data.short_stream(3_000_000 + k), k % 2 == 1) for k in range(args.short)],
                        "short recordings (one stroke or a non-gesture, ~1 s still around it; half in milli-g)")
    ok = True if args.skip_test_inputs else eval_test_inputs(runner)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
