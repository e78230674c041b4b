/**
 * QUANTIZE, DEQUANTIZE, RELU, RELU6, LOGISTIC, TANH, LEAKY_RELU, HARD_SWISH, CONCATENATION,
 * PAD/PADV2, MEAN, STRIDED_SLICE and TRANSPOSE against tflite-micro: the per-op fixtures, and
 * models built here for what the fixtures miss (input scales that reach every branch of the
 * fixed-point LOGISTIC/TANH/HARD_SWISH paths, non-zero zero points, odd output quantization, MEAN
 * over other axes and with equal input/output quantization, negative strides and shrink axes,
 * 5-D TRANSPOSE and PAD, uint8 requantization, and QUANTIZE on exact rounding ties).
 * int8 must be bit-identical, float32 within the verify tolerance.
 */
import * as assert from 'node:assert/strict';
import * as flatbuffers from 'flatbuffers';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadModel } from '../generator/src/model';
import { buildHost, runHostBatch } from '../generator/src/host';
import { oracleRun } from '../generator/src/oracle';
import { verifyModel } from '../generator/src/verify';
import { hasCommand, hasVenv } from './helpers/env';
import { Built, describeBuiltModels, describeFixtures } from './helpers/exact';
import { BTensor, buildTflite, floatBytes, int32Bytes, int8Bytes } from './helpers/tflite-builder';

const MY_OPS = [
  'QUANTIZE', 'DEQUANTIZE', 'RELU', 'RELU6', 'LOGISTIC', 'TANH', 'LEAKY_RELU', 'HARD_SWISH',
  'CONCATENATION', 'PAD', 'PADV2', 'MEAN', 'STRIDED_SLICE', 'TRANSPOSE',
];

// ------------------------------------------------------------------------------------------
// Models built here
// ------------------------------------------------------------------------------------------

const FLOAT32 = 0, INT32 = 2, UINT8 = 3, INT8 = 9;
const OP = {
  CONCATENATION: 2, DEQUANTIZE: 6, LOGISTIC: 14, RELU: 19, RELU6: 21, TANH: 28, PAD: 34, TRANSPOSE: 39,
  MEAN: 40, STRIDED_SLICE: 45, PADV2: 60, LEAKY_RELU: 98, QUANTIZE: 114, HARD_SWISH: 117,
};

type Opt = { type: number; write: (b: flatbuffers.Builder) => void };
const concatOpts = (axis: number): Opt => ({
  type: 10,
  write: (b) => {
    b.startObject(2);
    b.addFieldInt32(0, axis, 0);
    b.addFieldInt8(1, 0, 0);
  },
});
const reducerOpts = (keepDims: boolean): Opt => ({
  type: 27,
  write: (b) => {
    b.startObject(1);
    b.addFieldInt8(0, keepDims ? 1 : 0, 0);
  },
});
const sliceOpts = (o: { begin?: number; end?: number; shrink?: number }): Opt => ({
  type: 32,
  write: (b) => {
    b.startObject(6);
    b.addFieldInt32(0, o.begin ?? 0, 0);
    b.addFieldInt32(1, o.end ?? 0, 0);
    b.addFieldInt32(4, o.shrink ?? 0, 0);
  },
});
const leakyOpts = (alpha: number): Opt => ({
  type: 75,
  write: (b) => {
    b.startObject(1);
    b.addFieldFloat32(0, alpha, 0);
  },
});

type DT = 'int8' | 'float32';
/** Built models also run under -fsanitize=address,undefined (one per kernel). */
const SANITIZE = new Set([
  'logistic_s0p05_zpm103_int8', 'tanh_s0p05_zpm103_int8', 'hard_swish_s0p0001_int8', 'leaky_relu_am0p3_int8',
  'relu_int8', 'relu6_outquant_int8', 'mean_axes23_keep_int8', 'mean_last_float32', 'strided_slice_neg_int8',
  'strided_slice_neg_float32', 'transpose_5d_int8', 'transpose_5d_float32', 'pad_5d_int8', 'padv2_value_float32',
  'concat_4in_axis0_int8', 'quantize_uint8_chain', 'logistic_float32', 'tanh_float32', 'hard_swish_float32',
  'leaky_relu_am0p3_float32', 'relu6_float32',
]);

