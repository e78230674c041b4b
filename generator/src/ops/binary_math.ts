/**
 * Two-input math and logic with broadcasting: MAXIMUM, MINIMUM, DIV, SQUARED_DIFFERENCE,
 * FLOOR_DIV, FLOOR_MOD, PRELU, LOGICAL_AND and LOGICAL_OR, with the types TFLM's kernels take
 * (maximum_minimum.cc: float32, int8, int16, int32, int64, quantized values compared as stored;
 * div.cc: float32, int32 and int8; squared_difference.cc: float32, int32,
 * int8 and int16; floor_div.cc and floor_mod.cc: float32; prelu.cc: float32, and int8 or int16
 * with an int8 alpha; logical.cc: bool).
 */
import type { Graph, Node } from '../graph';
import {
  ACT_NONE, ACT_RELU, ACT_RELU6, ACT_RELU_N1_TO_1, activationRangeFloat, activationRangeQuantized, quantizeMultiplier,
} from '../quant';
import { activationField, binarySpec } from './checks';
import { MATH_OP, foldBinary, mathBroadcast, mathKernel, sameTypes } from './math_common';
import { CFloat, FoldFn, OpDef, OpSpec, PrepareFn } from './types';
import { wrapInt } from './values';
import { input, output, scale, unsupported, zeroPoint } from './util';

const f32 = Math.fround;
const SUFFIX: Record<string, string> = { float32: 'f32', int8: 's8', int16: 's16', int32: 's32', int64: 's64', bool: 'b' };

function operands(g: Graph, n: Node) {
  const a = input(g, n, 0), b = input(g, n, 1), y = output(g, n);
  sameTypes(g, n, [a, b, y]);
  return { a, b, y };
}

const spec = (types: string[], extra: Partial<OpSpec> = {}): OpSpec => ({ ...binarySpec, types, ...extra });

// MAXIMUM / MINIMUM ---------------------------------------------------------------------------

const MAXMIN_TYPES = ['int8', 'int16', 'float32', 'int32', 'int64'];

function prepareMaxMin(op: number): PrepareFn {
  return (g, n) => {
    const { a, b, y } = operands(g, n);
    if (!MAXMIN_TYPES.includes(a.dtype)) unsupported(g, n, `${a.dtype} inputs`);
    return mathKernel(`maxmin_${SUFFIX[a.dtype]}`, 'tm_binary_params', { bc: mathBroadcast(g, n, a, b, y, false), op });
  };
}

const foldMaxMin = (max: boolean): FoldFn =>
  foldBinary(['float32', 'int32', 'int64'], (x, z) => (max ? (x > z ? x : z) : (x < z ? x : z)));

// LOGICAL_AND / LOGICAL_OR --------------------------------------------------------------------

function prepareLogical(op: number): PrepareFn {
  return (g, n) => {
    const { a, b, y } = operands(g, n);
    if (a.dtype !== 'bool') unsupported(g, n, `${a.dtype} inputs`);
    return mathKernel('logical_b', 'tm_binary_params', { bc: mathBroadcast(g, n, a, b, y, true), op });
  };
}

// DIV -----------------------------------------------------------------------------------------

/** TFLM CalculateActivationRange<int32_t>. */
function activationRangeInt32(act: number): { min: number; max: number } {
  switch (act) {
    case ACT_NONE: return { min: -2147483648, max: 2147483647 };
    case ACT_RELU: return { min: 0, max: 2147483647 };
    case ACT_RELU6: return { min: 0, max: 6 };
    case ACT_RELU_N1_TO_1: return { min: -1, max: 1 };
    default: throw new Error(`fused activation ${act} is not supported`);
  }
}

const prepareDiv: PrepareFn = (g, n) => {
  const { a, b, y } = operands(g, n);
  const act = (n.options.activation as number | undefined) ?? 0;
  const bc = mathBroadcast(g, n, a, b, y, false);
  if (a.dtype === 'float32') {
    const r = activationRangeFloat(act);
    return mathKernel('div_f32', 'tm_div_f32_params', { bc, act_min: new CFloat(r.min), act_max: new CFloat(r.max) });
  }
  if (a.dtype === 'int32') {
    if (a.quant || b.quant) unsupported(g, n, 'quantized int32 inputs (TFLM requires none)');
    const r = activationRangeInt32(act);
    return mathKernel('div_s32', 'tm_div_s32_params', { bc, act_min: r.min, act_max: r.max });
  }
  if (a.dtype !== 'int8') return unsupported(g, n, `${a.dtype} inputs`);
  for (const t of [a, b, y]) if (!t.quant) unsupported(g, n, `int8 tensor ${t.index} without quantization`);
  // CalculateOpDataDiv: the ratio in float, widened to double.
  const q = quantizeMultiplier(f32(f32(scale(a)) / f32(f32(scale(b)) * f32(scale(y)))));
  const r = activationRangeQuantized(act, scale(y), zeroPoint(y));
  return mathKernel('div_s8', 'tm_div_s8_params', {
    bc,
    input1_offset: -zeroPoint(a), input2_offset: -zeroPoint(b), output_offset: zeroPoint(y),
    output_multiplier: q.multiplier, output_shift: q.shift, act_min: r.min, act_max: r.max,
  });
};

