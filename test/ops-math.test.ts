/**
 * Element-wise math and logic (ABS, NEG, SQUARE, SQRT, RSQRT, EXP, LOG, SIN, COS, FLOOR, CEIL,
 * ROUND, ELU, LOGICAL_NOT, MAXIMUM, MINIMUM, DIV, SQUARED_DIFFERENCE, FLOOR_DIV, FLOOR_MOD, PRELU,
 * LOGICAL_AND, LOGICAL_OR, ADD_N and the six comparisons) against tflite-micro: models built here for
 * every type each TFLM kernel takes (int8/int16 bit for bit, float32 within the verify tolerance),
 * with broadcasting and odd quantization, some under -fsanitize=address,undefined; constant
 * inputs folded at generation time (values checked through TFLM too); what TFLM refuses refused.
 * And their per-op fixtures (math_*, made by scripts/make_fixtures.py).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadModel } from '../generator/src/model';
import { oracleRun } from '../generator/src/oracle';
import { compile, testInputValues } from '../generator/src/codegen';
import { cli, hasCommand, hasVenv } from './helpers/env';
import { Built, describeBuiltModels, describeFixtures } from './helpers/exact';
import { BTensor, Opt, buildTflite, floatBytes, int32Bytes, int8Bytes } from './helpers/tflite-builder';

const MY_OPS = [
  'ABS', 'NEG', 'SQUARE', 'SQRT', 'RSQRT', 'EXP', 'LOG', 'SIN', 'COS', 'FLOOR', 'CEIL', 'ROUND', 'ELU',
  'LOGICAL_NOT', 'MAXIMUM', 'MINIMUM', 'DIV', 'SQUARED_DIFFERENCE', 'FLOOR_DIV', 'FLOOR_MOD', 'PRELU',
  'LOGICAL_AND', 'LOGICAL_OR', 'ADD_N', 'EQUAL', 'NOT_EQUAL', 'GREATER', 'GREATER_EQUAL', 'LESS', 'LESS_EQUAL',
];

const T = { float32: 0, int32: 2, int64: 4, bool: 6, int16: 7, int8: 9 } as const;
type DT = keyof typeof T;
const OP = {
  ABS: 101, NEG: 59, SQUARE: 92, SQRT: 75, RSQRT: 76, EXP: 47, LOG: 73, SIN: 66, COS: 108, FLOOR: 8,
  CEIL: 104, ROUND: 116, ELU: 111, LOGICAL_NOT: 87, MAXIMUM: 55, MINIMUM: 57, DIV: 42,
  SQUARED_DIFFERENCE: 99, FLOOR_DIV: 90, FLOOR_MOD: 95, PRELU: 54, LOGICAL_AND: 86, LOGICAL_OR: 84,
  EQUAL: 71, NOT_EQUAL: 72, ADD_N: 106, GREATER: 61, GREATER_EQUAL: 62, LESS: 58, LESS_EQUAL: 63, ADD: 0,
} as const;

const divOpts = (activation: number): Opt => ({
  type: 29,
  write: (b) => {
    b.startObject(1);
    b.addFieldInt8(0, activation, 0);
  },
});

/** A tensor of `dt`; quantized when q is given. */
function t(shape: number[], dt: DT, q?: [number, number], data?: Uint8Array): BTensor {
  return { shape, type: T[dt], ...(q ? { scale: [q[0]], zeroPoint: [q[1]] } : {}), ...(data ? { data } : {}) };
}

/** One op over tensors [inputs..., output]; inputs listed in `graphInputs` are the model's. */
function oneOp(code: number, tensors: BTensor[], graphInputs: number[], options?: Opt): Uint8Array {
  const out = tensors.length - 1;
  return buildTflite({
    tensors,
    ops: [{ code, inputs: tensors.slice(0, out).map((_, i) => i), outputs: [out], ...(options ? { options } : {}) }],
    inputs: graphInputs,
    outputs: [out],
  });
}

/** Several ops over the same inputs, one graph output each (one host build checks them all). */
function sameInputs(codes: number[], inputs: BTensor[], graphInputs: number[], outOf: () => BTensor, options?: Opt): Uint8Array {
  const tensors = [...inputs, ...codes.map(outOf)];
  const outs = codes.map((_, k) => inputs.length + k);
  return buildTflite({
    tensors,
    ops: codes.map((code, k) => ({ code, inputs: inputs.map((_, i) => i), outputs: [outs[k]], ...(options ? { options } : {}) })),
    inputs: graphInputs,
    outputs: outs,
  });
}