/** A one-op model: runtime inputs first, then constants, output last. */
function oneOp(code: number, options: Opt | undefined, tensors: BTensor[], inputs: number[], constInputs: number[]): Uint8Array {
  const out = tensors.length - 1;
  return buildTflite({
    tensors,
    ops: [{ code, inputs: [...inputs, ...constInputs], outputs: [out], options }],
    inputs,
    outputs: [out],
  });
}

function act(shape: number[], dt: DT, scale: number, zp: number): BTensor {
  return dt === 'float32' ? { shape, type: FLOAT32 } : { shape, type: INT8, scale: [scale], zeroPoint: [zp] };
}

const i32 = (values: number[]): BTensor => ({ shape: [values.length], type: INT32, data: int32Bytes(values) });
const tag = (v: number) => String(v).replace('-', 'm').replace('.', 'p');

function builtModels(): Built[] {
  const out: Built[] = [];
  const unary = (name: string, code: number, options: Opt | undefined, shape: number[], q: [number, number, number, number]) => {
    out.push({ name: `${name}_int8`, bytes: oneOp(code, options, [act(shape, 'int8', q[0], q[1]), act(shape, 'int8', q[2], q[3])], [0], []) });
  };
  const unaryFloat = (name: string, code: number, options: Opt | undefined) => {
    out.push({ name: `${name}_float32`, bytes: oneOp(code, options, [act([3, 50], 'float32', 0, 0), act([3, 50], 'float32', 0, 0)], [0], []) });
  };
  // 256 elements per sample: a few samples reach every int8 input value.
  const S = [4, 64];
  // LOGISTIC/TANH: input scales from a wide input radius (1920) down to a narrow one (30), with zero points.
  for (const [s, zp] of [[0.004, -1], [0.05, -103], [0.1, 0], [0.31, 0], [0.16, 104]]) {
    unary(`logistic_s${tag(s)}_zp${tag(zp)}`, OP.LOGISTIC, undefined, S, [s, zp, 1 / 256, -128]);
    unary(`tanh_s${tag(s)}_zp${tag(zp)}`, OP.TANH, undefined, S, [s, zp, 1 / 128, 0]);
  }
  // TFLM's int8 TANH ignores the output quantization (it assumes 1/128, zero point 0).
  unary('tanh_outquant', OP.TANH, undefined, S, [0.03, -1, 0.01, 20]);
  // HARD_SWISH: the relu-ish exponent negative, small and large, and the output exponent from -9 to -3.
  for (const q of [[0.0001, 0, 0.00005, 0], [0.004, -1, 0.003, -22], [0.16, 104, 0.02, -81], [0.3, 0, 0.16, -126], [2.5, 3, 1.2, -120]] as [number, number, number, number][]) {
    unary(`hard_swish_s${tag(q[0])}`, OP.HARD_SWISH, undefined, S, q);
  }
  // RELU requantizes; RELU6 clamps in the input quantization (TFLM ignores the output's).
  unary('relu', OP.RELU, undefined, S, [0.05, -20, 0.03, -128]);
  unary('relu_upscale', OP.RELU, undefined, S, [0.02, 30, 0.05, -100]);
  unary('relu6', OP.RELU6, undefined, S, [0.03, -10, 0.03, -10]);
  unary('relu6_outquant', OP.RELU6, undefined, S, [0.05, -20, 0.02, -50]);
  for (const alpha of [-0.3, 0.2, 1.5]) unary(`leaky_relu_a${tag(alpha)}`, OP.LEAKY_RELU, leakyOpts(alpha), S, [0.04, 10, 0.035, -30]);
  unaryFloat('logistic', OP.LOGISTIC, undefined);
  unaryFloat('tanh', OP.TANH, undefined);
  unaryFloat('hard_swish', OP.HARD_SWISH, undefined);
  unaryFloat('relu', OP.RELU, undefined);
  unaryFloat('relu6', OP.RELU6, undefined);
  unaryFloat('leaky_relu_am0p3', OP.LEAKY_RELU, leakyOpts(-0.3));

  for (const dt of ['int8', 'float32'] as const) {
    // MEAN over the last axis, over [2, 3] with keep_dims, over H and W of a 16x16 input, over the
    // batch axis; and with input and output quantized alike (TFLM still goes through the multiplier).
    const mean = (name: string, inShape: number[], axes: number[], keep: boolean, outShape: number[], q: [number, number, number, number]) => out.push({
      name: `${name}_${dt}`,
      bytes: oneOp(OP.MEAN, reducerOpts(keep), [act(inShape, dt, q[0], q[1]), i32(axes), act(outShape, dt, q[2], q[3])], [0], [1]),
    });
    mean('mean_last', [2, 5, 9], [-1], false, [2, 5], [0.02, -26, 0.012, -44]);
    mean('mean_axes23_keep', [2, 3, 4, 5], [2, 3], true, [2, 3, 1, 1], [0.015, -64, 0.008, -128]);
    mean('mean_hw_16x16', [1, 16, 16, 8], [1, 2], true, [1, 1, 1, 8], [0.03, -1, 0.004, -25]);
    mean('mean_batch', [3, 4, 5], [0], false, [4, 5], [0.03, 0, 0.02, 1]);
    mean('mean_pair_samequant', [2, 4, 5], [0], false, [4, 5], [0.03, 3, 0.03, 3]);
    mean('mean_hw_samequant', [1, 5, 7, 4], [1, 2], false, [1, 4], [0.05, -7, 0.05, -7]);

    // STRIDED_SLICE: x[:, ::-1, 2:-1, :], x[1, :, 3, :] (shrink), x[1:5, 7:1:-2], x[:, -3:, ::3, -2:0:-2].
    const slice = (name: string, inShape: number[], b: number[], e: number[], s: number[], o: { begin?: number; end?: number; shrink?: number }, outShape: number[]) => out.push({
      name: `${name}_${dt}`,
      bytes: oneOp(OP.STRIDED_SLICE, sliceOpts(o), [act(inShape, dt, 0.02, 5), i32(b), i32(e), i32(s), act(outShape, dt, 0.02, 5)], [0], [1, 2, 3]),
    });
    slice('strided_slice_neg', [1, 9, 7, 4], [0, 0, 2, 0], [0, 0, -1, 0], [1, -1, 1, 1], { begin: 0b1011, end: 0b1011 }, [1, 9, 4, 4]);
    slice('strided_slice_shrink', [2, 9, 7, 4], [1, 0, 3, 0], [2, 0, 4, 0], [1, 1, 1, 1], { begin: 0b1010, end: 0b1010, shrink: 0b0101 }, [9, 4]);
    slice('strided_slice_2d', [6, 10], [1, 7], [5, 1], [1, -2], {}, [4, 3]);
    slice('strided_slice_mixed', [1, 9, 7, 5], [0, -3, 0, -2], [0, 0, 0, 0], [1, 1, 3, -2], { begin: 0b0101, end: 0b0111 }, [1, 3, 3, 2]);

    // TRANSPOSE: 5-D, 2-D, and a full reversal.
    const transpose = (name: string, inShape: number[], perm: number[]) => out.push({
      name: `${name}_${dt}`,
      bytes: oneOp(OP.TRANSPOSE, undefined, [act(inShape, dt, 0.02, 5), i32(perm), act(perm.map((p) => inShape[p]), dt, 0.02, 5)], [0], [1]),
    });
    transpose('transpose_5d', [2, 3, 2, 4, 3], [4, 0, 3, 1, 2]);
    transpose('transpose_2d', [5, 7], [1, 0]);
    transpose('transpose_rev4', [2, 3, 4, 5], [3, 2, 1, 0]);

    // PAD: 5-D and 2-D, and PADV2 with a constant value.
    const pads = (p: number[][]) => ({ shape: [p.length, 2], type: INT32, data: int32Bytes(p.flat()) });
    out.push({
      name: `pad_5d_${dt}`,
      bytes: oneOp(OP.PAD, undefined, [act([1, 2, 3, 2, 3], dt, 0.02, -7), pads([[0, 1], [1, 0], [0, 2], [1, 1], [2, 0]]), act([2, 3, 5, 4, 5], dt, 0.02, -7)], [0], [1]),
    });
    out.push({
      name: `pad_2d_${dt}`,
      bytes: oneOp(OP.PAD, undefined, [act([5, 7], dt, 0.02, 100), pads([[2, 0], [1, 3]]), act([7, 11], dt, 0.02, 100)], [0], [1]),
    });
    const value: BTensor = dt === 'float32'
      ? { shape: [], type: FLOAT32, data: floatBytes([-0.75]) }
      : { shape: [], type: INT8, data: int8Bytes([-43]), scale: [0.02], zeroPoint: [-5] };
    out.push({
      name: `padv2_value_${dt}`,
      bytes: oneOp(OP.PADV2, undefined, [act([1, 4, 5, 3], dt, 0.02, -5), pads([[0, 0], [1, 1], [2, 0], [0, 1]]), value, act([1, 6, 7, 4], dt, 0.02, -5)], [0], [1, 2]),
    });

    // CONCATENATION: four inputs on axis 0, a constant input, and axis -1.
    out.push({
      name: `concat_4in_axis0_${dt}`,
      bytes: buildTflite({
        tensors: [act([2, 3], dt, 0.02, 3), act([1, 3], dt, 0.02, 3), act([3, 3], dt, 0.02, 3), act([1, 3], dt, 0.02, 3), act([7, 3], dt, 0.02, 3)],
        ops: [{ code: OP.CONCATENATION, inputs: [0, 1, 2, 3], outputs: [4], options: concatOpts(0) }],
        inputs: [0, 1, 2, 3],
        outputs: [4],
      }),
    });
    const c: BTensor = dt === 'float32'
      ? { shape: [1, 2, 3], type: FLOAT32, data: floatBytes([0.5, -1, 2, 0.25, 3, -4]) }
      : { shape: [1, 2, 3], type: INT8, data: int8Bytes([1, -128, 127, 0, 55, -3]), scale: [0.02], zeroPoint: [3] };
    out.push({
      name: `concat_const_${dt}`,
      bytes: oneOp(OP.CONCATENATION, concatOpts(1), [act([1, 4, 3], dt, 0.02, 3), c, act([1, 6, 3], dt, 0.02, 3)], [0], [1]),
    });
    out.push({
      name: `concat_last_${dt}`,
      bytes: buildTflite({
        tensors: [act([2, 3, 4], dt, 0.02, 3), act([2, 3, 1], dt, 0.02, 3), act([2, 3, 5], dt, 0.02, 3)],
        ops: [{ code: OP.CONCATENATION, inputs: [0, 1], outputs: [2], options: concatOpts(-1) }],
        inputs: [0, 1],
        outputs: [2],
      }),
    });
  }

  // uint8 in -> QUANTIZE int8 -> RELU -> QUANTIZE uint8 out, and int8 -> int8 requantization.
  out.push({
    name: 'quantize_uint8_chain',
    bytes: buildTflite({
      tensors: [
        { shape: [4, 64], type: UINT8, scale: [0.0157], zeroPoint: [128] },
        { shape: [4, 64], type: INT8, scale: [0.0157], zeroPoint: [0] },
        { shape: [4, 64], type: INT8, scale: [0.0081], zeroPoint: [-128] },
        { shape: [4, 64], type: UINT8, scale: [0.0093], zeroPoint: [3] },
      ],
      ops: [
        { code: OP.QUANTIZE, inputs: [0], outputs: [1] },
        { code: OP.RELU, inputs: [1], outputs: [2] },
        { code: OP.QUANTIZE, inputs: [2], outputs: [3] },
      ],
      inputs: [0],
      outputs: [3],
    }),
  });
  unary('quantize_requant', OP.QUANTIZE, undefined, S, [0.037, -11, 0.0123, 40]);
  return out;
}

