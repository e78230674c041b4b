#!/usr/bin/env python3
"""Correctness oracle: runs a .tflite model in the real TensorFlow Lite Micro interpreter.

Commands (errors are one line on stderr, exit status nonzero):

  tflm_oracle.py run MODEL --dir D --samples N [--arena BYTES]
      For each sample k in 0..N-1 reads every input i from D/s{k}_in{i}.bin (raw little-endian
      bytes, exactly the tensor's byte size), invokes, and writes every output o to
      D/s{k}_tflm_out{o}.bin as raw little-endian bytes. One interpreter serves all samples;
      reset() runs between samples so that no state (variable tensors, op state) leaks.

  tflm_oracle.py alloc MODEL [--arena BYTES]
      Prints {"total": int, "head": int, "tail": int}: the bytes of the tensor arena TFLM's
      RecordingMicroAllocator reports as used (head = non-persistent, tail = persistent).

  tflm_oracle.py io MODEL [--arena BYTES]
      Prints JSON {"inputs": [...], "outputs": [...]}, each with name, shape, dtype, scale,
      zeroPoint (per-tensor; lists for per-channel quantization, null when not quantized).
"""
import argparse
import ctypes
import json
import os
import re
import sys
import tempfile

import numpy as np


class OracleError(Exception):
    pass


def _import_tflm():
    try:
        import tflite_micro  # noqa: WPS433
    except Exception as e:  # pragma: no cover - environment problem
        raise OracleError(f"cannot import tflite_micro ({e}); run scripts/setup.sh")
    # `from tflite_micro.runtime import Interpreter` does not work with this package layout.
    return tflite_micro.runtime.Interpreter


def _import_schema():
    try:
        from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema
    except Exception as e:  # pragma: no cover
        raise OracleError(f"cannot import the TFLite flatbuffer schema from tflite_micro ({e})")
    return schema


_libc = None


def _c_fflush():
    """Flush C stdio buffers (TFLM prints with printf/fprintf from C++)."""
    global _libc
    try:
        if _libc is None:
            _libc = ctypes.CDLL(None)
        _libc.fflush(None)
    except Exception:
        pass


def capture_fds(fn, fds=(1, 2)):
    """Run fn() with the given file descriptors redirected to a temp file; return (result, text)."""
    sys.stdout.flush()
    sys.stderr.flush()
    _c_fflush()
    saved = {fd: os.dup(fd) for fd in fds}
    error = None
    result = None
    with tempfile.TemporaryFile(mode="w+b") as tmp:
        try:
            for fd in fds:
                os.dup2(tmp.fileno(), fd)
            result = fn()
        except Exception as e:
            error = e
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            _c_fflush()
            for fd, copy in saved.items():
                os.dup2(copy, fd)
                os.close(copy)
        tmp.seek(0)
        text = tmp.read().decode("utf-8", "replace")
    if error is not None:
        # Keep what TFLM printed (e.g. "Didn't find op for builtin opcode ...") in the message.
        log = " | ".join(line.strip() for line in text.splitlines() if line.strip())
        raise OracleError(f"{_one_line(error)}" + (f" [TFLM: {log[-600:]}]" if log else ""))
    return result, text


class Model:
    """A .tflite file: its flatbuffer (for names and tensor counts) and a TFLM interpreter."""

    def __init__(self, path, arena=None):
        if not os.path.isfile(path):
            raise OracleError(f"model not found: {path}")
        with open(path, "rb") as f:
            self.data = f.read()
        schema = _import_schema()
        try:
            m = schema.Model.GetRootAsModel(self.data, 0)
            if m.SubgraphsLength() < 1:
                raise OracleError(f"{path}: model has no subgraphs")
            g = m.Subgraphs(0)
            self.input_names = [_name(g.Tensors(g.Inputs(i))) for i in range(g.InputsLength())]
            self.output_names = [_name(g.Tensors(g.Outputs(i))) for i in range(g.OutputsLength())]
        except OracleError:
            raise
        except Exception as e:
            raise OracleError(f"{path}: not a valid .tflite flatbuffer ({e})")
        Interpreter = _import_tflm()
        if arena is None:
            # The tflite_micro default (10x the model size) is too small for tiny models with
            # comparatively large activations; the recorded usage does not depend on this size.
            arena = max(len(self.data) * 10, 4 * 1024 * 1024)
        try:
            self.interp, log = capture_fds(lambda: Interpreter.from_bytes(self.data, arena_size=arena))
        except Exception as e:
            raise OracleError(f"{path}: TFLM cannot load the model: {_one_line(e)}")
        self.inputs = [self._details(self.interp.get_input_details(i), n) for i, n in enumerate(self.input_names)]
        self.outputs = [self._details(self.interp.get_output_details(i), n) for i, n in enumerate(self.output_names)]

    @staticmethod
    def _details(d, name):
        dtype = np.dtype(d["dtype"])
        shape = [int(x) for x in d["shape"]]
        q = d.get("quantization_parameters") or {}
        scales = [float(x) for x in np.asarray(q.get("scales", []), dtype=np.float64).ravel()]
        zps = [int(x) for x in np.asarray(q.get("zero_points", []), dtype=np.int64).ravel()]
        if len(scales) == 0:
            scale, zp = None, None
        elif len(scales) == 1:
            scale, zp = scales[0], (zps[0] if zps else 0)
        else:
            scale, zp = scales, zps
        return {
            "name": name,
            "shape": shape,
            "dtype": dtype.name,
            "scale": scale,
            "zeroPoint": zp,
            "_np": dtype,
            "_bytes": int(np.prod(shape, dtype=np.int64)) * dtype.itemsize,
        }

    def invoke(self):
        try:
            _, log = capture_fds(self.interp.invoke)
        except Exception as e:
            raise OracleError(f"TFLM invoke failed: {_one_line(e)}")

    def reset(self):
        try:
            capture_fds(self.interp.reset)
        except Exception as e:
            raise OracleError(f"TFLM reset failed: {_one_line(e)}")

    def set_input(self, i, raw):
        d = self.inputs[i]
        arr = np.frombuffer(raw, dtype=d["_np"].newbyteorder("<")).astype(d["_np"]).reshape(d["shape"])
        try:
            self.interp.set_input(arr, i)
        except Exception as e:
            raise OracleError(f"TFLM set_input({i}) failed: {_one_line(e)}")

    def get_output(self, o):
        d = self.outputs[o]
        arr = np.asarray(self.interp.get_output(o))
        return np.ascontiguousarray(arr.astype(d["_np"].newbyteorder("<"))).tobytes()

    def allocations(self):
        _, text = capture_fds(self.interp.print_allocations)
        out = {}
        for key in ("total", "head", "tail"):
            m = re.search(r"Arena allocation %s (\d+) bytes" % key, text)
            if not m:
                raise OracleError(f"print_allocations() reported no '{key}' line")
            out[key] = int(m.group(1))
        return out


