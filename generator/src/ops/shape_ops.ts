/**
 * ZEROS_LIKE (TFLM zeros_like.cc: int8, int32, int64 and float32) and BROADCAST_ARGS (TFLM
 * broadcast_args.cc, reference_ops::BroadcastArgs on 1-D int32 or int64 shapes): kernels in
 * tinyml/kernels/shape_ops.h. ZEROS_LIKE always folds (its output never depends on the input's
 * values), unless it is a model output; BROADCAST_ARGS folds when both shapes are constant.
 */
import type { Graph, Node } from '../graph';
import { shp } from './checks';
import { FoldFn, OpDef, PreparedOp } from './types';
import { input, output, unsupported } from './util';
import { constValues, valuesBytes } from './values';

export const ZEROS_LIKE: OpDef = {
  name: 'ZEROS_LIKE',
  spec: {
    bytesOnly: true, inputs: [1, 1], types: ['float32', 'int8', 'int32', 'int64'],
    check: (_n, t, out) => (t(0)!.elements === out.elements ? null : `input ${shp(t(0))} and output ${shp(out)} differ in size`),
    macs: () => 0,
  },
  prepare: (g, n): PreparedOp => {
    const y = output(g, n);
    if (y.dtype !== input(g, n, 0).dtype) unsupported(g, n, `a ${input(g, n, 0).dtype} input with a ${y.dtype} output`);
    return {
      eval: 'tm_eval_zeros_like', headers: ['tinyml/kernels/shape_ops.h'], sources: ['src/kernels/zeros_like.c'],
      paramsType: 'tm_zeros_like_params', params: { bytes: y.bytes }, scratchBytes: 0,
    };
  },
  fold: (g, n) => {
    const x = input(g, n, 0), y = output(g, n);
    return x && x.dtype === y.dtype && x.elements === y.elements ? [new Uint8Array(y.bytes)] : null;
  },
};

function argsCheck(g: Graph, n: Node): void {
  const a = input(g, n, 0), b = input(g, n, 1), y = output(g, n);
  if (a.dtype !== b.dtype || a.dtype !== y.dtype) unsupported(g, n, `shapes of types ${a.dtype}, ${b.dtype} -> ${y.dtype}`);
  if (a.shape.length !== 1 || b.shape.length !== 1 || y.shape.length !== 1) unsupported(g, n, `shapes ${shp(a)}, ${shp(b)} -> ${shp(y)} (TFLM wants 1-D)`);
}

const foldArgs: FoldFn = (g, n) => {
  argsCheck(g, n);
  const a = constValues(input(g, n, 0)), b = constValues(input(g, n, 1));
  const y = output(g, n);
  if (!a || !b) return null;
  const out = new Array<number>(y.elements);
  for (let i = 0; i < y.elements; i++) {
    const p = a.length - 1 - i >= 0 ? a[a.length - 1 - i] : 1;
    const q = b.length - 1 - i >= 0 ? b[b.length - 1 - i] : 1;
    if (p !== 1 && q !== 1 && p !== q) return null;
    out[y.elements - 1 - i] = p === 1 ? q : p;
  }
  const bytes = valuesBytes(y.dtype, out);
  return bytes ? [bytes] : null;
};

export const BROADCAST_ARGS: OpDef = {
  name: 'BROADCAST_ARGS',
  spec: { inputs: [2, 2], types: ['int32', 'int64'], macs: () => 0 },
  prepare: (g, n): PreparedOp => {
    argsCheck(g, n);
    const a = input(g, n, 0), b = input(g, n, 1), y = output(g, n);
    return {
      eval: 'tm_eval_broadcast_args', headers: ['tinyml/kernels/shape_ops.h'], sources: ['src/kernels/broadcast_args.c'],
      paramsType: 'tm_broadcast_args_params',
      params: { n1: a.elements, n2: b.elements, n_out: y.elements, wide: y.dtype === 'int64' ? 1 : 0 },
      scratchBytes: 0,
    };
  },
  fold: foldArgs,
};
