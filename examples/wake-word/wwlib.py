"""Shared helpers for the wake-word scripts: paths, labels, and the C front end (src/frontend.c)
compiled for the host and called through ctypes, so training sees exactly the device's features."""
import ctypes
import os
import subprocess

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..'))
BUILD = os.path.join(HERE, 'build')          # host builds (git-ignored)
DATA = os.path.join(HERE, 'data')            # the synthesized data set (git-ignored)

LABELS = ['silence', 'unknown', 'yes', 'no']  # model output order
SAMPLE_RATE = 16000
WINDOW, STRIDE, CHANNELS, FRAMES = 480, 320, 40, 49
CLIP = WINDOW + (FRAMES - 1) * STRIDE         # 15840 samples: the 49 frames of one model input
PREROLL = 25 * STRIDE                         # 8000 samples before a clip warm up the noise floor
CLIP_TOTAL = PREROLL + CLIP                   # what the data set stores per example

CC = os.environ.get('CC', 'cc')
CFLAGS = ['-std=c99', '-O2', '-Wall', '-Wextra', '-Werror', '-pedantic']

_lib = None


def _newer(target, sources):
    if not os.path.exists(target):
        return False
    t = os.path.getmtime(target)
    return all(os.path.getmtime(s) <= t for s in sources)


def build_frontend_lib():
    """Compiles src/frontend.c into build/libwwfe.so (when a source changed) and returns its path."""
    os.makedirs(BUILD, exist_ok=True)
    out = os.path.join(BUILD, 'libwwfe.so')
    srcs = [os.path.join(HERE, 'src', f) for f in ('frontend.c', 'frontend.h', 'fe_tables.h')]
    if not _newer(out, srcs):
        subprocess.run([CC, *CFLAGS, '-shared', '-fPIC', srcs[0], '-o', out], check=True)
    return out


def lib():
    global _lib
    if _lib is None:
        _lib = ctypes.CDLL(build_frontend_lib())
        _lib.fe_clip.restype = ctypes.c_uint32
        _lib.fe_clip.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p, ctypes.c_uint32]
        _lib.fe_quantize.restype = None
        _lib.fe_quantize.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_float, ctypes.c_int32,
                                     ctypes.c_void_p]
        _lib.fe_logf.restype = ctypes.c_float
        _lib.fe_logf.argtypes = [ctypes.c_float]
    return _lib


def clip_features(pcm):
    """All frames of a clip (int16 PCM, from a reset front end) as float32 [frames, 40]."""
    pcm = np.ascontiguousarray(pcm, dtype=np.int16)
    n = 0 if len(pcm) < WINDOW else (len(pcm) - WINDOW) // STRIDE + 1
    out = np.zeros((max(n, 1), CHANNELS), dtype=np.float32)
    got = lib().fe_clip(pcm.ctypes.data, len(pcm), out.ctypes.data, n)
    assert got == n, (got, n)
    return out[:n]


def example_features(pcm):
    """The model input of one stored example (PREROLL + CLIP samples): its last 49 frames."""
    assert len(pcm) == CLIP_TOTAL
    return clip_features(pcm)[-FRAMES:]


def quantize(features, scale, zero_point):
    """Features to int8 with the C front end's fe_quantize (the device's rounding)."""
    f = np.ascontiguousarray(features, dtype=np.float32)
    out = np.zeros(f.shape, dtype=np.int8)
    lib().fe_quantize(f.ctypes.data, f.size, float(scale), int(zero_point), out.ctypes.data)
    return out


def read_wav(path):
    """16-bit mono PCM WAV -> int16 array (the data scripts' own files only)."""
    import wave
    with wave.open(path, 'rb') as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1, path
        return np.frombuffer(w.readframes(w.getnframes()), dtype='<i2').copy(), w.getframerate()


def write_wav(path, pcm, rate=SAMPLE_RATE):
    import wave
    with wave.open(path, 'wb') as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.asarray(pcm, dtype='<i2').tobytes())