const foldDiv: FoldFn = (g, n) => {
  const act = (n.options.activation as number | undefined) ?? 0;
  const rf = activationRangeFloat(act), ri = activationRangeInt32(act);
  return foldBinary(['float32', 'int32'], (x, z, t) => {
    if (t === 'float32') return Math.min(Math.max(f32(x / z), rf.min), rf.max);
    if (z === 0 || (z === -1 && x === -2147483648)) return null;
    return Math.min(Math.max(Math.trunc(x / z), ri.min), ri.max);
  })(g, n);
};

// SQUARED_DIFFERENCE --------------------------------------------------------------------------

const prepareSquaredDifference: PrepareFn = (g, n) => {
  const { a, b, y } = operands(g, n);
  const bc = mathBroadcast(g, n, a, b, y, true);
  if (a.dtype === 'float32' || a.dtype === 'int32') {
    return mathKernel(`squared_difference_${SUFFIX[a.dtype]}`, 'tm_binary_params', { bc, op: 0 });
  }
  if (a.dtype !== 'int8' && a.dtype !== 'int16') return unsupported(g, n, `${a.dtype} inputs`);
  const int8 = a.dtype === 'int8';
  if (!int8 && [a, b, y].some((t) => zeroPoint(t) !== 0)) unsupported(g, n, 'int16 zero points other than 0 (TFLM requires 0)');
  const leftShift = int8 ? 7 : 0;
  // PrepareQuantized: double arithmetic from the float scales.
  const s1 = f32(scale(a)), s2 = f32(scale(b)), so = f32(scale(y));
  const twiceMax = 2 * Math.max(s1, s2);
  const r1 = s1 / twiceMax, r2 = s2 / twiceMax;
  const ro = (twiceMax * twiceMax) / f32((1 << (leftShift * 2)) * so);
  for (const r of [r1, r2]) if (!(r > 0 && r < 1)) unsupported(g, n, `input scale ratio ${r}`);
  const q1 = quantizeMultiplier(r1), q2 = quantizeMultiplier(r2), qo = quantizeMultiplier(ro);
  return mathKernel(`squared_difference_${SUFFIX[a.dtype]}`, 'tm_squared_difference_q_params', {
    bc,
    input1_offset: -zeroPoint(a), input2_offset: -zeroPoint(b), output_offset: zeroPoint(y),
    left_shift: leftShift,
    input1_multiplier: q1.multiplier, input1_shift: q1.shift,
    input2_multiplier: q2.multiplier, input2_shift: q2.shift,
    output_multiplier: qo.multiplier, output_shift: qo.shift,
    act_min: int8 ? -128 : -32768, act_max: int8 ? 127 : 32767,
  });
};

const foldSquaredDifference = foldBinary(['float32', 'int32'], (x, z, t) => {
  if (t === 'float32') {
    const d = f32(x - z);
    return f32(d * d);
  }
  const d = wrapInt('int32', x - z);
  return Math.imul(d, d);
});

// FLOOR_DIV / FLOOR_MOD -----------------------------------------------------------------------

const prepareFloorDiv: PrepareFn = (g, n) => {
  const { a, b, y } = operands(g, n);
  if (a.dtype !== 'float32') unsupported(g, n, `${a.dtype} inputs`);
  return mathKernel('floor_div_f32', 'tm_floor_div_params', { bc: mathBroadcast(g, n, a, b, y, true), divisor_size: b.elements });
};

const prepareFloorMod: PrepareFn = (g, n) => {
  const { a, b, y } = operands(g, n);
  if (a.dtype !== 'float32') unsupported(g, n, `${a.dtype} inputs`);
  return mathKernel('floor_mod_f32', 'tm_binary_params', { bc: mathBroadcast(g, n, a, b, y, true), op: 0 });
};

