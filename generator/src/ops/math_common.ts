/**
 * What the element-wise math and logic modules (unary_math.ts, binary_math.ts, comparisons.ts)
 * share: their C header, the broadcast walk with TFLM's 4-D limit for the ops whose TFLM kernel
 * broadcasts through a 4-D NdArrayDesc, and the constant folding of one- and two-input ops.
 */
import type { Graph, Node, Tensor } from '../graph';
import { broadcastParams } from './elementwise';
import { CStruct, FoldFn, PreparedOp } from './types';
import { constValues, fieldNumbers, valuesBytes } from './values';
import { unsupported } from './util';

export const MATH_HEADER = 'tinyml/kernels/math.h';

/** The tm_math_op codes of micro-runtime/include/tinyml/kernels/math.h. */
export const MATH_OP = {
  MAXIMUM: 0, MINIMUM: 1, LOGICAL_AND: 2, LOGICAL_OR: 3, EQUAL: 4, NOT_EQUAL: 5, GREATER: 6,
  GREATER_EQUAL: 7, LESS: 8, LESS_EQUAL: 9,
} as const;

/** A kernel of this family: eval tm_eval_<kernel>, source src/kernels/<kernel>.c. */
export function mathKernel(kernel: string, paramsType: string, params: CStruct, inPlace = false): PreparedOp {
  return {
    eval: `tm_eval_${kernel}`,
    headers: [MATH_HEADER],
    sources: [`src/kernels/${kernel}.c`],
    paramsType,
    params,
    scratchBytes: 0,
    ...(inPlace ? { inPlaceInput: 0 } : {}),
  };
}

/**
 * The broadcast walk of a two-input op. `max4d`: TFLM's kernel broadcasts through a 4-D
 * NdArrayDesc (BroadcastBinaryFunction4DSlow and friends), so broadcasting beyond 4-D is refused;
 * same-shape inputs of any rank are one flat loop there as here.
 */
export function mathBroadcast(g: Graph, n: Node, a: Tensor, b: Tensor, y: Tensor, max4d: boolean): CStruct {
  const same = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
  if (max4d && !same && Math.max(a.shape.length, b.shape.length, y.shape.length) > 4) {
    unsupported(g, n, `broadcasting beyond 4-D (TFLM's kernel is 4-D)`);
  }
  return broadcastParams(g, n, a, b, y);
}

/** The same-type check of a two-input op (TFLM TF_LITE_ENSURE_TYPES_EQ). */
export function sameTypes(g: Graph, n: Node, ts: Tensor[]): void {
  if (ts.some((t) => t.dtype !== ts[0].dtype)) unsupported(g, n, `mixed input/output types (${ts.map((t) => t.dtype).join(', ')})`);
}

/** Folds a one-input op whose input has one of `types`: out[i] = f(in[i]) (null: not folded). */
export function foldUnary(types: string[], f: (x: number, dtype: string) => number | null): FoldFn {
  return (g, n) => {
    const x = g.tensors[n.inputs[0]], y = g.tensors[n.outputs[0]];
    if (!x || !y || !types.includes(x.dtype) || x.quant || y.quant) return null;
    const v = constValues(x);
    if (!v) return null;
    const out: number[] = [];
    for (const e of v) {
      const r = f(e, x.dtype);
      if (r === null) return null;
      out.push(r);
    }
    const bytes = valuesBytes(y.dtype, out);
    return bytes ? [bytes] : null;
  };
}

/**
 * Folds a two-input op over the broadcast walk the kernel uses: out = f(a, b) per output element,
 * for inputs of one of `types` without quantization (null from f: not folded).
 */
export function foldBinary(types: string[], f: (a: number, b: number, dtype: string) => number | null): FoldFn {
  return (g, n) => {
    const a = g.tensors[n.inputs[0]], b = g.tensors[n.inputs[1]], y = g.tensors[n.outputs[0]];
    if (!a || !b || !y || a.dtype !== b.dtype || !types.includes(a.dtype) || a.quant || b.quant || y.quant) return null;
    const va = constValues(a), vb = constValues(b);
    if (!va || !vb) return null;
    const bc = broadcastParams(g, n, a, b, y);
    const dims = fieldNumbers(bc.dims), s1 = fieldNumbers(bc.strides1), s2 = fieldNumbers(bc.strides2);
    const out: number[] = [];
    for (let i0 = 0; i0 < dims[0]; i0++)
      for (let i1 = 0; i1 < dims[1]; i1++)
        for (let i2 = 0; i2 < dims[2]; i2++)
          for (let i3 = 0; i3 < dims[3]; i3++)
            for (let i4 = 0; i4 < dims[4]; i4++) {
              const x = bc.broadcast ? va[i0 * s1[0] + i1 * s1[1] + i2 * s1[2] + i3 * s1[3] + i4 * s1[4]] : va[out.length];
              const z = bc.broadcast ? vb[i0 * s2[0] + i1 * s2[1] + i2 * s2[2] + i3 * s2[3] + i4 * s2[4]] : vb[out.length];
              const r = f(x, z, a.dtype);
              if (r === null) return null;
              out.push(r);
            }
    const bytes = valuesBytes(y.dtype, out);
    return bytes ? [bytes] : null;
  };
}
