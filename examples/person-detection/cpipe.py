"""The on-device C code, built for this computer: a shared library for training (ctypes) and the
host builds of the firmware and of the evaluation harness.

  lib()                   libpd.so from src/pd_image.c (cached in build/)
  preprocess(bmp_bytes)   pd_preprocess_bmp(): (96, 96) uint8 gray, computed by the C code
  preprocess_mode(bmp_bytes, channels, stretch)   pd_preprocess_bmp_mode(): gray or RGB, crop or stretch
  host_project(model)     `tinyml gen --board host` for the model
  build_firmware(model)   firmware/*.c + ../common/*.c + src/*.c + the generated model + port_host.c -> build/pd_fw
  build_eval(model)       host/eval_bmps.c + src/*.c + the generated model -> build/eval_bmps
"""
import ctypes
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "common"))
import hostbuild  # noqa: E402  (the host builds shared with gesture)

ROOT = hostbuild.ROOT
BUILD = os.path.join(HERE, "build")
SIZE = 96

_lib = None


class PreprocessError(Exception):
    pass


def lib():
    global _lib
    if _lib is not None:
        return _lib
    so = hostbuild.shared_lib(HERE, "libpd.so")
    _lib = ctypes.CDLL(so)
    _lib.pd_preprocess_bmp.argtypes = [ctypes.c_char_p, ctypes.c_uint32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    _lib.pd_preprocess_bmp.restype = ctypes.c_int32
    _lib.pd_preprocess_bmp_mode.argtypes = [ctypes.c_char_p, ctypes.c_uint32, ctypes.c_void_p, ctypes.c_uint32,
                                            ctypes.c_uint32, ctypes.c_void_p, ctypes.c_void_p]
    _lib.pd_preprocess_bmp_mode.restype = ctypes.c_int32
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


def preprocess_mode(bmp, channels, stretch):
    """BMP file bytes -> (96, 96) gray or (96, 96, 3) RGB uint8, by the device's C decoder."""
    out = np.empty((SIZE, SIZE) if channels == 1 else (SIZE, SIZE, 3), np.uint8)
    st = lib().pd_preprocess_bmp_mode(bmp, len(bmp), out.ctypes.data, channels, 1 if stretch else 0, None, None)
    if st != 0:
        raise PreprocessError(lib().pd_status_str(st).decode())
    return out


def host_project(model, out_dir):
    return hostbuild.host_project(model, out_dir)


def build_firmware(model, exe=None, defines=()):
    return hostbuild.build_firmware(HERE, model, exe or os.path.join(BUILD, "pd_fw"), defines)


def build_eval(model, exe=None):
    return hostbuild.build_eval(HERE, "eval_bmps.c", model, exe or os.path.join(BUILD, "eval_bmps"))
