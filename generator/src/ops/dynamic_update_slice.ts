/**
 * DYNAMIC_UPDATE_SLICE (TFLM dynamic_update_slice.cc): the operand with the update written at
 * start indices read at run time (int32 or int64, clamped per axis as TFLM does). float32, int8,
 * int16 and int32; bytes move as they are. Up to 5-D here. The output may overwrite the operand
 * when nothing later reads it (the kernel then copies only the update). Constant inputs fold.
 */
import type { Graph, Node } from '../graph';
import { shp } from './checks';
import { FoldFn, OpDef, PreparedOp } from './types';
import { elementBytes, extendShape, input, output, unsupported } from './util';
import { constValues } from './values';
import { sameShape, stridesOf } from './walk';

function check(g: Graph, n: Node): void {
  const x = input(g, n, 0), u = input(g, n, 1), s = input(g, n, 2), y = output(g, n);
  if (u.dtype !== x.dtype || y.dtype !== x.dtype) unsupported(g, n, `types ${x.dtype}, ${u.dtype} -> ${y.dtype}`);
  if (s.dtype !== 'int32' && s.dtype !== 'int64') unsupported(g, n, `start indices of type ${s.dtype}`);
  if (s.shape.length !== 1 || s.shape[0] !== x.shape.length) unsupported(g, n, `start indices ${shp(s)} for a rank ${x.shape.length} operand`);
  if (u.shape.length !== x.shape.length || u.shape.some((d, i) => d > x.shape[i])) unsupported(g, n, `an update ${shp(u)} for an operand ${shp(x)}`);
  if (!sameShape(x.shape, y.shape)) unsupported(g, n, `output ${shp(y)} for an operand ${shp(x)}`);
  if (x.shape.length > 5) unsupported(g, n, `rank ${x.shape.length}`);
}

const foldDus: FoldFn = (g, n) => {
  const x = input(g, n, 0), u = input(g, n, 1);
  const idx = constValues(input(g, n, 2));
  if (!x.data || !u.data || !idx) return null;
  check(g, n);
  const e = elementBytes(x.dtype);
  if (x.elements === u.elements) return [new Uint8Array(u.data)];
  const out = new Uint8Array(x.data);
  const st = stridesOf(x.shape);
  const start = x.shape.map((d, i) => Math.min(Math.max(0, idx[i]), d - u.shape[i]));
  const ust = stridesOf(u.shape);
  for (let k = 0; k < u.elements; k++) {
    let r = k, at = 0;
    for (let d = 0; d < u.shape.length; d++) {
      const c = Math.floor(r / ust[d]);
      r %= ust[d];
      at += (start[d] + c) * st[d];
    }
    out.set(u.data.subarray(k * e, k * e + e), at * e);
  }
  return [out];
};

export const DYNAMIC_UPDATE_SLICE: OpDef = {
  name: 'DYNAMIC_UPDATE_SLICE',
  spec: { bytesOnly: true, inputs: [3, 3], types: ['float32', 'int8', 'int16', 'int32'], macs: () => 0 },
  prepare: (g, n): PreparedOp => {
    check(g, n);
    const x = input(g, n, 0), u = input(g, n, 1);
    return {
      eval: 'tm_eval_dynamic_update_slice', headers: ['tinyml/kernels/dynamic_update_slice.h'], sources: ['src/kernels/dynamic_update_slice.c'],
      paramsType: 'tm_dynamic_update_slice_params',
      params: {
        dims: extendShape(x.shape, 5), upd_dims: extendShape(u.shape, 5), rank: x.shape.length,
        wide_indices: input(g, n, 2).dtype === 'int64' ? 1 : 0, elem_bytes: elementBytes(x.dtype),
      },
      scratchBytes: 0,
      inPlaceInput: 0,
    };
  },
  fold: foldDus,
};