/** float -> QUANTIZE int8 -> DEQUANTIZE float, for the rounding-tie check. */
const QSCALE = 0.015668996, QZP = -3;
function quantizeRoundTrip(): Uint8Array {
  return buildTflite({
    tensors: [
      { shape: [1, 64], type: FLOAT32 },
      { shape: [1, 64], type: INT8, scale: [QSCALE], zeroPoint: [QZP] },
      { shape: [1, 64], type: FLOAT32 },
    ],
    ops: [
      { code: OP.QUANTIZE, inputs: [0], outputs: [1] },
      { code: OP.DEQUANTIZE, inputs: [1], outputs: [2] },
    ],
    inputs: [0],
    outputs: [2],
  });
}

/** Float inputs x with fround(x / scale) exactly k + 0.5 (TFLM rounds these away from zero). */
function tieInputs(): number[] {
  const s = Math.fround(QSCALE);
  const vals: number[] = [];
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  for (let k = -140; k < 140; k++) {
    const target = k + 0.5;
    f32[0] = target * s;
    const base = u32[0];
    for (const d of [0, 1, -1, 2, -2]) {
      u32[0] = base + d;
      const x = f32[0];
      if (Math.fround(x / s) === target) { vals.push(x); break; }
    }
  }
  return vals;
}

