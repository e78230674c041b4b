/**
 * Element-wise activations: RELU, RELU6, LOGISTIC, TANH, LEAKY_RELU, HARD_SWISH (int8, float32).
 * Each int8 prepare reproduces its TFLM Prepare (activations_common.cc, logistic_common.cc,
 * tanh.cc, leaky_relu_common.cc, hard_swish_common.cc), with float32 steps emulated by Math.fround.
 */
import type { Graph, Node, Tensor } from '../graph';
import { frexp, quantizeMultiplier, quantizeValue, roundHalfAway } from '../quant';
import { unarySpec } from './checks';
import { CFloat, CStruct, OpDef, PrepareFn, PreparedOp } from './types';
import { input, output, scale, unsupported, zeroPoint } from './util';

const HEADER = 'tinyml/kernels/activations.h';
const f32 = Math.fround;

function elementwise(g: Graph, n: Node): { x: Tensor; y: Tensor } {
  const x = input(g, n, 0);
  const y = output(g, n);
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  if (x.elements !== y.elements) unsupported(g, n, `input of ${x.elements} and output of ${y.elements} elements`);
  if (x.dtype === 'int8') {
    for (const t of [x, y]) {
      if (!t.quant || t.quant.scale.length !== 1) unsupported(g, n, 'per-channel quantized activations');
    }
  } else if (x.dtype !== 'float32') {
    unsupported(g, n, `${x.dtype} input`);
  }
  return { x, y };
}

function kernel(name: string, type: 's8' | 'f32', paramsType: string, params: CStruct): PreparedOp {
  return {
    eval: `tm_eval_${name}_${type}`,
    headers: [HEADER],
    sources: [`src/kernels/${name}_${type}.c`],
    paramsType,
    params,
    scratchBytes: 0,
    inPlaceInput: 0,
  };
}

function floatKernel(name: string, size: number): PreparedOp {
  return kernel(name, 'f32', 'tm_activation_f32_params', { size });
}

const prepareRelu: PrepareFn = (g, n): PreparedOp => {
  const { x, y } = elementwise(g, n);
  if (x.dtype === 'float32') return floatKernel('relu', x.elements);
  // CalculateReluOpData<int8_t>: act_min = max(-128, zp_out + round(0 / scale_out)), act_max = 127.
  const q = quantizeMultiplier(scale(x) / scale(y));
  return kernel('relu', 's8', 'tm_relu_s8_params', {
    size: x.elements,
    input_offset: zeroPoint(x),
    output_offset: zeroPoint(y),
    multiplier: q.multiplier,
    shift: q.shift,
    act_min: Math.max(-128, zeroPoint(y) + Math.trunc(roundHalfAway(f32(0 / scale(y))))),
    act_max: 127,
  });
};

const prepareRelu6: PrepareFn = (g, n): PreparedOp => {
  const { x } = elementwise(g, n);
  if (x.dtype === 'float32') return floatKernel('relu6', x.elements);
  // Relu6Prepare: zero = input zero point, six = FloatToQuantizedType<int8_t>(6, input scale, input zero point).
  // TFLM clamps in the input's quantization and ignores the output's.
  const clamp8 = (v: number) => Math.min(127, Math.max(-128, v));
  return kernel('relu6', 's8', 'tm_relu6_s8_params', {
    size: x.elements,
    lower: zeroPoint(x),
    upper: clamp8(quantizeValue(6, scale(x), zeroPoint(x))),
  });
};

/** LOGISTIC/TANH int8 input scaling: Q4.27 multiplier from frexp, and CalculateInputRadius(4, shift, 31). */
function q4InputParams(g: Graph, n: Node, x: Tensor): CStruct {
  const kInputIntegerBits = 4;
  const real = scale(x) * 2 ** (31 - kInputIntegerBits);
  const { m, e } = frexp(real);
  const multiplier = roundHalfAway(m * 2 ** 31);
  if (multiplier >= 2 ** 31 || e < 0 || e > 62) unsupported(g, n, `input scale ${scale(x)}`);
  const radius = Math.floor((((1 << kInputIntegerBits) - 1) * 2 ** (31 - kInputIntegerBits)) / 2 ** e);
  return {
    size: x.elements,
    input_zero_point: zeroPoint(x),
    input_range_radius: Math.min(radius, 2147483647),
    input_multiplier: multiplier,
    input_left_shift: e,
  };
}