const int64Bytes = (v: number[]) => new Uint8Array(BigInt64Array.from(v.map(BigInt)).buffer);

const S = [4, 64]; // 256 elements a sample: a few samples reach every int8 value

function builtModels(): Built[] {
  const out: Built[] = [];
  const add = (name: string, bytes: Uint8Array, samples?: number) => out.push({ name, bytes, ...(samples ? { samples } : {}) });

  // One-input float32 math: all thirteen ops on one input.
  const UNARY_F32 = ['ABS', 'NEG', 'SQUARE', 'SQRT', 'RSQRT', 'EXP', 'LOG', 'SIN', 'COS', 'FLOOR', 'CEIL', 'ROUND', 'ELU'] as const;
  add('unary_math_float32', sameInputs(UNARY_F32.map((op) => OP[op]), [t([3, 50], 'float32')], [0], () => t([3, 50], 'float32')));
  // ABS int8 with and without rescaling, int16 (zero points 0).
  add('abs_rescale_int8', oneOp(OP.ABS, [t(S, 'int8', [0.05, -20]), t(S, 'int8', [0.03, -128])], [0]));
  add('abs_same_int8', oneOp(OP.ABS, [t(S, 'int8', [0.02, 7]), t(S, 'int8', [0.02, 7])], [0]));
  add('abs_int16', oneOp(OP.ABS, [t(S, 'int16', [0.001, 0]), t(S, 'int16', [0.0007, 0])], [0]));
  add('abs_plain_int16', oneOp(OP.ABS, [t(S, 'int16'), t(S, 'int16')], [0]));
  add('abs_same_int16', oneOp(OP.ABS, [t(S, 'int16', [0.001, 0]), t(S, 'int16', [0.001, 0])], [0]));
  // RSQRT int8: the input zero point at -128 keeps every value non-negative (TFLM fails on negatives).
  add('rsqrt_int8', oneOp(OP.RSQRT, [t(S, 'int8', [0.05, -128]), t(S, 'int8', [0.02, -100])], [0]));
  add('rsqrt_small_int8', oneOp(OP.RSQRT, [t(S, 'int8', [0.0004, -128]), t(S, 'int8', [0.5, -128])], [0]));
  // ELU int8: its lookup table over several quantizations.
  for (const [q, name] of [[[0.05, 10, 0.03, 60], 'a'], [[0.1, -100, 0.02, -50], 'b'], [[0.01, 0, 0.01, 0], 'c']] as [number[], string][]) {
    add(`elu_${name}_int8`, oneOp(OP.ELU, [t(S, 'int8', [q[0], q[1]]), t(S, 'int8', [q[2], q[3]])], [0]));
  }
  add('logical_not_bool', oneOp(OP.LOGICAL_NOT, [t([2, 33], 'bool'), t([2, 33], 'bool')], [0]));

  // MAXIMUM and MINIMUM, every type, broadcasting [2,3,4] with [3,1], and same shapes.
  for (const dt of ['float32', 'int8', 'int16', 'int32', 'int64'] as DT[]) {
    const q: [number, number] | undefined = dt === 'int8' ? [0.02, 3] : dt === 'int16' ? [0.001, 0] : undefined;
    add(`maxmin_bcast_${dt}`, sameInputs([OP.MAXIMUM, OP.MINIMUM], [t([2, 3, 4], dt, q), t([3, 1], dt, q)], [0, 1], () => t([2, 3, 4], dt, q)));
  }
  add('maxmin_same_float32', sameInputs([OP.MAXIMUM, OP.MINIMUM], [t([5, 7], 'float32'), t([5, 7], 'float32')], [0, 1], () => t([5, 7], 'float32')));
  // DIV float32 (broadcast, fused RELU6) and int32 by a constant without zeros.
  add('div_bcast_relu6_float32', oneOp(OP.DIV, [t([2, 3, 4], 'float32'), t([4], 'float32'), t([2, 3, 4], 'float32')], [0, 1], divOpts(3)));
  add('div_float32', oneOp(OP.DIV, [t([3, 5], 'float32'), t([3, 5], 'float32'), t([3, 5], 'float32')], [0, 1]));
  add('div_const_int32', oneOp(OP.DIV, [t([3, 4], 'int32'), t([4], 'int32', undefined, int32Bytes([7, -3, 1, 250])), t([3, 4], 'int32')], [0], divOpts(0)));
  add('div_relu_int32', oneOp(OP.DIV, [t([3, 4], 'int32'), t([3, 4], 'int32', undefined, int32Bytes([1, 2, 3, 4, -5, -6, -7, -8, 9, 10, 11, 999])), t([3, 4], 'int32')], [0], divOpts(1)));
  // DIV int8: a divisor kept away from its zero point (zero point -128, so every value is >= 0 and
  // only -128 itself is zero: a constant without it), and one with negative values at run time.
  add('div_const_int8', oneOp(OP.DIV, [t(S, 'int8', [0.05, 3]), t([64], 'int8', [0.02, -128], int8Bytes(Array.from({ length: 64 }, (_, i) => -127 + 4 * i))), t(S, 'int8', [0.1, -5])], [0]));
  add('div_neg_relu_int8', oneOp(OP.DIV, [t([2, 8], 'int8', [0.03, -7]), t([8], 'int8', [0.01, 0], int8Bytes([-100, -3, 5, 127, -128, 60, 1, -1])), t([2, 8], 'int8', [0.5, -128])], [0], divOpts(1)));
  // SQUARED_DIFFERENCE: float32, int32, int8 (left shift 7), int16 (zero points 0).
  add('squared_difference_bcast_float32', oneOp(OP.SQUARED_DIFFERENCE, [t([2, 3, 4], 'float32'), t([3, 1], 'float32'), t([2, 3, 4], 'float32')], [0, 1]));
  add('squared_difference_int32', oneOp(OP.SQUARED_DIFFERENCE, [t([4, 5], 'int32'), t([4, 5], 'int32'), t([4, 5], 'int32')], [0, 1]));
  add('squared_difference_int8', oneOp(OP.SQUARED_DIFFERENCE, [t(S, 'int8', [0.02, 5]), t(S, 'int8', [0.03, -9]), t(S, 'int8', [0.1, -128])], [0, 1]));
  add('squared_difference_bcast_int8', oneOp(OP.SQUARED_DIFFERENCE, [t([2, 4, 8], 'int8', [0.05, -1]), t([8], 'int8', [0.01, 20]), t([2, 4, 8], 'int8', [0.06, -128])], [0, 1]));
  add('squared_difference_int16', oneOp(OP.SQUARED_DIFFERENCE, [t(S, 'int16', [0.0005, 0]), t(S, 'int16', [0.0004, 0]), t(S, 'int16', [0.0003, 0])], [0, 1]));
  // FLOOR_DIV and FLOOR_MOD, float32.
  add('floor_div_bcast_float32', oneOp(OP.FLOOR_DIV, [t([2, 3, 4], 'float32'), t([4], 'float32', undefined, floatBytes([0.7, -1.3, 2.5, -0.25])), t([2, 3, 4], 'float32')], [0]));
  add('floor_div_float32', oneOp(OP.FLOOR_DIV, [t([4, 6], 'float32'), t([4, 6], 'float32'), t([4, 6], 'float32')], [0, 1]));
  add('floor_mod_bcast_float32', oneOp(OP.FLOOR_MOD, [t([2, 3, 4], 'float32'), t([3, 1], 'float32'), t([2, 3, 4], 'float32')], [0, 1]));
  // PRELU: per-channel alpha, float32 and int8 (two multipliers).
  add('prelu_float32', oneOp(OP.PRELU, [t([1, 4, 4, 3], 'float32'), t([3], 'float32', undefined, floatBytes([0.25, -0.5, 1.5])), t([1, 4, 4, 3], 'float32')], [0]));
  add('prelu_int8', oneOp(OP.PRELU, [t([1, 8, 8, 4], 'int8', [0.04, -10]), t([1, 1, 4], 'int8', [0.01, 3], int8Bytes([25, -40, 120, -128])), t([1, 8, 8, 4], 'int8', [0.05, 12])], [0]));
  add('prelu_runtime_alpha_int8', oneOp(OP.PRELU, [t([2, 4, 8], 'int8', [0.03, 0]), t([4, 8], 'int8', [0.02, -5]), t([2, 4, 8], 'int8', [0.02, -30])], [0, 1]));
  add('prelu_int16', oneOp(OP.PRELU, [t([1, 8, 8, 4], 'int16', [0.0004, 0]), t([4], 'int8', [0.01, -2], int8Bytes([30, -70, 127, -128])), t([1, 8, 8, 4], 'int16', [0.0005, 0])], [0]));
  // LOGICAL_AND / LOGICAL_OR with broadcasting.
  add('logical_and_bcast_bool', oneOp(OP.LOGICAL_AND, [t([3, 4], 'bool'), t([4], 'bool'), t([3, 4], 'bool')], [0, 1]));
  add('logical_or_bool', oneOp(OP.LOGICAL_OR, [t([3, 4], 'bool'), t([3, 4], 'bool'), t([3, 4], 'bool')], [0, 1]));

  // ADD_N: three float32 inputs, four int8 inputs sharing one quantization.
  add('add_n_3_float32', buildTflite({
    tensors: [t([2, 9], 'float32'), t([2, 9], 'float32'), t([2, 9], 'float32'), t([2, 9], 'float32')],
    ops: [{ code: OP.ADD_N, inputs: [0, 1, 2], outputs: [3] }], inputs: [0, 1, 2], outputs: [3],
  }));
  add('add_n_4_int8', buildTflite({
    tensors: [...[0, 1, 2, 3].map(() => t(S, 'int8', [0.03, -7])), t(S, 'int8', [0.09, 5])],
    ops: [{ code: OP.ADD_N, inputs: [0, 1, 2, 3], outputs: [4] }], inputs: [0, 1, 2, 3], outputs: [4],
  }));
  add('add_n_const_int8', buildTflite({
    tensors: [t([8], 'int8', [0.05, 0]), t([8], 'int8', [0.05, 0], int8Bytes([-128, -1, 0, 1, 50, 100, 127, -60])), t([8], 'int8', [0.04, -20])],
    ops: [{ code: OP.ADD_N, inputs: [0, 1], outputs: [2] }], inputs: [0], outputs: [2],
  }));

  // Comparisons: the six ops on each type; int8 with different input quantizations, through
  // TFLM's rescaling; bool for EQUAL and NOT_EQUAL.
  const CMP = [OP.EQUAL, OP.NOT_EQUAL, OP.GREATER, OP.GREATER_EQUAL, OP.LESS, OP.LESS_EQUAL];
  add('compare_bcast_float32', sameInputs(CMP, [t([2, 3, 4], 'float32'), t([4], 'float32')], [0, 1], () => t([2, 3, 4], 'bool')));
  add('compare_int32', sameInputs(CMP, [t([4, 5], 'int32'), t([4, 5], 'int32')], [0, 1], () => t([4, 5], 'bool')));
  add('compare_const_int64', sameInputs(CMP, [t([20], 'int64'), t([1], 'int64', undefined, int64Bytes([3]))], [0], () => t([20], 'bool')));
  add('compare_int8', sameInputs(CMP, [t(S, 'int8', [0.02, 5]), t(S, 'int8', [0.03, -9])], [0, 1], () => t(S, 'bool')));
  add('compare_bcast_int8', sameInputs(CMP, [t([2, 4, 8], 'int8', [0.05, -1]), t([8], 'int8', [0.05, -1])], [0, 1], () => t([2, 4, 8], 'bool')));
  add('compare_bcast_bool', sameInputs([OP.EQUAL, OP.NOT_EQUAL], [t([3, 4], 'bool'), t([4], 'bool')], [0, 1], () => t([3, 4], 'bool')));

  // Folded: ROUND of constant ties (halves to even), then ADD to the input; SQUARED_DIFFERENCE and
  // MAXIMUM of int32 constants then MINIMUM with the input; LESS of constants then LOGICAL_AND with the input.
  add('fold_round_add_float32', buildTflite({
    tensors: [t([6], 'float32', undefined, floatBytes([0.5, 1.5, 2.5, -0.5, -2.5, 3.25])), t([6], 'float32'), t([6], 'float32'), t([6], 'float32')],
    ops: [{ code: OP.ROUND, inputs: [0], outputs: [1] }, { code: OP.ADD, inputs: [1, 2], outputs: [3] }],
    inputs: [2], outputs: [3],
  }));
  add('fold_sqdiff_max_add_int32', buildTflite({
    tensors: [
      t([2, 3], 'int32', undefined, int32Bytes([1, -2, 3, 40000, -5, 6])), t([3], 'int32', undefined, int32Bytes([4, 4, -4])),
      t([2, 3], 'int32'), t([2, 3], 'int32'), t([2, 3], 'int32'), t([2, 3], 'int32'),
    ],
    ops: [
      { code: OP.SQUARED_DIFFERENCE, inputs: [0, 1], outputs: [2] },
      { code: OP.MAXIMUM, inputs: [2, 0], outputs: [3] },
      { code: OP.MINIMUM, inputs: [3, 4], outputs: [5] },
    ],
    inputs: [4], outputs: [5],
  }));
  add('fold_less_and_bool', buildTflite({
    tensors: [
      t([4], 'float32', undefined, floatBytes([1, 2, 3, 4])), t([1], 'float32', undefined, floatBytes([2.5])),
      t([4], 'bool'), t([4], 'bool'), t([4], 'bool'),
    ],
    ops: [{ code: OP.LESS, inputs: [0, 1], outputs: [2] }, { code: OP.LOGICAL_AND, inputs: [2, 3], outputs: [4] }],
    inputs: [3], outputs: [4],
  }));
  return out;
}

