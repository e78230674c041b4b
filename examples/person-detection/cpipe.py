"""The on-device C code, built for this computer: a shared library for training (ctypes) and the
host builds of the firmware and of the evaluation harness.

  lib()                   libpd.so from src/pd_image.c (cached in build/)
  preprocess(bmp_bytes)   pd_preprocess_bmp(): (96, 96) uint8 gray, computed by the C code
  host_project(model)     `tinyml gen --board host` for the model
  build_firmware(model)   firmware/*.c + ../common/*.c + src/*.c + the generated model + port_host.c -> build/pd_fw
  build_eval(model)       host/eval_bmps.c + src/*.c + the generated model -> build/eval_bmps
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
SIZE = 96

_lib = None


class PreprocessError(Exception):
    pass


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
    so = os.path.join(BUILD, "libpd.so")
    deps = glob.glob(os.path.join(HERE, "src", "*.[ch]"))
    if not os.path.exists(so) or any(os.path.getmtime(s) > os.path.getmtime(so) for s in deps):
        _run([CC, *CFLAGS, "-shared", "-fPIC", "-o", so, *sorted(glob.glob(os.path.join(HERE, "src", "*.c")))])
    _lib = ctypes.CDLL(so)
    _lib.pd_preprocess_bmp.argtypes = [ctypes.c_char_p, ctypes.c_uint32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    _lib.pd_preprocess_bmp.restype = ctypes.c_int32
    _lib.pd_status_str.argtypes = [ctypes.c_int32]
    _lib.pd_status_str.restype = ctypes.c_char_p
    return _lib


def preprocess(bmp):
    """BMP file bytes -> (96, 96) uint8, by the device's C decoder."""
    out = np.empty((SIZE, SIZE), np.uint8)
    st = lib().pd_preprocess_bmp(bmp, len(bmp), out.ctypes.data, None, None)
    if st != 0:
        raise PreprocessError(lib().pd_status_str(st).decode())
    return out


def host_project(model, out_dir):
    _run(["node", os.path.join(ROOT, "bin", "tinyml"), "gen", "--board", "host", "--model", model, "--out", out_dir])
    return out_dir


def _model_sources(proj):
    return sorted(glob.glob(os.path.join(proj, "model", "*.c"))) + \
        sorted(glob.glob(os.path.join(proj, "runtime", "src", "**", "*.c"), recursive=True))


def build_firmware(model, exe=None, defines=()):
    proj = host_project(model, os.path.join(BUILD, "proj"))
    exe = exe or os.path.join(BUILD, "pd_fw")
    port = os.path.join(ROOT, "micro-runtime", "port")
    srcs = sorted(glob.glob(os.path.join(HERE, "firmware", "*.c"))) + sorted(glob.glob(os.path.join(COMMON, "*.c"))) + \
        sorted(glob.glob(os.path.join(HERE, "src", "*.c"))) + \
        _model_sources(proj) + [os.path.join(port, "port_host.c")]
    _run([CC, *CFLAGS, "-DPORT_HOST", "-DTINYML_BOARD=\"host\"", "-DTINYML_VARIANT=\"host\"", *defines,
          "-I", os.path.join(HERE, "src"), "-I", os.path.join(HERE, "firmware"), "-I", COMMON, "-I", os.path.join(proj, "runtime", "include"),
          "-I", os.path.join(proj, "model"), "-I", port, *srcs, "-o", exe, "-lm"])
    return exe


def build_eval(model, exe=None):
    proj = host_project(model, os.path.join(BUILD, "proj_eval"))
    exe = exe or os.path.join(BUILD, "eval_bmps")
    srcs = [os.path.join(HERE, "host", "eval_bmps.c")] + sorted(glob.glob(os.path.join(HERE, "src", "*.c"))) + \
        _model_sources(proj)
    _run([CC, *CFLAGS, "-I", os.path.join(HERE, "src"), "-I", os.path.join(proj, "runtime", "include"),
          "-I", os.path.join(proj, "model"), *srcs, "-o", exe, "-lm"])
    return exe