const prepareLogistic: PrepareFn = (g, n): PreparedOp => {
  const { x, y } = elementwise(g, n);
  if (x.dtype === 'float32') return floatKernel('logistic', x.elements);
  if (zeroPoint(y) !== -128) unsupported(g, n, `int8 output zero point ${zeroPoint(y)} (TFLM requires -128)`);
  return kernel('logistic', 's8', 'tm_logistic_s8_params', q4InputParams(g, n, x));
};

const prepareTanh: PrepareFn = (g, n): PreparedOp => {
  const { x } = elementwise(g, n);
  if (x.dtype === 'float32') return floatKernel('tanh', x.elements);
  return kernel('tanh', 's8', 'tm_tanh_s8_params', q4InputParams(g, n, x));
};

const prepareLeakyRelu: PrepareFn = (g, n): PreparedOp => {
  const { x, y } = elementwise(g, n);
  const alpha = f32((n.options.alpha as number | undefined) ?? 0);
  if (x.dtype === 'float32') {
    return kernel('leaky_relu', 'f32', 'tm_leaky_relu_f32_params', { size: x.elements, alpha: new CFloat(alpha) });
  }
  // CalculateOpDataLeakyRelu: both ratios are computed in float, then widened to double.
  const qa = quantizeMultiplier(f32(f32(f32(scale(x)) * alpha) / f32(scale(y))));
  const qi = quantizeMultiplier(f32(f32(scale(x)) / f32(scale(y))));
  if (qa.multiplier === -2147483648) unsupported(g, n, `alpha ${alpha}`);
  return kernel('leaky_relu', 's8', 'tm_leaky_relu_s8_params', {
    size: x.elements,
    input_zero_point: zeroPoint(x),
    output_zero_point: zeroPoint(y),
    multiplier_identity: qi.multiplier,
    shift_identity: qi.shift,
    multiplier_alpha: qa.multiplier,
    shift_alpha: qa.shift,
  });
};

/** TFLM DownScaleInt32ToInt16Multiplier. */
function downScaleToInt16(m: number): number {
  const kRoundingOffset = 1 << 15;
  if (m >= 2147483647 - kRoundingOffset) return 32767;
  return Math.floor((m + kRoundingOffset) / 65536);
}

const prepareHardSwish: PrepareFn = (g, n): PreparedOp => {
  const { x, y } = elementwise(g, n);
  if (x.dtype === 'float32') return floatKernel('hard_swish', x.elements);
  // HardSwishPrepare: every scale ratio in float, widened to double for QuantizeMultiplier.
  const hiresInputScale = f32(f32(1 / 128) * f32(scale(x)));
  const reluishScale = f32(3 / 32768);
  const out = quantizeMultiplier(f32(hiresInputScale / f32(scale(y))));
  if (out.shift > 0) unsupported(g, n, `int8 HARD_SWISH with output/input scale ratio ${scale(y) / scale(x)} (TFLM requires a non-positive output exponent)`);
  const reluish = quantizeMultiplier(f32(hiresInputScale / reluishScale));
  return kernel('hard_swish', 's8', 'tm_hard_swish_s8_params', {
    size: x.elements,
    input_zero_point: zeroPoint(x),
    output_zero_point: zeroPoint(y),
    output_multiplier_fixedpoint_int16: downScaleToInt16(out.multiplier),
    output_multiplier_exponent: out.shift,
    reluish_multiplier_fixedpoint_int16: downScaleToInt16(reluish.multiplier),
    reluish_multiplier_exponent: reluish.shift,
  });
};

export const RELU: OpDef = { name: 'RELU', spec: unarySpec(), prepare: prepareRelu };
export const RELU6: OpDef = { name: 'RELU6', spec: unarySpec(), prepare: prepareRelu6 };
export const LOGISTIC: OpDef = { name: 'LOGISTIC', spec: unarySpec(), prepare: prepareLogistic };
export const TANH: OpDef = { name: 'TANH', spec: unarySpec(), prepare: prepareTanh };
export const LEAKY_RELU: OpDef = {
  name: 'LEAKY_RELU',
  options: { unionType: 75, fields: [{ name: 'alpha', slot: 0, kind: 'f32', dflt: 0 }] },
  spec: unarySpec(),
  prepare: prepareLeakyRelu,
};
export const HARD_SWISH: OpDef = { name: 'HARD_SWISH', spec: unarySpec(), prepare: prepareHardSwish };
