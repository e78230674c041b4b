/**
 * EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS and LESS_EQUAL to a bool output (TFLM
 * comparisons.cc): float32, int32 and int64 compared as stored, bool for EQUAL/NOT_EQUAL, and int8
 * through TFLM's rescaling (ComparisonsPrepare: each input offset by its zero point, shifted left
 * by 8 and scaled by QuantizeMultiplierSmallerThanOneExp(its scale)). TFLM's int16 GREATER reads
 * rescaling parameters its Prepare never sets, so int16 is refused.
 */
import type { Graph, Node, Tensor } from '../graph';
import { quantizeMultiplier } from '../quant';
import { binarySpec } from './checks';
import { MATH_OP, foldBinary, mathBroadcast, mathKernel } from './math_common';
import { OpDef, PrepareFn } from './types';
import { input, output, scale, unsupported, zeroPoint } from './util';

const f32 = Math.fround;
const SUFFIX: Record<string, string> = { float32: 'f32', int32: 's32', int64: 's64', bool: 'b' };

function smallerThanOne(g: Graph, n: Node, t: Tensor, k: number): { multiplier: number; shift: number } {
  const s = f32(scale(t));
  // QuantizeMultiplierSmallerThanOneExp aborts outside (0, 1).
  if (!(s > 0 && s < 1)) unsupported(g, n, `int8 input ${k} scale ${s} (TFLM requires a scale in (0, 1))`);
  return quantizeMultiplier(s);
}

function prepareCompare(op: number, types: string[]): PrepareFn {
  return (g, n) => {
    const a = input(g, n, 0), b = input(g, n, 1), y = output(g, n);
    if (a.dtype !== b.dtype) unsupported(g, n, `${a.dtype} and ${b.dtype} inputs`);
    if (y.dtype !== 'bool') unsupported(g, n, `${y.dtype} output`);
    if (!types.includes(a.dtype)) unsupported(g, n, `${a.dtype} inputs`);
    if (a.dtype === 'int8') {
      for (const t of [a, b]) if (!t.quant) unsupported(g, n, `int8 tensor ${t.index} without quantization`);
      const q1 = smallerThanOne(g, n, a, 1), q2 = smallerThanOne(g, n, b, 2);
      return mathKernel('compare_s8', 'tm_compare_q_params', {
        bc: mathBroadcast(g, n, a, b, y, false), op, left_shift: 8,
        input1_offset: -zeroPoint(a), input1_multiplier: q1.multiplier, input1_shift: q1.shift,
        input2_offset: -zeroPoint(b), input2_multiplier: q2.multiplier, input2_shift: q2.shift,
      });
    }
    return mathKernel(`compare_${SUFFIX[a.dtype]}`, 'tm_binary_params', { bc: mathBroadcast(g, n, a, b, y, true), op });
  };
}

const CMP: Record<string, (x: number, z: number) => boolean> = {
  EQUAL: (x, z) => x === z, NOT_EQUAL: (x, z) => x !== z, GREATER: (x, z) => x > z,
  GREATER_EQUAL: (x, z) => x >= z, LESS: (x, z) => x < z, LESS_EQUAL: (x, z) => x <= z,
};

function compareOp(name: keyof typeof MATH_OP & keyof typeof CMP, withBool: boolean): OpDef {
  const types = ['int8', 'float32', 'int32', 'int64', ...(withBool ? ['bool'] : [])];
  const f = CMP[name];
  return {
    name,
    spec: { ...binarySpec, types, outputTypes: ['bool'] },
    prepare: prepareCompare(MATH_OP[name], types),
    fold: foldBinary(types.filter((t) => t !== 'int8'), (x, z, t) => (t === 'bool' ? f(x ? 1 : 0, z ? 1 : 0) : f(x, z)) ? 1 : 0),
  };
}

export const EQUAL = compareOp('EQUAL', true);
export const NOT_EQUAL = compareOp('NOT_EQUAL', true);
export const GREATER = compareOp('GREATER', false);
export const GREATER_EQUAL = compareOp('GREATER_EQUAL', false);
export const LESS = compareOp('LESS', false);
export const LESS_EQUAL = compareOp('LESS_EQUAL', false);
