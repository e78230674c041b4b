/**
 * CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D, MAX_POOL_2D, SOFTMAX, ADD, SUB and MUL against
 * tflite-micro: the per-op fixtures, the six real models, and models built here for the cases the
 * fixtures miss (grouped convolution, depth multiplier 3, 5-D broadcasting, no-bias inputs, and
 * quantization parameters that tell double from float arithmetic in the prepare step, with every
 * input pair covered). int8 must be bit-identical, float32 within the verify tolerance.
 */
import { verifyModel } from '../generator/src/verify';
import { hasCommand, hasVenv, sharedModel } from './helpers/env';
import { Built, assertExact, describeBuiltModels, describeFixtures } from './helpers/exact';
import { BTensor, buildTflite, floatBytes, int32Bytes, int8Bytes, opts, lcg, depthwiseOpts, poolOpts } from './helpers/tflite-builder';
import type { Opt } from './helpers/tflite-builder';

const MY_OPS = ['CONV_2D', 'DEPTHWISE_CONV_2D', 'AVERAGE_POOL_2D', 'MAX_POOL_2D', 'SOFTMAX', 'ADD', 'SUB', 'MUL'];
const SHARED = [
  'mlperf_kws_ref_model.tflite',
  'mlperf_vww_96_int8.tflite',
  'mlperf_pretrainedResnet_quant.tflite',
  'mlperf_ad01_int8.tflite',
  'tflm_hello_world_int8.tflite',
  'tflm_hello_world_float.tflite',
];

// ------------------------------------------------------------------------------------------
// Models built here
// ------------------------------------------------------------------------------------------

const INT8 = 9, FLOAT32 = 0, INT32 = 2;
const OP = { ADD: 0, AVERAGE_POOL_2D: 1, CONV_2D: 3, DEPTHWISE_CONV_2D: 4, MAX_POOL_2D: 17, MUL: 18, SOFTMAX: 25, SUB: 41 };

const actOpts = (type: number, activation = 0): Opt => ({
  type,
  write: (b) => {
    b.startObject(2);
    b.addFieldInt8(0, activation, 0);
  },
});

/** Built models also run under -fsanitize=address,undefined (one per kernel family). */
const SANITIZE = new Set([
  'conv_grouped_int8', 'conv_batch2_nobias_float32', 'dwconv_m2_dil3_nobias_int8', 'dwconv_m3_s2_float32',
  'avgpool_3x2_same_relu_b2_int8', 'maxpool_2x3_same_relu6_float32', 'add_5d_bcast_int8', 'mul_bcast_both_float32',
  'sub_all_pairs_int8', 'softmax_depth1000_int8', 'softmax_rank3_beta07_float32',
]);

/** A one-op model: runtime inputs first, then constants, output last. */
function oneOp(code: number, options: Opt, tensors: BTensor[], inputs: number[], constInputs: number[]): Uint8Array {
  const out = tensors.length - 1;
  return buildTflite({
    tensors,
    ops: [{ code, inputs: [...inputs, ...constInputs], outputs: [out], options }],
    inputs,
    outputs: [out],
  });
}

/** Conv-like weights for int8 (per-channel on `axis`) or float. */
function weights(r: () => number, shape: number[], dtype: 'int8' | 'float32', axis: number): BTensor {
  const n = shape.reduce((a, b) => a * b, 1);
  if (dtype === 'float32') return { shape, type: FLOAT32, data: floatBytes(Array.from({ length: n }, () => (r() - 0.5))) };
  const ch = shape[axis];
  return {
    shape, type: INT8, data: int8Bytes(Array.from({ length: n }, () => Math.floor(r() * 255) - 127)),
    scale: Array.from({ length: ch }, () => Math.fround(0.002 + r() * 0.01)), zeroPoint: new Array(ch).fill(0), quantizedDimension: axis,
  };
}

function bias(r: () => number, n: number, dtype: 'int8' | 'float32'): BTensor {
  return dtype === 'float32'
    ? { shape: [n], type: FLOAT32, data: floatBytes(Array.from({ length: n }, () => r() - 0.5)) }
    : { shape: [n], type: INT32, data: int32Bytes(Array.from({ length: n }, () => Math.floor(r() * 2001) - 1000)) };
}

