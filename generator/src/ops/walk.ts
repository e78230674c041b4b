/**
 * The strided walk (micro-runtime tinyml/kernels/walk.h) shared by SLICE, REVERSE_V2,
 * BROADCAST_TO, FILL, SPACE_TO_DEPTH and DEPTH_TO_SPACE: output element i, in row-major order
 * over a 5-D `count`, reads input element offset + sum(i_d * step_d). Each op module describes
 * its op as such a walk; this module picks the kernel for the element size and folds a walk over
 * a constant input at generation time, byte for byte as the kernel copies.
 */
import type { Graph, Node, Tensor } from '../graph';
import { FoldFn, PreparedOp } from './types';
import { elementBytes, unsupported } from './util';
import { constValues } from './values';

export interface Walk {
  count: number[];
  step: number[];
  offset: number;
}

const SIZES: Record<number, string> = { 1: 'b8', 2: 'b16', 4: 'b32', 8: 'b64' };

/** Input element strides of a shape (row-major). */
export function stridesOf(shape: number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) s[d] = s[d + 1] * shape[d + 1];
  return s;
}

/** Pads a walk of fewer than 5 axes on the left (count 1, step 0). */
export function walk5(count: number[], step: number[], offset: number): Walk {
  if (count.length > 5) throw new Error('a walk has at most 5 axes');
  const pad = 5 - count.length;
  return { count: [...new Array(pad).fill(1), ...count], step: [...new Array(pad).fill(0), ...step], offset };
}

/** The PreparedOp running `w` over input `k` of the node. */
export function walkOp(g: Graph, n: Node, k: number, w: Walk): PreparedOp {
  const x = g.tensors[n.inputs[k]];
  const size = SIZES[elementBytes(x.dtype)];
  if (!size) unsupported(g, n, `${x.dtype} tensors`);
  const total = w.count.reduce((a, b) => a * b, 1);
  const y = g.tensors[n.outputs[0]];
  if (total !== y.elements) unsupported(g, n, `an output of ${y.elements} elements where the op gives ${total}`);
  return {
    eval: `tm_eval_walk_${size}`,
    headers: ['tinyml/kernels/walk.h'],
    sources: ['src/kernels/walk.c'],
    paramsType: 'tm_walk_params',
    params: { walk: { count: w.count, step: w.step, offset: total === 0 ? 0 : w.offset, in_size: x.elements }, input: k },
    scratchBytes: 0,
  };
}

/** The walk over bytes: what the kernel does, at generation time. */
export function walkBytes(data: Uint8Array, esz: number, w: Walk): Uint8Array {
  const total = w.count.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(total * esz);
  const [c, s] = [w.count, w.step];
  let at = 0;
  for (let a = 0; a < c[0]; a++)
    for (let b = 0; b < c[1]; b++)
      for (let d = 0; d < c[2]; d++)
        for (let e = 0; e < c[3]; e++)
          for (let f = 0; f < c[4]; f++) {
            const idx = w.offset + a * s[0] + b * s[1] + d * s[2] + e * s[3] + f * s[4];
            if (idx < 0 || (idx + 1) * esz > data.length) throw new Error('walk out of bounds');
            out.set(data.subarray(idx * esz, (idx + 1) * esz), at);
            at += esz;
          }
  return out;
}

/** A fold for an op described by `walkOf`, when input k is constant. */
export function foldWalk(k: number, walkOf: (g: Graph, n: Node) => Walk): FoldFn {
  return (g, n) => {
    const x: Tensor | undefined = g.tensors[n.inputs[k]];
    if (!x || !x.data) return null;
    const y = g.tensors[n.outputs[0]];
    if (y.dtype !== x.dtype) return null;
    return [walkBytes(x.data, elementBytes(x.dtype), walkOf(g, n))];
  };
}

/** Integer values of a constant index tensor (int32 or int64), or a one-line refusal. */
export function constIndices(g: Graph, n: Node, k: number, what: string, types = ['int32', 'int64']): number[] {
  const t = g.tensors[n.inputs[k]];
  if (!t || !t.data || !types.includes(t.dtype)) unsupported(g, n, `${what} that is not a constant ${types.join(' or ')} tensor`);
  const v = constValues(t);
  if (!v) unsupported(g, n, `${what} with values beyond 2^53`);
  return v;
}

export function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