const SANITIZE = new Set([
  'unary_math_float32', 'abs_rescale_int8', 'abs_int16', 'abs_plain_int16', 'rsqrt_int8', 'elu_a_int8', 'logical_not_bool',
  'maxmin_bcast_int8', 'maxmin_bcast_int64', 'div_bcast_relu6_float32', 'div_const_int32', 'div_const_int8',
  'squared_difference_int8', 'squared_difference_int16', 'squared_difference_int32', 'floor_div_bcast_float32',
  'floor_mod_bcast_float32', 'prelu_int8', 'prelu_int16', 'prelu_float32', 'logical_and_bcast_bool',
  'compare_bcast_int8', 'compare_bcast_bool', 'compare_const_int64', 'compare_bcast_float32', 'add_n_4_int8', 'add_n_3_float32',
]);

describe('element-wise math and logic ops against tflite-micro', function () {
  before(function () {
    if (!hasVenv() || !hasCommand('cc') || !hasCommand('make')) this.skip();
  });
  describeFixtures(MY_OPS);
  describeBuiltModels('tinyml-math-', builtModels(), SANITIZE, (dir) => {
    const gen = (name: string, bytes: Uint8Array) => {
      const file = path.join(dir(), `${name}.tflite`);
      fs.writeFileSync(file, bytes);
      return compile(loadModel(file));
    };
    it('folds constant ROUND, SQUARED_DIFFERENCE, MAXIMUM and LESS (no kernel of theirs is linked)', () => {
      const byName = new Map(builtModels().map((m) => [m.name, m.bytes]));
      for (const [name, gone] of [['fold_round_add_float32', 'round_f32'], ['fold_sqdiff_max_add_int32', 'squared_difference_s32'], ['fold_less_and_bool', 'compare_f32']]) {
        const r = gen(name, byName.get(name)!);
        const paths = [...r.files.keys()];
        assert.ok(!paths.some((p) => p.includes(gone)), `${name}: ${gone} still linked`);
      }
    });
    it('refuses what TFLM refuses, in one line', () => {
      const cases: [string, Uint8Array, RegExp][] = [
        ['abs_int8_noquant', oneOp(OP.ABS, [t(S, 'int8'), t(S, 'int8')], [0]), /ABS.*without quantization/],
        ['neg_int8', oneOp(OP.NEG, [t(S, 'int8', [0.1, 0]), t(S, 'int8', [0.1, 0])], [0]), /NEG.*int8/],
        ['div_int16', oneOp(OP.DIV, [t(S, 'int16', [0.1, 0]), t(S, 'int16', [0.1, 0]), t(S, 'int16', [0.1, 0])], [0, 1]), /DIV.*int16/],
        ['abs_int16_zp', oneOp(OP.ABS, [t(S, 'int16', [0.1, 3]), t(S, 'int16', [0.1, 0])], [0]), /zero point/],
        ['greater_int16', oneOp(OP.GREATER, [t(S, 'int16', [0.1, 0]), t(S, 'int16', [0.1, 0]), t(S, 'bool')], [0, 1]), /GREATER.*int16/],
        ['equal_int8_scale', oneOp(OP.EQUAL, [t(S, 'int8', [1.5, 0]), t(S, 'int8', [0.1, 0]), t(S, 'bool')], [0, 1]), /scale/],
        ['logical_and_5d', oneOp(OP.LOGICAL_AND, [t([2, 1, 2, 1, 2], 'bool'), t([2, 1, 2, 1], 'bool'), t([2, 2, 2, 2, 2], 'bool')], [0, 1]), /4-D/],
      ];
      for (const [name, bytes, re] of cases) {
        assert.throws(() => gen(name, bytes), (e: Error) => re.test(e.message) && !e.message.includes('\n'), name);
      }
    });
  });
});