def _name(tensor):
    n = tensor.Name()
    return n.decode("utf-8", "replace") if isinstance(n, bytes) else (n or "")


def _one_line(e):
    s = str(e).strip() or type(e).__name__
    return " ".join(s.split())


def cmd_run(args):
    if args.samples < 0:
        raise OracleError("--samples must be >= 0")
    if not os.path.isdir(args.dir):
        raise OracleError(f"not a directory: {args.dir}")
    model = Model(args.model, args.arena)
    # Check every input file before running anything, so a failure leaves no partial outputs.
    for k in range(args.samples):
        for i, d in enumerate(model.inputs):
            p = os.path.join(args.dir, f"s{k}_in{i}.bin")
            if not os.path.isfile(p):
                raise OracleError(f"missing input file {p}")
            size = os.path.getsize(p)
            if size != d["_bytes"]:
                raise OracleError(f"{p}: {size} bytes, expected {d['_bytes']} for {d['dtype']}{d['shape']}")
    for k in range(args.samples):
        if k > 0 and not getattr(args, "sequence", False):
            model.reset()
        for i, d in enumerate(model.inputs):
            p = os.path.join(args.dir, f"s{k}_in{i}.bin")
            with open(p, "rb") as f:
                raw = f.read()
            if len(raw) != d["_bytes"]:
                raise OracleError(
                    f"{p}: {len(raw)} bytes, expected {d['_bytes']} for {d['dtype']}{d['shape']}")
            model.set_input(i, raw)
        model.invoke()
        for o in range(len(model.outputs)):
            with open(os.path.join(args.dir, f"s{k}_tflm_out{o}.bin"), "wb") as f:
                f.write(model.get_output(o))
    return 0


def cmd_alloc(args):
    model = Model(args.model, args.arena)
    # The recording allocator already knows the numbers after AllocateTensors (done when the
    # interpreter is created); one invoke() with zero inputs makes sure nothing lazy is missed.
    for i, d in enumerate(model.inputs):
        model.set_input(i, bytes(d["_bytes"]))
    model.invoke()
    print(json.dumps(model.allocations()))
    return 0


def cmd_io(args):
    model = Model(args.model, args.arena)

    def pub(ds):
        return [{k: v for k, v in d.items() if not k.startswith("_")} for d in ds]

    print(json.dumps({"inputs": pub(model.inputs), "outputs": pub(model.outputs)}))
    return 0


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        sys.stderr.write(f"tflm_oracle: {message}\n")
        sys.exit(2)


def main(argv=None):
    p = _Parser(prog="tflm_oracle.py", description="Run .tflite models in TensorFlow Lite Micro.")
    sub = p.add_subparsers(dest="cmd", required=True, parser_class=_Parser)
    r = sub.add_parser("run", help="run samples D/s{k}_in{i}.bin -> D/s{k}_tflm_out{o}.bin")
    r.add_argument("model")
    r.add_argument("--dir", required=True)
    r.add_argument("--samples", type=int, required=True)
    r.add_argument("--sequence", action="store_true",
                   help="run the samples as consecutive steps of one stream (no reset between them)")
    a = sub.add_parser("alloc", help="print arena usage as JSON")
    a.add_argument("model")
    i = sub.add_parser("io", help="print input/output details as JSON")
    i.add_argument("model")
    for sp in (r, a, i):
        sp.add_argument("--arena", type=int, default=None, help="tensor arena size in bytes")
    args = p.parse_args(argv)
    try:
        return {"run": cmd_run, "alloc": cmd_alloc, "io": cmd_io}[args.cmd](args)
    except OracleError as e:
        sys.stderr.write(f"tflm_oracle: {_one_line(e)}\n")
        return 1
    except Exception as e:  # unexpected: still one line
        sys.stderr.write(f"tflm_oracle: {type(e).__name__}: {_one_line(e)}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
