/**
 * One-input math and logic: ABS, NEG, SQUARE, SQRT, RSQRT, EXP, LOG, SIN, COS, FLOOR, CEIL, ROUND,
 * ELU and LOGICAL_NOT, with the types TFLM's kernels take (elementwise.cc, neg.cc, exp.cc,
 * floor.cc, ceil.cc, round.cc, elu.cc): float32 for all math (the C library's float functions,
 * as TFLM's std:: calls on float resolve to), int8 and int16 ABS, int8 RSQRT, int8 ELU (TFLM's
 * lookup table), bool LOGICAL_NOT.
 */
import type { Graph, Node, Tensor } from '../graph';
import { quantizeMultiplier, roundHalfAway } from '../quant';
import { unarySpec } from './checks';
import { foldUnary, mathKernel } from './math_common';
import { CArray, FoldFn, OpDef, PrepareFn, PreparedOp } from './types';
import { input, output, scale, unsupported, zeroPoint } from './util';

const f32 = Math.fround;

function operands(g: Graph, n: Node): { x: Tensor; y: Tensor } {
  const x = input(g, n, 0);
  const y = output(g, n);
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  if (x.elements !== y.elements) unsupported(g, n, `input of ${x.elements} and output of ${y.elements} elements`);
  return { x, y };
}

function perTensor(g: Graph, n: Node, ts: Tensor[]): void {
  for (const t of ts) {
    if (!t.quant || t.quant.scale.length < 1) unsupported(g, n, `${t.dtype} tensor ${t.index} without quantization`);
  }
}

/** A float32-only op: eval tm_eval_<name>_f32 over `size` elements. */
function floatOnly(name: string): PrepareFn {
  return (g, n): PreparedOp => {
    const { x } = operands(g, n);
    if (x.dtype !== 'float32') unsupported(g, n, `${x.dtype} input`);
    return mathKernel(`${name}_f32`, 'tm_unary_params', { size: x.elements }, true);
  };
}

/** ABS (TFLM PrepareAbsRsqrt<kAbsNameId>): float32, int8 and int16 (quantized with zero points 0, or not quantized). */
const prepareAbs: PrepareFn = (g, n) => {
  const { x, y } = operands(g, n);
  if (x.dtype === 'float32') return mathKernel('abs_f32', 'tm_unary_params', { size: x.elements }, true);
  if (x.dtype !== 'int8' && x.dtype !== 'int16') return unsupported(g, n, `${x.dtype} input`);
  // int16 without quantization: TFLM's plain std::abs path.
  if (x.dtype === 'int16' && !x.quant && !y.quant) return mathKernel('abs_i16', 'tm_unary_params', { size: x.elements }, true);
  perTensor(g, n, [x, y]);
  if (x.dtype === 'int16' && (zeroPoint(x) !== 0 || zeroPoint(y) !== 0)) {
    unsupported(g, n, `int16 zero points ${zeroPoint(x)} and ${zeroPoint(y)} (TFLM requires 0)`);
  }
  const si = f32(scale(x)), so = f32(scale(y));
  const needsRescale = si !== so;
  const q = needsRescale ? quantizeMultiplier(f32(si / so)) : { multiplier: 0, shift: 0 };
  return mathKernel(x.dtype === 'int8' ? 'abs_s8' : 'abs_s16', 'tm_abs_q_params', {
    size: x.elements,
    input_offset: zeroPoint(x),
    output_offset: zeroPoint(y),
    needs_rescale: needsRescale ? 1 : 0,
    multiplier: q.multiplier,
    shift: q.shift,
  }, true);
};

/** RSQRT (TFLM PrepareAbsRsqrt<kRsrqtNameId>): float32 and int8. */
const prepareRsqrt: PrepareFn = (g, n) => {
  const { x, y } = operands(g, n);
  if (x.dtype === 'float32') return mathKernel('rsqrt_f32', 'tm_unary_params', { size: x.elements }, true);
  if (x.dtype !== 'int8') return unsupported(g, n, `${x.dtype} input`);
  perTensor(g, n, [x, y]);
  // SetRsqrtOutputMultiplier: 1 / (std::sqrt(float input scale) * output scale), in double.
  const real = 1 / f32(f32(Math.sqrt(f32(scale(x)))) * f32(scale(y)));
  const q = quantizeMultiplier(real);
  return mathKernel('rsqrt_s8', 'tm_rsqrt_s8_params', {
    size: x.elements,
    input_offset: zeroPoint(x),
    output_offset: zeroPoint(y),
    multiplier: q.multiplier,
    shift: q.shift,
  }, true);
};