/** One int8 model with the fixed-point kernels of this family, each op an output of its own. */
function qemuModel(): Uint8Array {
  const x = t(S, 'int8', [0.05, -128]);
  const c = (q: [number, number], values: number[]) => t([64], 'int8', q, int8Bytes(values));
  const ramp = Array.from({ length: 64 }, (_, i) => -127 + 4 * i);
  const tensors: BTensor[] = [
    x, c([0.02, -128], ramp), c([0.03, 10], ramp.map((v) => -v)), c([0.01, 0], ramp.map((v) => (v * 7) % 128)),
    t(S, 'int8', [0.02, -100]), t(S, 'int8', [0.1, -5]), t(S, 'int8', [0.1, -128]), t(S, 'int8', [0.05, 12]),
    t(S, 'int8', [0.03, 60]), t(S, 'bool'), t([S[0], 64], 'int8', [0.06, -128]),
  ];
  return buildTflite({
    tensors,
    ops: [
      { code: OP.RSQRT, inputs: [0], outputs: [4] },
      { code: OP.DIV, inputs: [0, 1], outputs: [5], options: divOpts(0) },
      { code: OP.SQUARED_DIFFERENCE, inputs: [0, 2], outputs: [6] },
      { code: OP.PRELU, inputs: [0, 3], outputs: [7] },
      { code: OP.ELU, inputs: [0], outputs: [8] },
      { code: OP.GREATER, inputs: [0, 2], outputs: [9] },
      { code: OP.ADD_N, inputs: [0, 0, 0], outputs: [10] },
    ],
    inputs: [0],
    outputs: [4, 5, 6, 7, 8, 9, 10],
  });
}

