#!/usr/bin/env python3
"""Checks the C front end (through ctypes) against a float64 numpy reference of the same steps
(numpy's FFT, exact log, the same mel tables): prints the largest feature difference and exits
nonzero when it is above tolerance. Also checks fe_logf.

    .venv/bin/python examples/wake-word/tools/check_frontend.py
"""
import math
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import wwlib  # noqa: E402


def tables():
    text = open(os.path.join(wwlib.HERE, 'src', 'fe_tables.h')).read()

    def arr(name):
        body = re.search(r'\b%s\[[^\]]*\] = \{(.*?)\};' % name, text, re.S).group(1)
        return np.array([float(v.rstrip('f')) for v in re.findall(r'-?[\d.]+(?:e-?\d+)?f?', body)])
    return arr('fe_window'), arr('fe_mel_start').astype(int), arr('fe_mel_count').astype(int), arr('fe_mel_weights')


def reference(pcm, fe_min=-2.0, fe_max=14.0, down=0.3, up=0.01, eps=1e-7):
    window, start, count, weights = tables()
    n = (len(pcm) - 480) // 320 + 1
    out = np.zeros((n, 40))
    floor = None
    for t in range(n):
        w = pcm[t * 320:t * 320 + 480].astype(np.float64)
        x = (w - w.mean()) / 32768.0 * window
        p = np.abs(np.fft.rfft(x, 512)) ** 2
        e = np.zeros(40)
        wi = 0
        for c in range(40):
            e[c] = np.dot(weights[wi:wi + count[c]], p[start[c]:start[c] + count[c]])
            wi += count[c]
        f = np.log(e + eps)
        if floor is None:
            floor = f.copy()
        feat = f - floor
        floor = np.where(f < floor, floor + down * (f - floor), floor + up * (f - floor))
        out[t] = np.clip(feat, fe_min, fe_max)
    return out


def main():
    rng = np.random.default_rng(1)
    worst_log = 0.0
    for x in np.concatenate([np.logspace(-37, 37, 2000), rng.uniform(0.5, 2.0, 2000)]).astype(np.float32):
        got = wwlib.lib().fe_logf(float(x))
        worst_log = max(worst_log, abs(got - math.log(float(x))) / max(1.0, abs(math.log(float(x)))))
    print(f'fe_logf: worst relative error {worst_log:.2e}')

    t = np.arange(16000 * 2) / 16000.0
    sig = (3000 * np.sin(2 * np.pi * 440 * t) * (t > 0.7) + rng.normal(0, 200, t.size)
           + 8000 * np.sin(2 * np.pi * 2500 * t) * ((t > 1.2) & (t < 1.5)))
    pcm = np.clip(sig, -32768, 32767).astype(np.int16)
    got = wwlib.clip_features(pcm)
    ref = reference(pcm)
    diff = np.abs(got - ref).max()
    print(f'features: {got.shape[0]} frames, range {got.min():.2f}..{got.max():.2f}, '
          f'max |C - numpy| = {diff:.2e}')
    ok = worst_log < 1e-6 and diff < 2e-3
    print('ok' if ok else 'FAILED')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
