/** SOFTMAX prepare (TFLM SoftmaxPrepare / CalculateSoftmaxParams). */
import { quantizeMultiplier } from '../quant';
import { Q, shp } from './checks';
import { CFloat, OpDef, PrepareFn, PreparedOp } from './types';
import { input, output, scale, unsupported, zeroPoint } from './util';

const SCALED_DIFF_INTEGER_BITS = 5;

/**
 * TFLM PreprocessSoftmaxScaling (double-rounding build) and CalculateInputRadius: the Q31
 * multiplier and left shift for beta * input_scale in Q5.26, and the smallest difference from the
 * row maximum that still contributes.
 */
export function softmaxInt8Params(beta: number, inputScale: number): { multiplier: number; leftShift: number; diffMin: number } | string {
  const real = Math.min(beta * inputScale * 2 ** (31 - SCALED_DIFF_INTEGER_BITS), 2 ** 31 - 1);
  if (!(real > 1)) return `beta * input scale = ${beta * inputScale} (TFLM needs beta * input_scale * 2^26 > 1)`;
  const { multiplier, shift } = quantizeMultiplier(real);
  if (shift < 0 || shift > 31) return `input multiplier shift ${shift}`;
  const radius = Math.floor(((2 ** SCALED_DIFF_INTEGER_BITS - 1) * 2 ** (31 - SCALED_DIFF_INTEGER_BITS)) / 2 ** shift);
  return { multiplier, leftShift: shift, diffMin: -radius };
}

const prepareSoftmax: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const y = output(g, n);
  if (x.shape.length < 1) unsupported(g, n, 'a scalar input');
  const depth = x.shape[x.shape.length - 1];
  if (!(depth > 0) || x.elements !== y.elements) unsupported(g, n, `input [${x.shape.join(',')}] -> output [${y.shape.join(',')}]`);
  const outerSize = x.elements / depth;
  const beta = n.options.beta as number;
  const header = 'tinyml/kernels/softmax.h';
  if (x.dtype === 'int8') {
    if (y.dtype !== 'int8') unsupported(g, n, `${y.dtype} output with int8 input`);
    if (zeroPoint(y) !== -128 || scale(y) !== 1 / 256) {
      unsupported(g, n, `an int8 output with scale ${scale(y)} and zero point ${zeroPoint(y)} (TFLM requires 1/256 and -128)`);
    }
    const p = softmaxInt8Params(beta, scale(x));
    if (typeof p === 'string') return unsupported(g, n, p);
    return {
      eval: 'tm_eval_softmax_s8',
      headers: [header],
      sources: ['src/kernels/softmax_s8.c'],
      paramsType: 'tm_softmax_s8_params',
      params: {
        outer_size: outerSize, depth,
        input_multiplier: p.multiplier, input_left_shift: p.leftShift, diff_min: p.diffMin,
      },
      scratchBytes: 0,
    };
  }
  if (x.dtype === 'float32') {
    if (y.dtype !== 'float32') unsupported(g, n, `${y.dtype} output with float32 input`);
    return {
      eval: 'tm_eval_softmax_f32',
      headers: [header],
      sources: ['src/kernels/softmax_f32.c'],
      paramsType: 'tm_softmax_f32_params',
      params: { outer_size: outerSize, depth, beta: new CFloat(beta) },
      scratchBytes: 0,
    };
  }
  return unsupported(g, n, `${x.dtype} input`);
};

export const SOFTMAX: OpDef = {
  name: 'SOFTMAX',
  options: { unionType: 9, fields: [{ name: 'beta', slot: 0, kind: 'f32', dflt: 0 }] },
  spec: {
    inputs: [1, 1],
    types: Q,
    check: (_n, t, out) => (t(0)!.elements === out.elements ? null : `input ${shp(t(0))} and output ${shp(out)} differ`),
    macs: (_n, _t, out) => out.elements,
  },
  prepare: prepareSoftmax,
};