// ------------------------------------------------------------------------------------------

describe('misc ops (QUANTIZE, DEQUANTIZE, activations, CONCATENATION, PAD, MEAN, STRIDED_SLICE, TRANSPOSE) against tflite-micro', function () {
  before(function () {
    if (!hasVenv() || !hasCommand('cc') || !hasCommand('make')) this.skip();
  });

  describeFixtures(MY_OPS);

  describeBuiltModels('tinyml-ops-misc-', builtModels(), SANITIZE, (tmp) => {
    it('QUANTIZE rounds exact ties like TFLM (away from zero), also under the sanitizers', () => {
      const file = path.join(tmp(), 'quantize_ties.tflite');
      fs.writeFileSync(file, quantizeRoundTrip());
      const ties = tieInputs();
      assert.ok(ties.length > 200, `only ${ties.length} tie inputs found`);
      const all = [...ties, 0, -0, 1.5, -1.5, 300, -300];
      const samples = Math.ceil(all.length / 64);
      const inDir = fs.mkdtempSync(path.join(tmp(), 'ties-'));
      for (let k = 0; k < samples; k++) {
        const chunk = all.slice(64 * k, 64 * k + 64);
        while (chunk.length < 64) chunk.push(0);
        fs.writeFileSync(path.join(inDir, `s${k}_in0.bin`), Buffer.from(floatBytes(chunk)));
      }
      const model = loadModel(file);
      oracleRun(file, inDir, samples);
      for (const sanitize of [false, true]) {
        runHostBatch(buildHost(model, { sanitize }).binary, inDir, samples);
        for (let k = 0; k < samples; k++) {
          const ours = fs.readFileSync(path.join(inDir, `s${k}_out0.bin`));
          const theirs = fs.readFileSync(path.join(inDir, `s${k}_tflm_out0.bin`));
          assert.ok(ours.equals(theirs), `sample ${k} differs from tflite-micro${sanitize ? ' (sanitized build)' : ''}`);
        }
      }
    });
  });

  describe('what TFLM refuses is refused', () => {
    it('int8 CONCATENATION inputs quantized unlike the output', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-ops-misc-'));
      try {
        const file = path.join(dir, 'concat_mixed.tflite');
        fs.writeFileSync(file, buildTflite({
          tensors: [act([2, 3], 'int8', 0.02, 3), act([1, 3], 'int8', 0.05, 3), act([3, 3], 'int8', 0.02, 3)],
          ops: [{ code: OP.CONCATENATION, inputs: [0, 1], outputs: [2], options: concatOpts(0) }],
          inputs: [0, 1],
          outputs: [2],
        }));
        assert.throws(() => verifyModel(file, { samples: 1 }), /CONCATENATION.*quantized differently/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
