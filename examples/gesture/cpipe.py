"""The on-device C code, built for this computer: a shared library for training (ctypes) and the
host builds of the firmware and of the window-level evaluation harness.

  lib()                   libgesture.so from src/gesture.c (cached in build/)
  features(windows)       gesture_features() on (n, 128, 3) float32 windows, in C
  host_project(model)     `tinyml gen --board host` for the model (build/proj)
  build_firmware(model)   firmware/*.c + ../common/*.c + src/*.c + the generated model + port_host.c -> build/gesture_fw
  build_eval(model)       host/eval_windows.c + src/*.c + the generated model -> build/eval_windows
"""
import ctypes
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "common"))
import hostbuild  # noqa: E402  (the host builds shared with person-detection)

ROOT = hostbuild.ROOT
BUILD = os.path.join(HERE, "build")
WINDOW, AXES = 128, 3

_lib = None


def lib():
    global _lib
    if _lib is not None:
        return _lib
    so = hostbuild.shared_lib(HERE, "libgesture.so", libs=["-lm"])
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
    return hostbuild.host_project(model, out_dir or os.path.join(BUILD, "proj"))


def build_firmware(model, exe=None):
    return hostbuild.build_firmware(HERE, model, exe or os.path.join(BUILD, "gesture_fw"))


def build_eval(model, exe=None):
    return hostbuild.build_eval(HERE, "eval_windows.c", model, exe or os.path.join(BUILD, "eval_windows"))