describe('element-wise math and logic in QEMU on nano33', function () {
  let dir = '';
  before(function () {
    if (!hasVenv() || !hasCommand('arm-none-eabi-gcc') || !hasCommand('qemu-system-arm')) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-math-qemu-'));
  });
  after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });
  it('RSQRT, DIV, SQUARED_DIFFERENCE, PRELU, ELU, GREATER and ADD_N (int8) equal tflite-micro on the firmware', () => {
    const file = path.join(dir, 'math_qemu_int8.tflite');
    fs.writeFileSync(file, qemuModel());
    const g = loadModel(file).graph;
    // The firmware runs its built-in test input; TFLM gets the same bytes.
    g.inputs.forEach((ti, i) => fs.writeFileSync(path.join(dir, `s0_in${i}.bin`), Buffer.from(Int8Array.from(testInputValues(g.tensors[ti], 1)).buffer)));
    oracleRun(file, dir, 1);
    const fw = path.join(dir, 'fw');
    const gen = cli(['gen', '--board', 'nano33', '--model', file, '--out', fw]);
    assert.equal(gen.status, 0, gen.stderr);
    const sim = cli(['sim', fw, '--json']);
    assert.equal(sim.status, 0, sim.stderr);
    const outs = (JSON.parse(sim.stdout) as { outputs: { values: number[] }[] }).outputs;
    assert.equal(outs.length, g.outputs.length);
    g.outputs.forEach((ti, o) => {
      const b = fs.readFileSync(path.join(dir, `s0_tflm_out${o}.bin`));
      const want = g.tensors[ti].dtype === 'bool' ? [...b] : [...new Int8Array(b.buffer, b.byteOffset, b.length)];
      assert.deepEqual(outs[o].values, want, `output ${o} differs`);
    });
  });
});
