/**
 * SELECT_V2 (TFLM select.cc): condition (bool) ? x : y, element by element, the three inputs
 * broadcast to the output as BroadcastSelect5DSlow does (TFLM's CheckBroadcastShape decides).
 * float32, int8 and int16; bytes are copied (int8 x and y are not rescaled, as in TFLM). The
 * kernel (tinyml/kernels/select_v2.h) walks the output over 5-D with a step per input and axis.
 * Constant inputs fold.
 */
import type { Graph, Node, Tensor } from '../graph';
import { shp } from './checks';
import { FoldFn, OpDef, PreparedOp } from './types';
import { elementBytes, extendShape, input, output, unsupported } from './util';
import { sameShape, stridesOf } from './walk';

interface Steps { dims: number[]; c: number[]; x: number[]; y: number[] }

/** Steps of `t` along the 5 output axes (0 where t broadcasts). */
function stepsOf(t: Tensor, dims5: number[]): number[] {
  const s5 = extendShape(t.shape, 5);
  const st = stridesOf(s5);
  return dims5.map((d, i) => (s5[i] === 1 ? 0 : st[i]));
}

function selectSteps(g: Graph, n: Node): Steps {
  const c = input(g, n, 0), x = input(g, n, 1), y = input(g, n, 2), out = output(g, n);
  if (c.dtype !== 'bool') unsupported(g, n, `a ${c.dtype} condition (TFLM wants bool)`);
  if (x.dtype !== y.dtype || out.dtype !== x.dtype) unsupported(g, n, `types ${x.dtype}, ${y.dtype} -> ${out.dtype}`);
  const scalars = c.elements === 1 && x.elements === 1 && y.elements === 1 && out.elements === 1;
  const same = sameShape(c.shape, x.shape) && sameShape(x.shape, y.shape);
  if (!same && !scalars) {
    const r = Math.max(c.shape.length, x.shape.length, y.shape.length);
    if (r !== out.shape.length) unsupported(g, n, `shapes ${shp(c)}, ${shp(x)}, ${shp(y)} -> ${shp(out)}`);
    for (let i = 0; i < r; i++) {
      const ds = [c, x, y].map((t) => (i >= t.shape.length ? 1 : t.shape[t.shape.length - 1 - i]));
      let mx = Math.max(...ds);
      if (Math.min(...ds) === 0) mx = 0;
      if (ds.some((d) => d !== 1 && d !== mx) || out.shape[r - 1 - i] !== mx) {
        unsupported(g, n, `shapes ${shp(c)}, ${shp(x)}, ${shp(y)} -> ${shp(out)} (not broadcastable)`);
      }
    }
  } else if (!scalars && !sameShape(out.shape, x.shape)) {
    unsupported(g, n, `output ${shp(out)} for inputs ${shp(x)}`);
  }
  if (out.shape.length > 5) unsupported(g, n, `rank ${out.shape.length}`);
  const dims = extendShape(out.shape, 5);
  return { dims, c: stepsOf(c, dims), x: stepsOf(x, dims), y: stepsOf(y, dims) };
}

const foldSelect: FoldFn = (g, n) => {
  const [c, x, y] = [0, 1, 2].map((k) => input(g, n, k));
  if (!c.data || !x.data || !y.data) return null;
  const s = selectSteps(g, n);
  const e = elementBytes(x.dtype);
  const total = s.dims.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(total * e);
  const i = [0, 0, 0, 0, 0];
  for (let k = 0; k < total; k++) {
    let r = k;
    for (let d = 4; d >= 0; d--) { i[d] = r % s.dims[d]; r = Math.floor(r / s.dims[d]); }
    const at = (st: number[]) => i.reduce((a, v, d) => a + v * st[d], 0);
    const src = c.data[at(s.c)] ? x.data.subarray(at(s.x) * e, at(s.x) * e + e) : y.data.subarray(at(s.y) * e, at(s.y) * e + e);
    out.set(src, k * e);
  }
  return [out];
};

export const SELECT_V2: OpDef = {
  name: 'SELECT_V2',
  spec: { bytesOnly: true, inputs: [3, 3], typedInput: 1, types: ['float32', 'int8', 'int16'], macs: () => 0 },
  prepare: (g, n): PreparedOp => {
    const s = selectSteps(g, n);
    const size = ({ 1: 'b8', 2: 'b16', 4: 'b32' } as Record<number, string>)[elementBytes(input(g, n, 1).dtype)];
    return {
      eval: `tm_eval_select_v2_${size}`, headers: ['tinyml/kernels/select_v2.h'], sources: ['src/kernels/select_v2.c'],
      paramsType: 'tm_select_v2_params',
      params: { out_dims: s.dims, cond_step: s.c, x_step: s.x, y_step: s.y },
      scratchBytes: 0,
    };
  },
  fold: foldSelect,
};
