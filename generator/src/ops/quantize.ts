/**
 * QUANTIZE and DEQUANTIZE prepare (TFLM PrepareQuantizeReference / DequantizePrepare, ahead of time).
 *   float32 -> int8: AffineQuantize with the output scale and zero point.
 *   int8/uint8 -> int8/uint8: Requantize with QuantizeMultiplier(double(in scale) / double(out scale)).
 *   int8 -> float32: Dequantize with the input scale and zero point.
 */
import { quantizeMultiplier } from '../quant';
import { unarySpec } from './checks';
import { CFloat, OpDef, PrepareFn, PreparedOp } from './types';
import { input, output, scale, unsupported, zeroPoint } from './util';

const HEADER = 'tinyml/kernels/quantize.h';

const prepareQuantize: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const y = output(g, n);
  if (!y.quant || y.quant.scale.length !== 1) unsupported(g, n, 'QUANTIZE to a per-channel quantized output');
  if (x.elements !== y.elements) unsupported(g, n, `input of ${x.elements} and output of ${y.elements} elements`);
  if (x.dtype === 'float32') {
    if (y.dtype !== 'int8') unsupported(g, n, `float32 -> ${y.dtype} quantization`);
    return {
      eval: 'tm_eval_quantize_f32_s8',
      headers: [HEADER],
      sources: ['src/kernels/quantize_f32_s8.c'],
      paramsType: 'tm_quantize_f32_s8_params',
      params: { size: x.elements, scale: new CFloat(scale(y)), zero_point: zeroPoint(y) },
      scratchBytes: 0,
    };
  }
  const short: Record<string, string> = { int8: 's8', uint8: 'u8' };
  const pair = `${short[x.dtype] ?? '?'}_${short[y.dtype] ?? '?'}`;
  if (!['s8_s8', 'u8_s8', 's8_u8'].includes(pair)) unsupported(g, n, `${x.dtype} -> ${y.dtype} requantization`);
  if (!x.quant) unsupported(g, n, `${x.dtype} input without quantization parameters`);
  const q = quantizeMultiplier(scale(x) / scale(y));
  return {
    eval: `tm_eval_quantize_${pair}`,
    headers: [HEADER],
    sources: [`src/kernels/quantize_${pair}.c`],
    paramsType: 'tm_requantize_params',
    params: {
      size: x.elements,
      input_zero_point: zeroPoint(x),
      output_zero_point: zeroPoint(y),
      multiplier: q.multiplier,
      shift: q.shift,
    },
    scratchBytes: 0,
    inPlaceInput: 0,
  };
};

const prepareDequantize: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const y = output(g, n);
  if (x.dtype !== 'int8' || y.dtype !== 'float32') unsupported(g, n, `${x.dtype} -> ${y.dtype} dequantization`);
  if (!x.quant || x.quant.scale.length !== 1) unsupported(g, n, 'DEQUANTIZE of a per-channel quantized tensor');
  if (x.elements !== y.elements) unsupported(g, n, `input of ${x.elements} and output of ${y.elements} elements`);
  return {
    eval: 'tm_eval_dequantize_s8_f32',
    headers: [HEADER],
    sources: ['src/kernels/dequantize_s8_f32.c'],
    paramsType: 'tm_dequantize_s8_f32_params',
    params: { size: x.elements, scale: new CFloat(scale(x)), zero_point: zeroPoint(x) },
    scratchBytes: 0,
  };
};

export const QUANTIZE: OpDef = {
  name: 'QUANTIZE', spec: unarySpec(['float32', 'int8', 'int16', 'uint8'], { outputTypes: 'any' }), prepare: prepareQuantize,
};
export const DEQUANTIZE: OpDef = {
  name: 'DEQUANTIZE', spec: unarySpec(['int8', 'int16', 'uint8'], { outputTypes: 'any' }), prepare: prepareDequantize,
};
