/**
 * CUMSUM prepare (TFLM cumsum.cc CalculateOpData): int8 or float32, input and output of one type
 * and shape, rank >= 1, a one-element int32 axis (constant here; negative counts from the end),
 * exclusive and reverse. int8: input offset, output offset, left shift 20, the input multiplier
 * of 0.5 and the output multiplier 2 * input scale / (2^20 * output scale), both through
 * QuantizeMultiplierSmallerThanOneExp (TFLM aborts on a multiplier of 1 or more; refused here).
 */
import { quantizeMultiplier } from '../quant';
import { Q, shp } from './checks';
import { OpDef, PrepareFn, PreparedOp } from './types';
import { input, int32Data, output, product, scale, unsupported, zeroPoint } from './util';

const LEFT_SHIFT = 20;

const prepareCumsum: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const axisT = input(g, n, 1);
  const y = output(g, n);
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  if (y.shape.length !== x.shape.length || y.shape.some((d, i) => d !== x.shape[i])) unsupported(g, n, `output ${shp(y)} for input ${shp(x)}`);
  if (axisT.dtype !== 'int32' || axisT.elements !== 1 || !axisT.data) unsupported(g, n, 'an axis that is not one constant int32');
  const rank = x.shape.length;
  if (rank < 1) unsupported(g, n, 'a scalar input');
  let axis = int32Data(axisT)[0];
  if (axis < 0) axis += rank;
  if (!(axis >= 0 && axis < rank)) unsupported(g, n, `axis ${int32Data(axisT)[0]} for rank ${rank}`);
  if (x.elements === 0) unsupported(g, n, 'an empty input');
  const geo = {
    before: product(x.shape.slice(0, axis)), depth: x.shape[axis], after: product(x.shape.slice(axis + 1)),
    exclusive: n.options.exclusive ? 1 : 0, reverse: n.options.reverse ? 1 : 0,
  };
  const header = 'tinyml/kernels/cumsum.h';
  if (x.dtype === 'float32') {
    return {
      eval: 'tm_eval_cumsum_f32', headers: [header], sources: ['src/kernels/cumsum_f32.c'],
      paramsType: 'tm_cumsum_params',
      params: { ...geo, input_offset: 0, output_offset: 0, left_shift: 0, input_multiplier: 0, input_shift: 0, output_multiplier: 0, output_shift: 0 },
      scratchBytes: 0,
    };
  }
  if (x.dtype !== 'int8') return unsupported(g, n, `${x.dtype} input`);
  if (!x.quant || !y.quant) unsupported(g, n, 'int8 tensors without quantization');
  const twiceMax = 2 * scale(x);
  const realIn = scale(x) / twiceMax;
  const realOut = twiceMax / ((1 << LEFT_SHIFT) * scale(y));
  if (!(realIn > 0 && realIn < 1 && realOut > 0 && realOut < 1)) unsupported(g, n, `input scale ${scale(x)} with output scale ${scale(y)} (TFLM needs multipliers below 1)`);
  const qi = quantizeMultiplier(realIn), qo = quantizeMultiplier(realOut);
  return {
    eval: 'tm_eval_cumsum_s8', headers: [header], sources: ['src/kernels/cumsum_s8.c'],
    paramsType: 'tm_cumsum_params',
    params: {
      ...geo,
      input_offset: -zeroPoint(x), output_offset: zeroPoint(y), left_shift: LEFT_SHIFT,
      input_multiplier: qi.multiplier, input_shift: qi.shift, output_multiplier: qo.multiplier, output_shift: qo.shift,
    },
    scratchBytes: 0,
  };
};

export const CUMSUM: OpDef = {
  name: 'CUMSUM',
  options: {
    unionType: 102,
    fields: [
      { name: 'exclusive', slot: 0, kind: 'bool', dflt: 0 },
      { name: 'reverse', slot: 1, kind: 'bool', dflt: 0 },
    ],
  },
  spec: { inputs: [2, 2], constInputs: [1], types: Q, macs: (_n, t) => t(0)!.elements },
  prepare: prepareCumsum,
};