const foldFloorDiv = foldBinary(['float32'], (x, z) => (z === 0 ? null : f32(Math.floor(x / z))));
const foldFloorMod = foldBinary(['float32'], (x, z) => {
  const m = x % z; // fmod of two floats is exact
  return m !== 0 && (z < 0) !== (m < 0) ? f32(m + z) : m;
});

// PRELU ---------------------------------------------------------------------------------------

const preparePrelu: PrepareFn = (g, n) => {
  const x = input(g, n, 0), alpha = input(g, n, 1), y = output(g, n);
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  if (Math.max(x.shape.length, alpha.shape.length, y.shape.length) > 4) unsupported(g, n, 'more than 4 dimensions (TFLM PRELU is 4-D)');
  const bc = mathBroadcast(g, n, x, alpha, y, true);
  if (x.dtype === 'float32') {
    if (alpha.dtype !== 'float32') unsupported(g, n, `${alpha.dtype} alpha`);
    return mathKernel('prelu_f32', 'tm_binary_params', { bc, op: 0 });
  }
  // TFLM: int8 input with int8 alpha, or int16 input with int8 alpha (PreluPrepare checks the latter).
  if ((x.dtype !== 'int8' && x.dtype !== 'int16') || alpha.dtype !== 'int8') return unsupported(g, n, `${x.dtype} input with ${alpha.dtype} alpha`);
  for (const t of [x, alpha, y]) if (!t.quant) unsupported(g, n, `${t.dtype} tensor ${t.index} without quantization`);
  // CalculatePreluParams: double ratios of the float scales.
  const si = f32(scale(x)), sa = f32(scale(alpha)), so = f32(scale(y));
  const q1 = quantizeMultiplier(si / so), q2 = quantizeMultiplier((si * sa) / so);
  return mathKernel(x.dtype === 'int8' ? 'prelu_s8' : 'prelu_s16', 'tm_prelu_q_params', {
    bc,
    input_offset: -zeroPoint(x), alpha_offset: -zeroPoint(alpha), output_offset: zeroPoint(y),
    output_multiplier_1: q1.multiplier, output_shift_1: q1.shift,
    output_multiplier_2: q2.multiplier, output_shift_2: q2.shift,
  });
};

const foldPrelu = foldBinary(['float32'], (x, z) => (x >= 0 ? x : f32(x * z)));

// ---------------------------------------------------------------------------------------------

export const MAXIMUM: OpDef = { name: 'MAXIMUM', spec: spec(MAXMIN_TYPES), prepare: prepareMaxMin(MATH_OP.MAXIMUM), fold: foldMaxMin(true) };
export const MINIMUM: OpDef = { name: 'MINIMUM', spec: spec(MAXMIN_TYPES), prepare: prepareMaxMin(MATH_OP.MINIMUM), fold: foldMaxMin(false) };
export const LOGICAL_AND: OpDef = {
  name: 'LOGICAL_AND', spec: spec(['bool']), prepare: prepareLogical(MATH_OP.LOGICAL_AND),
  fold: foldBinary(['bool'], (x, z) => (x && z ? 1 : 0)),
};
export const LOGICAL_OR: OpDef = {
  name: 'LOGICAL_OR', spec: spec(['bool']), prepare: prepareLogical(MATH_OP.LOGICAL_OR),
  fold: foldBinary(['bool'], (x, z) => (x || z ? 1 : 0)),
};
export const DIV: OpDef = {
  name: 'DIV', options: { unionType: 29, fields: [activationField(0)] },
  spec: spec(['int8', 'float32', 'int32']), prepare: prepareDiv, fold: foldDiv,
};
export const SQUARED_DIFFERENCE: OpDef = {
  name: 'SQUARED_DIFFERENCE', spec: spec(['int8', 'int16', 'float32', 'int32']), prepare: prepareSquaredDifference, fold: foldSquaredDifference,
};
export const FLOOR_DIV: OpDef = { name: 'FLOOR_DIV', spec: spec(['float32']), prepare: prepareFloorDiv, fold: foldFloorDiv };
export const FLOOR_MOD: OpDef = { name: 'FLOOR_MOD', spec: spec(['float32']), prepare: prepareFloorMod, fold: foldFloorMod };
export const PRELU: OpDef = {
  name: 'PRELU', spec: spec(['int8', 'int16', 'float32'], { quantInputs: [1] }), prepare: preparePrelu, fold: foldPrelu,
};