function act(shape: number[], dtype: 'int8' | 'float32', scale: number, zp: number): BTensor {
  return dtype === 'float32' ? { shape, type: FLOAT32 } : { shape, type: INT8, scale: [scale], zeroPoint: [zp] };
}

function builtModels(): Built[] {
  const out: Built[] = [];
  for (const dt of ['int8', 'float32'] as const) {
    const r = lcg(dt === 'int8' ? 11 : 12);
    // Grouped convolution: 4 input channels in 2 groups of 2, 6 filters, SAME, RELU.
    out.push({
      name: `conv_grouped_${dt}`,
      bytes: oneOp(OP.CONV_2D, opts.conv2d({ padding: 0, strideW: 1, strideH: 1, activation: 1 }), [
        act([1, 5, 6, 4], dt, 0.05, -7), weights(r, [6, 3, 3, 2], dt, 0), bias(r, 6, dt), act([1, 5, 6, 6], dt, 0.04, -128),
      ], [0], [1, 2]),
    });
    // Batch 2, strides 3x2, 2x4 kernel, and no bias input at all (two inputs).
    out.push({
      name: `conv_batch2_nobias_${dt}`,
      bytes: oneOp(OP.CONV_2D, opts.conv2d({ padding: 0, strideW: 2, strideH: 3, activation: 3 }), [
        act([2, 10, 11, 3], dt, 0.03, 5), weights(r, [5, 2, 4, 3], dt, 0), act([2, 4, 6, 5], dt, 0.02, -100),
      ], [0], [1]),
    });
    // Depth multiplier 3, stride 2, SAME.
    out.push({
      name: `dwconv_m3_s2_${dt}`,
      bytes: oneOp(OP.DEPTHWISE_CONV_2D, depthwiseOpts({ padding: 0, stride: [2, 2], multiplier: 3 }), [
        act([1, 9, 8, 3], dt, 0.06, 3), weights(r, [1, 3, 3, 9], dt, 3), bias(r, 9, dt), act([1, 5, 4, 9], dt, 0.03, -2),
      ], [0], [1, 2]),
    });
    // Dilation 3 VALID with multiplier 2, no bias, RELU_N1_TO_1.
    out.push({
      name: `dwconv_m2_dil3_nobias_${dt}`,
      bytes: oneOp(OP.DEPTHWISE_CONV_2D, depthwiseOpts({ padding: 1, stride: [1, 1], multiplier: 2, dilation: [3, 3], activation: 2 }), [
        act([1, 16, 15, 2], dt, 0.05, 0), weights(r, [1, 5, 5, 4], dt, 3), act([1, 4, 3, 4], dt, 0.01, 1),
      ], [0], [1]),
    });
    // Pooling with clipped SAME windows, batches and fused activations.
    out.push({
      name: `avgpool_3x2_same_relu_b2_${dt}`,
      bytes: oneOp(OP.AVERAGE_POOL_2D, poolOpts({ padding: 0, stride: [1, 2], filter: [3, 2], activation: 1 }), [
        act([2, 7, 9, 3], dt, 0.05, -3), act([2, 7, 5, 3], dt, 0.05, -3),
      ], [0], []),
    });
    out.push({
      name: `maxpool_2x3_same_relu6_${dt}`,
      bytes: oneOp(OP.MAX_POOL_2D, poolOpts({ padding: 0, stride: [2, 2], filter: [2, 3], activation: 3 }), [
        act([1, 9, 10, 3], dt, 0.06, 10), act([1, 5, 5, 3], dt, 0.06, 10),
      ], [0], []),
    });
    // 5-D broadcasting both ways.
    out.push({
      name: `add_5d_bcast_${dt}`,
      bytes: oneOp(OP.ADD, actOpts(11, 1), [
        act([2, 1, 3, 1, 4], dt, 0.02, 4), act([1, 2, 1, 5, 1], dt, 0.07, -9), act([2, 2, 3, 5, 4], dt, 0.05, -20),
      ], [0, 1], []),
    });
    out.push({
      name: `mul_bcast_both_${dt}`,
      bytes: oneOp(OP.MUL, actOpts(21, 3), [
        act([3, 1, 4], dt, 0.03, 2), act([1, 5, 1], dt, 0.04, -1), act([3, 5, 4], dt, 0.002, -30),
      ], [0, 1], []),
    });
    out.push({
      name: `sub_bcast_first_${dt}`,
      bytes: oneOp(OP.SUB, actOpts(28, 0), [
        act([1, 4], dt, 0.03, 2), act([3, 2, 4], dt, 0.05, 7), act([3, 2, 4], dt, 0.06, -5),
      ], [0, 1], []),
    });
  }
  // SOFTMAX: long rows, rank 3 with beta, a large input scale (multiplier clamp region).
  const sm = (name: string, shape: number[], inScale: number, inZp: number, beta: number) => {
    out.push({ name: `${name}_int8`, bytes: oneOp(OP.SOFTMAX, opts.softmax(beta), [act(shape, 'int8', inScale, inZp), act(shape, 'int8', 1 / 256, -128)], [0], []) });
    out.push({ name: `${name}_float32`, bytes: oneOp(OP.SOFTMAX, opts.softmax(beta), [act(shape, 'float32', 0, 0), act(shape, 'float32', 0, 0)], [0], []) });
  };
  sm('softmax_depth1000', [1, 1000], 0.05, -3, 1);
  sm('softmax_rank3_beta07', [2, 3, 17], 0.11, 20, 0.7);
  sm('softmax_rank4_beta3', [1, 2, 3, 7], 0.25, 0, 3);
  sm('softmax_tiny_scale', [4, 6], 0.0005, 0, 1);
  // Every int8 pair through ADD, SUB and MUL: input [256,1] (random, 40 samples reach all 256
  // values) against the constant row -128..127. The scales are ones where computing TFLM's
  // multipliers in float instead of double changes some outputs.
  const row = int8Bytes(Array.from({ length: 256 }, (_, i) => i - 128));
  const allPairs = (name: string, code: number, optType: number, q: [number, number][]) => out.push({
    name, samples: 40,
    bytes: oneOp(code, actOpts(optType), [
      { shape: [256, 1], type: INT8, scale: [q[0][0]], zeroPoint: [q[0][1]] },
      { shape: [1, 256], type: INT8, scale: [q[1][0]], zeroPoint: [q[1][1]], data: row },
      { shape: [256, 256], type: INT8, scale: [q[2][0]], zeroPoint: [q[2][1]] },
    ], [0], [1]),
  });
  allPairs('sub_all_pairs_int8', OP.SUB, 28, [[0.015162349678575993, 13], [0.20099610090255737, 0], [0.2471933215856552, -4]]);
  allPairs('add_all_pairs_int8', OP.ADD, 11, [[0.015162349678575993, -20], [0.20099610090255737, -3], [0.2471933215856552, 7]]);
  allPairs('mul_all_pairs_int8', OP.MUL, 21, [[0.09346377104520798, 0], [0.18020838499069214, 0], [0.015824545174837112, 0]]);
  allPairs('mul_all_pairs_shift_int8', OP.MUL, 21, [[0.11688079684972763, 0], [0.0015776504296809435, 0], [0.033539168536663055, 0]]);
  return out;
}

// ------------------------------------------------------------------------------------------

describe('compute ops (CONV_2D, DEPTHWISE_CONV_2D, pooling, SOFTMAX, ADD, SUB, MUL) against tflite-micro', function () {
  before(function () {
    if (!hasVenv() || !hasCommand('cc') || !hasCommand('make')) this.skip();
  });

  describe('the six real models', () => {
    for (const name of SHARED) {
      it(`${name} is exact`, function () {
        const p = sharedModel(name);
        if (!p) this.skip();
        const heavy = name.includes('vww') || name.includes('Resnet');
        assertExact(verifyModel(p!, { samples: heavy ? 5 : 20 }));
      });
    }
  });

  describeFixtures(MY_OPS);

  describeBuiltModels('tinyml-ops-compute-', builtModels(), SANITIZE);
});
