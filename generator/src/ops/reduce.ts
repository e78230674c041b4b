/**
 * SUM, REDUCE_MAX, REDUCE_MIN and REDUCE_ALL prepare (TFLM reduce.cc: PrepareMeanOrSumHelper /
 * EvalSumHelper, PrepareMinMaxHelper / EvalMinMaxHelper, PrepareAllHelper / EvalAllHelper), any
 * axes, up to 5-D, int8 and float32 (SUM also int16; REDUCE_ALL: bool only, as in TFLM).
 * Integer SUM is TFLM's QuantizedMeanOrSum with compute_sum: the int32 sums, less zero point *
 * count, requantized with QuantizeMultiplier(input scale / output scale) (not folded with
 * 1/count), so it runs the MEAN int8/int16 kernel. int8 REDUCE_MAX/MIN need the output quantized as the input
 * (TFLM checks scale and zero point are equal at Eval).
 */
import { quantizeMultiplier } from '../quant';
import { Q } from './checks';
import { meanS8ScratchSize, reduceGeometry } from './mean';
import { OpDef, OpSpec, OptionsSpec, PrepareFn, PreparedOp } from './types';
import { input, output, scale, unsupported, zeroPoint } from './util';

const reducerOptions: OptionsSpec = { unionType: 27, fields: [{ name: 'keepDims', slot: 0, kind: 'bool', dflt: 0 }] };
const reducerSpec: OpSpec = { inputs: [2, 2], constInputs: [1], types: Q, macs: (_n, t) => t(0)!.elements };

const prepareSum: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const y = output(g, n);
  const geo = reduceGeometry(g, n);
  if (x.dtype === 'float32') {
    const { count: _count, ...shape } = geo;
    return {
      eval: 'tm_eval_sum_f32', headers: ['tinyml/kernels/reduce.h'], sources: ['src/kernels/reduce_f32.c'],
      paramsType: 'tm_reduce_params', params: shape, scratchBytes: 0,
    };
  }
  if (x.dtype !== 'int8' && x.dtype !== 'int16') return unsupported(g, n, `${x.dtype} input`);
  if (!x.quant || !y.quant) unsupported(g, n, `${x.dtype} tensors without quantization`);
  const q = quantizeMultiplier(scale(x) / scale(y));
  const sx = x.dtype === 'int8' ? 's8' : 's16';
  return {
    eval: `tm_eval_mean_${sx}`, headers: ['tinyml/kernels/mean.h'], sources: [`src/kernels/mean_${sx}.c`],
    paramsType: 'tm_mean_s8_params',
    params: {
      ...geo,
      input_zero_point: zeroPoint(x),
      output_zero_point: zeroPoint(y),
      multiplier: q.multiplier,
      shift: q.shift,
    },
    scratchBytes: meanS8ScratchSize(geo.out_size),
  };
};

function prepareMinMax(kind: 'max' | 'min'): PrepareFn {
  return (g, n): PreparedOp => {
    const x = input(g, n, 0);
    const y = output(g, n);
    const { count: _count, ...shape } = reduceGeometry(g, n);
    const header = 'tinyml/kernels/reduce.h';
    if (x.dtype === 'float32') {
      return {
        eval: `tm_eval_reduce_${kind}_f32`, headers: [header], sources: ['src/kernels/reduce_f32.c'],
        paramsType: 'tm_reduce_params', params: shape, scratchBytes: 0,
      };
    }
    if (x.dtype !== 'int8') return unsupported(g, n, `${x.dtype} input`);
    if (!x.quant || !y.quant) unsupported(g, n, 'int8 tensors without quantization');
    // TFLM compares the two scales as doubles and the zero points exactly.
    if (scale(x) !== scale(y) || zeroPoint(x) !== zeroPoint(y)) {
      unsupported(g, n, `an output quantized differently from its input (scale ${scale(x)} zp ${zeroPoint(x)} -> scale ${scale(y)} zp ${zeroPoint(y)})`);
    }
    return {
      eval: `tm_eval_reduce_${kind}_s8`, headers: [header], sources: ['src/kernels/reduce_s8.c'],
      paramsType: 'tm_reduce_params', params: shape, scratchBytes: 0,
    };
  };
}

const prepareAll: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  if (x.dtype !== 'bool') unsupported(g, n, `${x.dtype} input (TFLM takes bool only)`);
  const { count: _count, ...shape } = reduceGeometry(g, n);
  return {
    eval: 'tm_eval_reduce_all_b8', headers: ['tinyml/kernels/reduce.h'], sources: ['src/kernels/reduce_all_b8.c'],
    paramsType: 'tm_reduce_params', params: shape, scratchBytes: 0,
  };
};

export const SUM: OpDef = { name: 'SUM', options: reducerOptions, spec: { ...reducerSpec, types: [...Q, 'int16'] }, prepare: prepareSum };
export const REDUCE_MAX: OpDef = { name: 'REDUCE_MAX', options: reducerOptions, spec: reducerSpec, prepare: prepareMinMax('max') };
export const REDUCE_ALL: OpDef = {
  name: 'REDUCE_ALL', options: reducerOptions, spec: { ...reducerSpec, types: ['bool'] }, prepare: prepareAll,
};
export const REDUCE_MIN: OpDef = { name: 'REDUCE_MIN', options: reducerOptions, spec: reducerSpec, prepare: prepareMinMax('min') };
