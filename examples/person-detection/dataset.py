"""Data sets of rendered scenes as the model sees them: every scene is rendered (data.py),
encoded as a BMP (to_bmp) and decoded, cropped and resized by the device's C code
(cpipe.preprocess), so training sees exactly the device's pre-processing.

  load(split, n)  -> (x uint8 (n, 96, 96), y int64 (n,)); cached in build/ as .npz
  bmps(split, n, start=0) -> iterator of (bmp bytes, label) of scenes start.. for the C-path evaluation

Seeds: train i = 0.., held-out i = 10_000_000 + i; scene i shows a person when i is even.
"""
import hashlib
import multiprocessing as mp
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cpipe  # noqa: E402
import data  # noqa: E402

SEED0 = {"train": 0, "heldout": 10_000_000}


def seed_of(split, i):
    return SEED0[split] + i


def label_of(i):
    return int(i % 2 == 0)


def one(args):
    split, i = args
    b, y, _ = data.sample(seed_of(split, i), bool(label_of(i)))
    return cpipe.preprocess(b), y


def _code_hash():
    h = hashlib.sha1()
    for f in ("data.py", "bmp.py", "src/pd_image.c", "src/pd_image.h"):
        h.update(open(os.path.join(HERE, f), "rb").read())
    return h.hexdigest()[:10]


CHUNK = 1000


def load(split, n, workers=2):
    """Renders (or loads from the cache in build/, in chunks of 1000 scenes) the first n scenes."""
    os.makedirs(cpipe.BUILD, exist_ok=True)
    cpipe.lib()  # build the library before forking
    xs, ys = [], []
    t = time.time()
    rendered = 0
    for c0 in range(0, n, CHUNK):
        c1 = min(n, c0 + CHUNK)
        path = os.path.join(cpipe.BUILD, f"{split}_{c0}_{c1}_{_code_hash()}.npz")
        if os.path.exists(path):
            z = np.load(path)
            xs.append(z["x"])
            ys.append(z["y"])
            continue
        jobs = [(split, i) for i in range(c0, c1)]
        if workers > 1:
            with mp.get_context("fork").Pool(workers) as pool:
                res = pool.map(one, jobs, chunksize=25)
        else:
            res = [one(j) for j in jobs]
        x = np.stack([r[0] for r in res])
        y = np.array([r[1] for r in res], np.int64)
        np.savez_compressed(path, x=x, y=y)
        xs.append(x)
        ys.append(y)
        rendered += len(y)
    if rendered:
        print(f"  rendered {rendered} {split} scenes in {time.time() - t:.0f} s (cached in build/)")
    return np.concatenate(xs), np.concatenate(ys)


def bmps(split, n, start=0):
    for i in range(start, start + n):
        b, y, _ = data.sample(seed_of(split, i), bool(label_of(i)))
        yield b, y
