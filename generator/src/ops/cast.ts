/**
 * CAST (TFLM cast.cc): every element converted as static_cast does (tinyml/kernels/cast.h).
 * Inputs int8, int16, int32, uint32, float32 and bool; outputs int8, int16, int32, uint32 and
 * float32, the types TFLM's Eval takes. A constant input folds, with the kernel's conversions.
 */
import type { Graph, Node } from '../graph';
import { shp } from './checks';
import { CExpr, FoldFn, OpDef, PreparedOp } from './types';
import { input, output, unsupported } from './util';
import { constValues, valuesBytes, wrapInt } from './values';

const IN = ['int8', 'int16', 'int32', 'uint32', 'float32', 'bool'];
const OUT = ['int8', 'int16', 'int32', 'uint32', 'float32'];
const CODE: Record<string, string> = {
  int8: 'TM_CAST_INT8', int16: 'TM_CAST_INT16', int32: 'TM_CAST_INT32', uint32: 'TM_CAST_UINT32', float32: 'TM_CAST_FLOAT32', bool: 'TM_CAST_BOOL',
};

function check(g: Graph, n: Node): void {
  const x = input(g, n, 0), y = output(g, n);
  if (x.elements !== y.elements) unsupported(g, n, `input ${shp(x)} and output ${shp(y)} of different sizes`);
}

const foldCast: FoldFn = (g, n) => {
  check(g, n);
  const x = input(g, n, 0), y = output(g, n);
  const v = constValues(x);
  if (!v || !IN.includes(x.dtype) || !OUT.includes(y.dtype)) return null;
  const out = v.map((a) => {
    const iv = x.dtype === 'bool' ? (a ? 1 : 0) : x.dtype === 'float32' ? Math.trunc(a) : a;
    if (y.dtype === 'float32') return Math.fround(x.dtype === 'float32' ? a : iv);
    if (!Number.isFinite(iv) || Math.abs(iv) > 2 ** 62) throw new Error('out of range');
    return wrapInt(y.dtype, iv);
  });
  const b = valuesBytes(y.dtype, out);
  return b ? [b] : null;
};

export const CAST: OpDef = {
  name: 'CAST',
  spec: { bytesOnly: true, inputs: [1, 1], types: IN, outputTypes: OUT, macs: () => 0 },
  prepare: (g, n): PreparedOp => {
    check(g, n);
    const x = input(g, n, 0), y = output(g, n);
    return {
      eval: 'tm_eval_cast', headers: ['tinyml/kernels/cast.h'], sources: ['src/kernels/cast.c'],
      paramsType: 'tm_cast_params',
      params: { count: x.elements, in_type: new CExpr(CODE[x.dtype]), out_type: new CExpr(CODE[y.dtype]) },
      scratchBytes: 0,
    };
  },
  fold: foldCast,
};
