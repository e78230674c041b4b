"""The on-device C code, built for this computer: a shared library for training (ctypes) and the
host builds of the firmware and of the window-level evaluation harness.

  lib()                   libgesture.so from src/gesture.c (cached in build/)
  features(windows)       gesture_features() on (n, 128, 3) float32 windows, in C
  host_project(model)     `tinyml gen --board host` for the model (build/proj)
  build_firmware(model)   firmware/*.c + ../common/*.c + src/*.c + the generated model + port_host.c -> build/gesture_fw
  build_eval(model)       host/eval_windows.c + src/*.c + the generated model -> build/eval_windows
"""
import ctypes
import glob
import os
import subprocess

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
BUILD = os.path.join(HERE, "build")
COMMON = os.path.join(HERE, "..", "common")  # firmware code shared by the examples
CC = os.environ.get("CC", "gcc")
CFLAGS = ["-std=c99", "-O2", "-Wall", "-Wextra", "-Werror"]
WINDOW, AXES = 128, 3

_lib = None


def _run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{r.stdout}{r.stderr}")
    return r.stdout


def lib():
    global _lib
    if _lib is not None:
        return _lib
    os.makedirs(BUILD, exist_ok=True)
    so = os.path.join(BUILD, "libgesture.so")
    srcs = sorted(glob.glob(os.path.join(HERE, "src", "*.c")))
    if not os.path.exists(so) or any(os.path.getmtime(s) > os.path.getmtime(so)
                                     for s in srcs + glob.glob(os.path.join(HERE, "src", "*.h"))):
        _run([CC, *CFLAGS, "-shared", "-fPIC", "-o", so, *srcs, "-lm"])
    _lib = ctypes.CDLL(so)
    fp = ctypes.POINTER(ctypes.c_float)
    _lib.gesture_features.argtypes = [fp, fp]
    _lib.gesture_features.restype = None
    return _lib


def features(windows):
    """(n, 128, 3) raw windows in g -> (n, 128, 3) float32 model features, computed by the C code."""
    x = np.ascontiguousarray(windows, dtype=np.float32)
    out = np.empty_like(x)
    f = lib().gesture_features
    fp = ctypes.POINTER(ctypes.c_float)
    stride = WINDOW * AXES * 4
    base_in = x.ctypes.data
    base_out = out.ctypes.data
    for i in range(len(x)):
        f(ctypes.cast(base_in + i * stride, fp), ctypes.cast(base_out + i * stride, fp))
    return out


def host_project(model, out_dir=None):
    out_dir = out_dir or os.path.join(BUILD, "proj")
    _run(["node", os.path.join(ROOT, "bin", "tinyml"), "gen", "--board", "host", "--model", model, "--out", out_dir])
    return out_dir


def _model_sources(proj):
    return sorted(glob.glob(os.path.join(proj, "model", "*.c"))) + \
        sorted(glob.glob(os.path.join(proj, "runtime", "src", "**", "*.c"), recursive=True))


def build_firmware(model, exe=None):
    proj = host_project(model)
    exe = exe or os.path.join(BUILD, "gesture_fw")
    port = os.path.join(ROOT, "micro-runtime", "port")
    srcs = sorted(glob.glob(os.path.join(HERE, "firmware", "*.c"))) + sorted(glob.glob(os.path.join(COMMON, "*.c"))) + \
        sorted(glob.glob(os.path.join(HERE, "src", "*.c"))) + \
        _model_sources(proj) + [os.path.join(port, "port_host.c")]
    _run([CC, *CFLAGS, "-DPORT_HOST", "-DTINYML_BOARD=\"host\"", "-DTINYML_VARIANT=\"host\"",
          "-I", os.path.join(HERE, "src"), "-I", os.path.join(HERE, "firmware"), "-I", COMMON, "-I", os.path.join(proj, "runtime", "include"),
          "-I", os.path.join(proj, "model"), "-I", port, *srcs, "-o", exe, "-lm"])
    return exe


def build_eval(model, exe=None):
    proj = host_project(model, os.path.join(BUILD, "proj_eval"))
    exe = exe or os.path.join(BUILD, "eval_windows")
    srcs = [os.path.join(HERE, "host", "eval_windows.c")] + sorted(glob.glob(os.path.join(HERE, "src", "*.c"))) + \
        _model_sources(proj)
    _run([CC, *CFLAGS, "-I", os.path.join(HERE, "src"), "-I", os.path.join(proj, "runtime", "include"),
          "-I", os.path.join(proj, "model"), *srcs, "-o", exe, "-lm"])
    return exe
