/**
 * LOG_SOFTMAX prepare (TFLM log_softmax.cc CalculateOpData): int8 or float32, input and output of
 * one type and shape, over the last dim. int8: the output must have scale 16/256 and zero point
 * 127 (TFLM checks both); PreprocessLogSoftmaxScalingExp with beta 1 (the softmax input
 * multiplier and left shift, then the reverse scaling divisor through
 * QuantizeMultiplierSmallerThanOneExp) and diff_min from CalculateInputRadius.
 */
import { quantizeMultiplier } from '../quant';
import { Q, shp } from './checks';
import { softmaxInt8Params } from './softmax';
import { OpDef, PrepareFn, PreparedOp } from './types';
import { input, output, scale, unsupported, zeroPoint } from './util';

const prepareLogSoftmax: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const y = output(g, n);
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  if (y.shape.length !== x.shape.length || y.shape.some((d, i) => d !== x.shape[i])) unsupported(g, n, `output ${shp(y)} for input ${shp(x)}`);
  if (x.shape.length < 1) unsupported(g, n, 'a scalar input');
  const depth = x.shape[x.shape.length - 1];
  if (!(depth > 0) || x.elements === 0) unsupported(g, n, 'an empty input');
  const geo = { outer_size: x.elements / depth, depth };
  const header = 'tinyml/kernels/log_softmax.h';
  if (x.dtype === 'float32') {
    return {
      eval: 'tm_eval_log_softmax_f32', headers: [header], sources: ['src/kernels/log_softmax_f32.c'],
      paramsType: 'tm_log_softmax_params',
      params: { ...geo, input_multiplier: 0, input_left_shift: 0, reverse_scaling_divisor: 0, reverse_scaling_right_shift: 0, diff_min: 0 },
      scratchBytes: 0,
    };
  }
  if (x.dtype !== 'int8') return unsupported(g, n, `${x.dtype} input`);
  if (!x.quant || !y.quant) unsupported(g, n, 'int8 tensors without quantization');
  if (scale(y) !== Math.fround(16 / 256) || zeroPoint(y) !== 127) {
    unsupported(g, n, `an int8 output with scale ${scale(y)} and zero point ${zeroPoint(y)} (TFLM requires 16/256 and 127)`);
  }
  const s = softmaxInt8Params(1.0, scale(x));
  if (typeof s === 'string') return unsupported(g, n, s);
  const reverse = quantizeMultiplier(2 ** (31 - s.leftShift) / s.multiplier);
  if (reverse.shift > 0) unsupported(g, n, `input scale ${scale(x)} (reverse scaling divisor of 1 or more)`);
  return {
    eval: 'tm_eval_log_softmax_s8', headers: [header], sources: ['src/kernels/log_softmax_s8.c'],
    paramsType: 'tm_log_softmax_params',
    params: {
      ...geo,
      input_multiplier: s.multiplier, input_left_shift: s.leftShift,
      reverse_scaling_divisor: reverse.multiplier, reverse_scaling_right_shift: -reverse.shift,
      diff_min: s.diffMin,
    },
    scratchBytes: 0,
  };
};

export const LOG_SOFTMAX: OpDef = {
  name: 'LOG_SOFTMAX',
  spec: { inputs: [1, 1], types: Q, macs: (_n, _t, out) => out.elements },
  prepare: prepareLogSoftmax,
};