/**
 * ELU (TFLM elu.cc): float32 x < 0 ? expm1(x) : x; int8 through PopulateLookupTable, every step
 * in float32: dequantize, exp(v) - 1 below zero, times 1/output scale, std::round, plus the
 * output zero point, clamped.
 */
const prepareElu: PrepareFn = (g, n) => {
  const { x, y } = operands(g, n);
  if (x.dtype === 'float32') return mathKernel('elu_f32', 'tm_unary_params', { size: x.elements }, true);
  if (x.dtype !== 'int8') return unsupported(g, n, `${x.dtype} input`);
  perTensor(g, n, [x, y]);
  const si = f32(scale(x)), zi = zeroPoint(x), zo = zeroPoint(y);
  const inverse = f32(1 / f32(scale(y)));
  const table = new Int8Array(256);
  for (let v = -128; v <= 127; v++) {
    const deq = f32(si * (v - zi));
    const t = deq < 0 ? f32(f32(Math.exp(deq)) - 1) : deq;
    const rescaled = roundHalfAway(f32(t * inverse));
    const q = Math.trunc(f32(rescaled + zo));
    table[v & 0xff] = Math.max(-128, Math.min(127, q));
  }
  return mathKernel('lut_s8', 'tm_lut_s8_params', { size: x.elements, table: new CArray('int8_t', table) }, true);
};

const prepareLogicalNot: PrepareFn = (g, n) => {
  const { x } = operands(g, n);
  if (x.dtype !== 'bool') unsupported(g, n, `${x.dtype} input`);
  return mathKernel('logical_not_b', 'tm_unary_params', { size: x.elements }, true);
};

/** TFLM RoundToNearest: halves to even. */
function roundToNearest(v: number): number {
  const f = Math.floor(v);
  const diff = f32(v - f);
  if (diff < 0.5 || (diff === 0.5 && f % 2 === 0)) return f;
  return f + 1;
}

// Folding (float32 only where the float result is exact in JavaScript: sign, products, sqrt,
// floor, ceil and rounding are correctly rounded; exp, log, sin and cos are left to the kernel).
const foldF32 = (f: (x: number) => number): FoldFn => foldUnary(['float32'], (x) => f32(f(x)));

const unary = (name: string, prepare: PrepareFn, types: string[], fold?: FoldFn): OpDef => ({
  name, spec: unarySpec(types), prepare, ...(fold ? { fold } : {}),
});

export const ABS: OpDef = { ...unary('ABS', prepareAbs, ['int8', 'int16', 'float32'], foldF32(Math.abs)), spec: unarySpec(['int8', 'int16', 'float32'], { bytesOnly: true }) };
export const NEG = unary('NEG', floatOnly('neg'), ['float32'], foldF32((x) => -x));
export const SQUARE = unary('SQUARE', floatOnly('square'), ['float32'], foldF32((x) => x * x));
export const SQRT = unary('SQRT', floatOnly('sqrt'), ['float32'], foldF32(Math.sqrt));
export const RSQRT = unary('RSQRT', prepareRsqrt, ['int8', 'float32'], foldF32((x) => 1 / f32(Math.sqrt(x))));
export const EXP = unary('EXP', floatOnly('exp'), ['float32']);
export const LOG = unary('LOG', floatOnly('log'), ['float32']);
export const SIN = unary('SIN', floatOnly('sin'), ['float32']);
export const COS = unary('COS', floatOnly('cos'), ['float32']);
export const FLOOR = unary('FLOOR', floatOnly('floor'), ['float32'], foldF32(Math.floor));
export const CEIL = unary('CEIL', floatOnly('ceil'), ['float32'], foldF32(Math.ceil));
export const ROUND = unary('ROUND', floatOnly('round'), ['float32'], foldF32(roundToNearest));
export const ELU = unary('ELU', prepareElu, ['int8', 'float32']);
export const LOGICAL_NOT = unary('LOGICAL_NOT', prepareLogicalNot, ['bool'], foldUnary(['bool'], (x) => (x ? 0 : 1)));
