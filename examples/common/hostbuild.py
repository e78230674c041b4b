"""Host builds shared by the examples' cpipe.py (gesture, person-detection): the generated host
project of a model, the firmware (firmware/*.c + ../common/*.c + src/*.c + the model + the host
port) and an evaluation harness (one host/*.c main + src/*.c + the model), built with the host cc.

  run(cmd)                                   runs a command; its output, or RuntimeError with it
  shared_lib(here, name)                     src/*.c of an example as build/<name> (rebuilt when stale)
  host_project(model, out_dir)               `tinyml gen --board host` for the model
  build_firmware(here, model, exe, defines)  the example's firmware for the host
  build_eval(here, main_c, model, exe)       the example's evaluation harness
"""
import glob
import os
import subprocess

COMMON = os.path.dirname(os.path.abspath(__file__))  # firmware code shared by the examples
ROOT = os.path.abspath(os.path.join(COMMON, "..", ".."))
CC = os.environ.get("CC", "gcc")
CFLAGS = ["-std=c99", "-O2", "-Wall", "-Wextra", "-Werror"]


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{r.stdout}{r.stderr}")
    return r.stdout


def shared_lib(here, name, libs=()):
    build = os.path.join(here, "build")
    os.makedirs(build, exist_ok=True)
    so = os.path.join(build, name)
    deps = glob.glob(os.path.join(here, "src", "*.[ch]"))
    if not os.path.exists(so) or any(os.path.getmtime(s) > os.path.getmtime(so) for s in deps):
        run([CC, *CFLAGS, "-shared", "-fPIC", "-o", so, *sorted(glob.glob(os.path.join(here, "src", "*.c"))), *libs])
    return so


def host_project(model, out_dir):
    run(["node", os.path.join(ROOT, "bin", "tinyml"), "gen", "--board", "host", "--model", model, "--out", out_dir])
    return out_dir


def _model_sources(proj):
    return sorted(glob.glob(os.path.join(proj, "model", "*.c"))) + \
        sorted(glob.glob(os.path.join(proj, "runtime", "src", "**", "*.c"), recursive=True))


def build_firmware(here, model, exe, defines=()):
    proj = host_project(model, os.path.join(here, "build", "proj"))
    port = os.path.join(ROOT, "micro-runtime", "port")
    srcs = sorted(glob.glob(os.path.join(here, "firmware", "*.c"))) + sorted(glob.glob(os.path.join(COMMON, "*.c"))) + \
        sorted(glob.glob(os.path.join(here, "src", "*.c"))) + \
        _model_sources(proj) + [os.path.join(port, "port_host.c")]
    run([CC, *CFLAGS, "-DPORT_HOST", "-DTINYML_BOARD=\"host\"", "-DTINYML_VARIANT=\"host\"", *defines,
         "-I", os.path.join(here, "src"), "-I", os.path.join(here, "firmware"), "-I", COMMON, "-I", os.path.join(proj, "runtime", "include"),
         "-I", os.path.join(proj, "model"), "-I", port, *srcs, "-o", exe, "-lm"])
    return exe


def build_eval(here, main_c, model, exe):
    proj = host_project(model, os.path.join(here, "build", "proj_eval"))
    srcs = [os.path.join(here, "host", main_c)] + sorted(glob.glob(os.path.join(here, "src", "*.c"))) + \
        _model_sources(proj)
    run([CC, *CFLAGS, "-I", os.path.join(here, "src"), "-I", os.path.join(proj, "runtime", "include"),
         "-I", os.path.join(proj, "model"), *srcs, "-o", exe, "-lm"])
    return exe
