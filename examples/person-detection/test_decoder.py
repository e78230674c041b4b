"""Checks the device's BMP decoder (src/pd_image.c, through ctypes) against the numpy reference
(bmp.reference_preprocess) on random BMPs of 1-300 pixels a side in every supported format, the
RGB and stretched modes (pd_preprocess_bmp_mode, bmp.reference_preprocess_mode) on 200 more, and
that broken files are refused.

  /work/main/.venv/bin/python examples/person-detection/test_decoder.py
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bmp  # noqa: E402
import cpipe  # noqa: E402


def main():
    rng = np.random.default_rng(0)
    bad = 0
    for trial in range(400):
        h, w = int(rng.integers(1, 300)), int(rng.integers(1, 300))
        if trial % 7 == 0:
            h, w = int(rng.integers(1, 20)), int(rng.integers(1, 20))
        bits = 24 if rng.random() < 0.5 else 8
        top_down = bool(rng.random() < 0.5)
        core = bits == 8 and not top_down and rng.random() < 0.3
        if bits == 24:
            rgb = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
            blob = bmp.bmp_bytes(rgb, 24, top_down=top_down)
        else:
            n = int(rng.integers(1, 257))
            pal = rng.integers(0, 256, (n, 3), dtype=np.uint8)
            idx = rng.integers(0, n, (h, w), dtype=np.uint8)
            rgb = pal[idx]
            blob = bmp.bmp_bytes(idx, 8, pal, top_down=top_down, core=core)
        if not np.array_equal(bmp.reference_preprocess(bmp.luma(rgb)), cpipe.preprocess(blob)):
            print(f"MISMATCH {w}x{h} {bits}-bit top_down={top_down} core={core}")
            bad += 1
    print(f"decoder vs reference: {400 - bad} of 400 identical")
    bad_mode = 0
    for trial in range(200):
        h, w = int(rng.integers(1, 300)), int(rng.integers(1, 300))
        channels, stretch = (1, 3)[trial % 2], bool((trial // 2) % 2)
        top_down = bool(rng.random() < 0.5)
        if rng.random() < 0.5:
            rgb = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
            blob = bmp.bmp_bytes(rgb, 24, top_down=top_down)
        else:
            n = int(rng.integers(1, 257))
            pal = rng.integers(0, 256, (n, 3), dtype=np.uint8)
            idx = rng.integers(0, n, (h, w), dtype=np.uint8)
            rgb = pal[idx]
            blob = bmp.bmp_bytes(idx, 8, pal, top_down=top_down)
        if not np.array_equal(bmp.reference_preprocess_mode(rgb, channels, stretch), cpipe.preprocess_mode(blob, channels, stretch)):
            print(f"MISMATCH {w}x{h} channels={channels} stretch={stretch} top_down={top_down}")
            bad_mode += 1
    print(f"decoder (gray/RGB, crop/stretch) vs reference: {200 - bad_mode} of 200 identical")
    bad += bad_mode
    good = bmp.bmp_bytes(rng.integers(0, 256, (50, 60, 3), dtype=np.uint8))
    for name, blob in [("truncated", good[:-1]), ("no signature", b"XX" + good[2:]), ("header only", good[:30]),
                       ("32-bit", good[:28] + b"\x20\x00" + good[30:])]:
        try:
            cpipe.preprocess(blob)
            print(f"{name}: accepted (WRONG)")
            bad += 1
        except cpipe.PreprocessError as e:
            print(f"{name}: refused ({e})")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
