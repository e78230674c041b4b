/**
 * Data-movement and shape ops (issue 11) against tflite-micro: SLICE, REVERSE_V2, BROADCAST_TO,
 * FILL, SPACE_TO_DEPTH, DEPTH_TO_SPACE, SPLIT, SPLIT_V, UNPACK, ... Models built here (one op
 * each, every tensor type TFLM's kernel takes), each exact on random inputs (int types bit for
 * bit, float32 within the verify tolerance), one per kernel also under the sanitizers; the
 * per-op fixtures made by scripts/make_fixtures.py; constant inputs folded at generation time;
 * what TFLM refuses refused in one line.
 */
import * as assert from 'node:assert/strict';
import * as flatbuffers from 'flatbuffers';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadModelBytes } from '../generator/src/model';
import { compile } from '../generator/src/codegen';
import { verifyModel } from '../generator/src/verify';
import { testInputValues } from '../generator/src/codegen';
import { loadModel } from '../generator/src/model';
import { oracleRun } from '../generator/src/oracle';
import { cli, hasCommand, hasVenv } from './helpers/env';
import { Built, describeBuiltModels, describeFixtures } from './helpers/exact';
import { BTensor, buildTflite, int32Bytes } from './helpers/tflite-builder';

const MY_OPS = [
  'SLICE', 'REVERSE_V2', 'BROADCAST_TO', 'FILL', 'SPACE_TO_DEPTH', 'DEPTH_TO_SPACE', 'SPLIT', 'SPLIT_V', 'UNPACK',
  'GATHER', 'GATHER_ND', 'EMBEDDING_LOOKUP', 'ZEROS_LIKE', 'BROADCAST_ARGS', 'CAST', 'SELECT_V2', 'MIRROR_PAD',
  'BATCH_TO_SPACE_ND', 'SPACE_TO_BATCH_ND', 'DYNAMIC_UPDATE_SLICE',
];

const T: Record<string, number> = { float32: 0, int32: 2, uint8: 3, int64: 4, bool: 6, int16: 7, int8: 9, uint32: 15 };
const OP = {
  BATCH_TO_SPACE_ND: 37, SPACE_TO_BATCH_ND: 38, CAST: 53, MIRROR_PAD: 100, SELECT_V2: 123, DYNAMIC_UPDATE_SLICE: 151,
  DEPTH_TO_SPACE: 5, EMBEDDING_LOOKUP: 7, SPACE_TO_DEPTH: 26, GATHER: 36, ZEROS_LIKE: 93, GATHER_ND: 107, BROADCAST_ARGS: 145, SPLIT: 49, SLICE: 65, UNPACK: 88, FILL: 94, SPLIT_V: 102, REVERSE_V2: 105,
  BROADCAST_TO: 130,
};

type Opt = { type: number; write: (b: flatbuffers.Builder) => void };
const intOpts = (type: number, ...fields: number[]): Opt => ({
  type,
  write: (b) => {
    b.startObject(fields.length);
    fields.forEach((v, slot) => b.addFieldInt32(slot, v, 0));
  },
});

/** An activation tensor of `dtype` (int8/int16 with a scale and zero point). */
function act(shape: number[], dtype: string, name?: string): BTensor {
  const t: BTensor = { shape, type: T[dtype], name };
  if (dtype === 'int8') return { ...t, scale: [0.02], zeroPoint: [-3] };
  if (dtype === 'int16') return { ...t, scale: [0.001], zeroPoint: [0] };
  if (dtype === 'uint8') return { ...t, scale: [0.02], zeroPoint: [128] };
  return t;
}
function constOf(dtype: string, shape: number[], values: number[]): BTensor {
  const n = values.length;
  let data: Uint8Array;
  const dv = (bytes: number) => { data = new Uint8Array(n * bytes); return new DataView(data.buffer); };
  switch (dtype) {
    case 'int64': { const v = dv(8); values.forEach((x, i) => v.setBigInt64(8 * i, BigInt(x), true)); break; }
    case 'int32': data = int32Bytes(values); break;
    case 'int16': { const v = dv(2); values.forEach((x, i) => v.setInt16(2 * i, x, true)); break; }
    case 'float32': { const v = dv(4); values.forEach((x, i) => v.setFloat32(4 * i, x, true)); break; }
    default: { const v = dv(1); values.forEach((x, i) => v.setInt8(i, x)); break; }
  }
  return { ...act(shape, dtype), data: data! };
}
const i32 = (values: number[], shape = [values.length]): BTensor => constOf('int32', shape, values);

/** One op: runtime inputs (tensors[0..nIn-1]) and constants, then the outputs. */
function oneOp(code: number, options: Opt | undefined, ins: BTensor[], runtime: number[], outs: BTensor[]): Uint8Array {
  const tensors = [...ins, ...outs];
  const outputs = outs.map((_, k) => ins.length + k);
  return buildTflite({
    tensors,
    ops: [{ code, inputs: ins.map((_, k) => k), outputs, options }],
    inputs: runtime,
    outputs,
  });
}

function builtModels(): Built[] {
  const out: Built[] = [];
  const add = (name: string, bytes: Uint8Array) => out.push({ name, bytes });
  for (const dt of ['float32', 'int8', 'int16', 'int32', 'bool']) {
    add(`slice_${dt}`, oneOp(OP.SLICE, undefined, [act([2, 5, 6, 3], dt), i32([1, 1, 0, 1]), i32([1, 3, -1, 2])], [0], [act([1, 3, 6, 2], dt)]));
  }
  add('slice_1d_int64_begin_float32', oneOp(OP.SLICE, undefined, [act([9], 'float32'), constOf('int64', [1], [2]), constOf('int64', [1], [5])], [0], [act([5], 'float32')]));
  add('slice_5d_int8', oneOp(OP.SLICE, undefined, [act([2, 3, 4, 3, 5], 'int8'), i32([1, 0, 1, 1, 2]), i32([1, 2, 3, -1, 2])], [0], [act([1, 2, 3, 2, 2], 'int8')]));
  for (const dt of ['float32', 'int8', 'uint8', 'int16', 'int32', 'int64', 'bool']) {
    add(`reverse_v2_${dt}`, oneOp(OP.REVERSE_V2, undefined, [act([2, 4, 5, 3], dt), i32([1, 2])], [0], [act([2, 4, 5, 3], dt)]));
  }
  add('reverse_v2_neg_axis_float32', oneOp(OP.REVERSE_V2, undefined, [act([3, 7], 'float32'), i32([-1])], [0], [act([3, 7], 'float32')]));
  for (const dt of ['float32', 'int8', 'uint8', 'int16', 'int32', 'int64', 'bool']) {
    add(`broadcast_to_${dt}`, oneOp(OP.BROADCAST_TO, undefined, [act([3, 1, 4], dt), i32([2, 3, 5, 4])], [0], [act([2, 3, 5, 4], dt)]));
  }
  add('broadcast_to_int64_shape_int8', oneOp(OP.BROADCAST_TO, undefined, [act([1, 6], 'int8'), constOf('int64', [3], [4, 1, 6])], [0], [act([4, 1, 6], 'int8')]));
  for (const dt of ['float32', 'int8', 'int32']) {
    add(`fill_${dt}`, oneOp(OP.FILL, undefined, [i32([2, 3, 4]), act([], dt)], [1], [act([2, 3, 4], dt)]));
  }
  add('fill_int64_dims_float32', oneOp(OP.FILL, undefined, [constOf('int64', [2], [5, 3]), act([], 'float32')], [1], [act([5, 3], 'float32')]));
  for (const dt of ['float32', 'int8']) {
    add(`space_to_depth_${dt}`, oneOp(OP.SPACE_TO_DEPTH, intOpts(19, 2), [act([2, 6, 4, 3], dt)], [0], [act([2, 3, 2, 12], dt)]));
    add(`space_to_depth_b3_${dt}`, oneOp(OP.SPACE_TO_DEPTH, intOpts(19, 3), [act([1, 6, 9, 2], dt)], [0], [act([1, 2, 3, 18], dt)]));
    add(`depth_to_space_${dt}`, oneOp(OP.DEPTH_TO_SPACE, intOpts(94, 2), [act([2, 3, 2, 12], dt)], [0], [act([2, 6, 4, 3], dt)]));
    add(`depth_to_space_b3_${dt}`, oneOp(OP.DEPTH_TO_SPACE, intOpts(94, 3), [act([1, 2, 3, 18], dt)], [0], [act([1, 6, 9, 2], dt)]));
  }
  for (const dt of ['float32', 'int8', 'int16', 'int32']) {
    add(`split_${dt}`, oneOp(OP.SPLIT, intOpts(35, 3), [i32([1], []), act([2, 6, 5], dt)], [1], [act([2, 2, 5], dt), act([2, 2, 5], dt), act([2, 2, 5], dt)]));
    add(`split_v_${dt}`, oneOp(OP.SPLIT_V, intOpts(79, 3), [act([3, 4, 7], dt), i32([2, -1, 4]), i32([-1], [])], [0], [act([3, 4, 2], dt), act([3, 4, 1], dt), act([3, 4, 4], dt)]));
    add(`unpack_${dt}`, oneOp(OP.UNPACK, intOpts(64, 3, 1), [act([2, 3, 4], dt)], [0], [act([2, 4], dt), act([2, 4], dt), act([2, 4], dt)]));
  }
  add('unpack_axis0_float32', oneOp(OP.UNPACK, intOpts(64, 2, 0), [act([2, 5], 'float32')], [0], [act([5], 'float32'), act([5], 'float32')]));
  for (const dt of ['float32', 'int8']) {
    add(`gather_axis1_${dt}`, oneOp(OP.GATHER, intOpts(23, 1, 0), [act([3, 5, 4], dt), i32([4, 0, 2, 2, 1, 3], [2, 3])], [0], [act([3, 2, 3, 4], dt)]));
    add(`gather_batch_${dt}`, oneOp(OP.GATHER, intOpts(23, 2, 1), [act([2, 3, 6, 2], dt), i32([5, 0, 1, 3, 3, 2], [2, 3])], [0], [act([2, 3, 3, 2], dt)]));
    add(`gather_nd_${dt}`, oneOp(OP.GATHER_ND, undefined, [act([4, 3, 5], dt), i32([3, 1, 0, 2, 2, 0, 1, 1], [2, 2, 2])], [0], [act([2, 2, 5], dt)]));
    add(`gather_nd_full_${dt}`, oneOp(OP.GATHER_ND, undefined, [act([4, 3], dt), i32([3, 2, 0, 0, 1, 1], [3, 2])], [0], [act([3], dt)]));
    add(`embedding_lookup_${dt}`, oneOp(OP.EMBEDDING_LOOKUP, undefined, [i32([2, 0, 4, 2]), act([5, 3, 2], dt)], [1], [act([4, 3, 2], dt)]));
  }
  add('embedding_lookup_hybrid', oneOp(OP.EMBEDDING_LOOKUP, undefined, [i32([1, 3, 0]), { shape: [4, 6], type: T.int8, scale: [0.037], zeroPoint: [0] }], [1], [act([3, 6], 'float32')]));
  for (const dt of ['float32', 'int8', 'int32', 'int64']) {
    add(`zeros_like_${dt}`, oneOp(OP.ZEROS_LIKE, undefined, [act([3, 4], dt)], [0], [act([3, 4], dt)]));
  }
  for (const dt of ['int32', 'int64']) {
    add(`broadcast_args_${dt}`, oneOp(OP.BROADCAST_ARGS, undefined, [act([3], dt), constOf(dt, [2], [1, 1])], [0], [act([3], dt)]));
  }
  const casts: [string, string][] = [
    ['float32', 'int8'], ['float32', 'int16'], ['float32', 'int32'], ['int8', 'float32'], ['int16', 'float32'], ['int32', 'float32'],
    ['int32', 'int8'], ['int32', 'int16'], ['int8', 'int32'], ['int16', 'int8'], ['bool', 'float32'], ['bool', 'int32'], ['bool', 'int8'],
    ['uint32', 'int32'], ['int32', 'uint32'], ['uint32', 'float32'], ['int8', 'int16'], ['float32', 'float32'],
  ];
  for (const [a, b] of casts) add(`cast_${a}_${b}`, oneOp(OP.CAST, undefined, [act([3, 7], a)], [0], [act([3, 7], b)]));
  for (const dt of ['float32', 'int8', 'int16']) {
    add(`select_v2_bcast_${dt}`, oneOp(OP.SELECT_V2, undefined, [act([2, 1, 3], 'bool'), act([1, 4, 3], dt), act([2, 4, 1], dt)], [0, 1, 2], [act([2, 4, 3], dt)]));
    add(`select_v2_same_${dt}`, oneOp(OP.SELECT_V2, undefined, [act([3, 5], 'bool'), act([3, 5], dt), act([3, 5], dt)], [0, 1, 2], [act([3, 5], dt)]));
  }
  add('select_v2_scalar_float32', oneOp(OP.SELECT_V2, undefined, [act([], 'bool'), act([1], 'float32'), act([], 'float32')], [0, 1, 2], [act([1], 'float32')]));
  const mirror = (mode: number): Opt => ({ type: 77, write: (b) => { b.startObject(1); b.addFieldInt8(0, mode, 0); } });
  for (const dt of ['float32', 'int8']) {
    add(`mirror_pad_reflect_${dt}`, oneOp(OP.MIRROR_PAD, mirror(0), [act([1, 4, 5, 3], dt), i32([0, 0, 2, 3, 1, 4, 0, 2], [4, 2])], [0], [act([1, 9, 10, 5], dt)]));
    add(`mirror_pad_symmetric_${dt}`, oneOp(OP.MIRROR_PAD, mirror(1), [act([3, 4], dt), i32([3, 1, 4, 2], [2, 2])], [0], [act([7, 10], dt)]));
    add(`batch_to_space_nd_${dt}`, oneOp(OP.BATCH_TO_SPACE_ND, undefined, [act([8, 3, 2, 3], dt), i32([2, 2]), i32([1, 0, 0, 1], [2, 2])], [0], [act([2, 5, 3, 3], dt)]));
    add(`batch_to_space_nd_3d_${dt}`, oneOp(OP.BATCH_TO_SPACE_ND, undefined, [act([6, 4, 2], dt), i32([3]), i32([2, 1], [1, 2])], [0], [act([2, 9, 2], dt)]));
    add(`space_to_batch_nd_${dt}`, oneOp(OP.SPACE_TO_BATCH_ND, undefined, [act([2, 5, 3, 3], dt), i32([2, 2]), i32([1, 0, 0, 1], [2, 2])], [0], [act([8, 3, 2, 3], dt)]));
    add(`space_to_batch_nd_3d_${dt}`, oneOp(OP.SPACE_TO_BATCH_ND, undefined, [act([2, 7, 2], dt), i32([3]), i32([1, 1], [1, 2])], [0], [act([6, 3, 2], dt)]));
  }
  for (const dt of ['float32', 'int8', 'int16', 'int32']) {
    add(`dynamic_update_slice_${dt}`, oneOp(OP.DYNAMIC_UPDATE_SLICE, undefined, [act([4, 6, 3], dt), act([2, 3, 3], dt), i32([1, 2, 0])], [0, 1], [act([4, 6, 3], dt)]));
  }
  add('dynamic_update_slice_runtime_idx_int8', oneOp(OP.DYNAMIC_UPDATE_SLICE, undefined, [act([5, 7], 'int8'), act([2, 3], 'int8'), act([2], 'int32')], [0, 1, 2], [act([5, 7], 'int8')]));
  add('dynamic_update_slice_int64_idx_float32', oneOp(OP.DYNAMIC_UPDATE_SLICE, undefined, [act([5, 7], 'float32'), act([5, 2], 'float32'), act([2], 'int64')], [0, 1, 2], [act([5, 7], 'float32')]));
  // TFLM reads no quantization in these kernels: int8/int16 tensors without any are accepted.
  const raw = (shape: number[], dt: string): BTensor => ({ shape, type: T[dt] });
  add('split_noquant_int8', oneOp(OP.SPLIT, intOpts(35, 2), [i32([0], []), raw([4, 3], 'int8')], [1], [raw([2, 3], 'int8'), raw([2, 3], 'int8')]));
  add('cast_noquant_int32_int8', oneOp(OP.CAST, undefined, [act([3, 7], 'int32')], [0], [raw([3, 7], 'int8')]));
  add('gather_noquant_int8', oneOp(OP.GATHER, intOpts(23, 0, 0), [raw([5, 3], 'int8'), i32([4, 1])], [0], [raw([2, 3], 'int8')]));
  add('select_v2_noquant_int16', oneOp(OP.SELECT_V2, undefined, [act([4], 'bool'), raw([4], 'int16'), raw([4], 'int16')], [0, 1, 2], [raw([4], 'int16')]));
  // A SPLIT output nothing reads still gets its own place in the arena.
  add('split_unused_output_float32', buildTflite({
    tensors: [
      act([2, 6], 'float32'), i32([2, 4]), i32([1], []), act([2, 2], 'float32'), act([2, 4], 'float32'), // 0-4: SPLIT_V
      i32([1]), act([2, 2], 'float32'), // 5, 6: REVERSE_V2 of output 0; output 1 is read by nothing
    ],
    ops: [
      { code: OP.SPLIT_V, inputs: [0, 1, 2], outputs: [3, 4], options: intOpts(79, 2) },
      { code: OP.REVERSE_V2, inputs: [3, 5], outputs: [6] },
    ],
    inputs: [0],
    outputs: [6],
  }));
  add('split_axis_neg_int8', oneOp(OP.SPLIT, intOpts(35, 2), [i32([-1], []), act([3, 8], 'int8')], [1], [act([3, 4], 'int8'), act([3, 4], 'int8')]));
  return out;
}

const SANITIZE = new Set([
  'slice_5d_int8', 'slice_int16', 'reverse_v2_int64', 'reverse_v2_float32', 'broadcast_to_bool', 'broadcast_to_int16',
  'fill_float32', 'space_to_depth_int8', 'gather_batch_int8', 'gather_nd_float32', 'embedding_lookup_hybrid', 'embedding_lookup_int8',
  'zeros_like_int64', 'broadcast_args_int64', 'cast_float32_int8', 'cast_bool_float32', 'select_v2_bcast_int16',
  'mirror_pad_reflect_int8', 'batch_to_space_nd_float32', 'split_unused_output_float32', 'split_noquant_int8', 'space_to_batch_nd_int8', 'dynamic_update_slice_runtime_idx_int8', 'depth_to_space_float32', 'split_int16', 'split_v_float32', 'unpack_int8',
]);

function withDir<T>(f: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-ops-movement-'));
  try {
    return f(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function refusesTop(name: string, bytes: Uint8Array, re: RegExp): void {
  it(name, () => assert.throws(() => compile(loadModelBytes(bytes, 'refused.tflite')), re));
}

describe('data movement and shape ops against tflite-micro', function () {
  before(function () {
    if (!hasVenv() || !hasCommand('cc') || !hasCommand('make')) this.skip();
  });

  describeFixtures(MY_OPS);
  describeBuiltModels('tinyml-ops-movement-', builtModels(), SANITIZE);

  describe('folding', () => {
    it('SPLIT, SLICE, REVERSE_V2 and FILL of constants fold to constants a runtime ADD reads', () => {
      const bytes = buildTflite({
        tensors: [
          { shape: [2, 3], type: T.float32, name: 'x' }, // 0
          i32([1], []), // 1 axis
          constOf('float32', [2, 6], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), // 2
          { shape: [2, 3], type: T.float32 }, { shape: [2, 3], type: T.float32 }, // 3, 4
          i32([0, 1]), i32([2, 2]), // 5, 6
          { shape: [2, 2], type: T.float32 }, // 7: slice of 4
          i32([1]), // 8 axes
          { shape: [2, 2], type: T.float32 }, // 9: reversed
          i32([2, 3]), constOf('float32', [], [7]), // 10, 11
          { shape: [2, 3], type: T.float32 }, // 12: fill
          { shape: [2, 3], type: T.float32, name: 'y' }, // 13
        ],
        ops: [
          { code: OP.SPLIT, inputs: [1, 2], outputs: [3, 4], options: intOpts(35, 2) },
          { code: OP.SLICE, inputs: [4, 5, 6], outputs: [7] },
          { code: OP.REVERSE_V2, inputs: [7, 8], outputs: [9] },
          { code: OP.FILL, inputs: [10, 11], outputs: [12] },
          { code: 0, inputs: [0, 12], outputs: [13] },
        ],
        inputs: [0],
        outputs: [13],
      });
      const m = loadModelBytes(bytes, 'fold_movement.tflite');
      assert.deepEqual(m.graph.folded.map((f) => f.op), ['SPLIT', 'SLICE', 'REVERSE_V2', 'FILL']);
      const vals = (t: number) => Array.from(new Float32Array(new Uint8Array(m.graph.tensors[t].data!).buffer));
      assert.deepEqual(vals(3), [1, 2, 3, 7, 8, 9]);
      assert.deepEqual(vals(4), [4, 5, 6, 10, 11, 12]);
      assert.deepEqual(vals(7), [5, 6, 11, 12]);
      assert.deepEqual(vals(9), [6, 5, 12, 11]);
      assert.deepEqual(vals(12), [7, 7, 7, 7, 7, 7]);
      assert.deepEqual(m.graph.nodes.map((n) => n.op), ['ADD']);
    });
  });

  it('GATHER, GATHER_ND and EMBEDDING_LOOKUP of constants fold, and ZEROS_LIKE of a run-time input', () => {
    const f = (v: number[], shape: number[]) => constOf('float32', shape, v);
    const bytes = buildTflite({
      tensors: [
        { shape: [2], type: T.float32, name: 'x' }, // 0
        f([1, 2, 3, 4, 5, 6], [3, 2]), i32([2, 0]), { shape: [2, 2], type: T.float32 }, // 1-3: gather rows 2, 0
        i32([1, 1, 0, 0], [2, 2]), { shape: [2], type: T.float32 }, // 4, 5: gather_nd [1,1], [0,0] of 3
        i32([1]), { shape: [1, 2], type: T.float32 }, // 6, 7: embedding row 1 of 3
        { shape: [2], type: T.float32 }, // 8: zeros like x
        { shape: [2], type: T.float32 }, { shape: [2], type: T.float32, name: 'y' }, // 9, 10
      ],
      ops: [
        { code: OP.GATHER, inputs: [1, 2], outputs: [3], options: intOpts(23, 0, 0) },
        { code: OP.GATHER_ND, inputs: [3, 4], outputs: [5] },
        { code: OP.EMBEDDING_LOOKUP, inputs: [6, 3], outputs: [7] },
        { code: OP.ZEROS_LIKE, inputs: [0], outputs: [8] },
        { code: 0, inputs: [0, 5], outputs: [9] },
        { code: 0, inputs: [9, 8], outputs: [10] },
      ],
      inputs: [0],
      outputs: [10],
    });
    const m = loadModelBytes(bytes, 'fold_gather.tflite');
    assert.deepEqual(m.graph.folded.map((x) => x.op), ['GATHER', 'GATHER_ND', 'EMBEDDING_LOOKUP', 'ZEROS_LIKE']);
    const vals = (t: number) => Array.from(new Float32Array(new Uint8Array(m.graph.tensors[t].data!).buffer));
    assert.deepEqual(vals(3), [5, 6, 1, 2]);
    assert.deepEqual(vals(5), [2, 5]);
    assert.deepEqual(vals(7), [1, 2]);
    assert.deepEqual(vals(8), [0, 0]);
  });

  it('SHAPE -> CAST -> SELECT_V2 and MIRROR_PAD, BROADCAST_ARGS, DYNAMIC_UPDATE_SLICE of constants fold', () => {
    const bytes = buildTflite({
      tensors: [
        { shape: [2, 3], type: T.float32, name: 'x' }, // 0
        { shape: [2], type: T.int32 }, // 1: shape of x
        { shape: [2], type: T.float32 }, // 2: cast
        { ...constOf('int8', [2], [1, 0]), type: T.bool, scale: undefined, zeroPoint: undefined }, // 3: condition
        constOf('float32', [2], [5, 5]), { shape: [2], type: T.float32 }, // 4, 5: select
        i32([1, 1], [1, 2]), { shape: [4], type: T.float32 }, // 6, 7: mirror pad (symmetric) by 1 on each side
        i32([1, 1]), i32([3]), { shape: [2], type: T.int32 }, // 8, 9, 10: broadcast args [1,1] with [3] -> [1,3]
        constOf('float32', [1], [9]), i32([1]), { shape: [4], type: T.float32 }, // 11, 12, 13: 9 written at 1
        { shape: [2, 3], type: T.float32 }, { shape: [4], type: T.float32, name: 'y' }, // 14, 15
      ],
      ops: [
        { code: 77, inputs: [0], outputs: [1] },
        { code: OP.CAST, inputs: [1], outputs: [2] },
        { code: OP.SELECT_V2, inputs: [3, 2, 4], outputs: [5] },
        { code: OP.MIRROR_PAD, inputs: [5, 6], outputs: [7], options: { type: 77, write: (b) => { b.startObject(1); b.addFieldInt8(0, 1, 0); } } },
        { code: OP.BROADCAST_ARGS, inputs: [8, 9], outputs: [10] },
        { code: OP.DYNAMIC_UPDATE_SLICE, inputs: [7, 11, 12], outputs: [13] },
        { code: 0, inputs: [0, 0], outputs: [14] },
        { code: 0, inputs: [13, 13], outputs: [15] },
      ],
      inputs: [0],
      outputs: [14, 15],
    });
    const m = loadModelBytes(bytes, 'fold_cast.tflite');
    assert.deepEqual(m.graph.folded.map((x) => x.op), ['SHAPE', 'CAST', 'SELECT_V2', 'MIRROR_PAD', 'BROADCAST_ARGS', 'DYNAMIC_UPDATE_SLICE']);
    const f32 = (t: number) => Array.from(new Float32Array(new Uint8Array(m.graph.tensors[t].data!).buffer));
    assert.deepEqual(f32(2), [2, 3]);
    assert.deepEqual(f32(5), [2, 5]);
    assert.deepEqual(f32(7), [2, 2, 5, 5]); // SYMMETRIC repeats the edge
    assert.deepEqual(Array.from(new Int32Array(new Uint8Array(m.graph.tensors[10].data!).buffer)), [1, 3]);
    assert.deepEqual(f32(13), [2, 9, 5, 5]);
  });

  describe('what TFLM refuses is refused', () => {
    refusesTop('GATHER of int16 (TFLM takes float32 and int8)', oneOp(OP.GATHER, intOpts(23, 0, 0), [act([4, 2], 'int16'), i32([1])], [0], [act([1, 2], 'int16')]),
      /GATHER\): input type int16 is not supported/);
    refusesTop('GATHER_ND with int64 indices', oneOp(OP.GATHER_ND, undefined, [act([4, 2], 'int8'), constOf('int64', [1, 1], [1])], [0], [act([1, 2], 'int8')]),
      /GATHER_ND\): indices of type int64 \(TFLM takes int32\) is not supported/);
    refusesTop('EMBEDDING_LOOKUP of an int8 table with a zero point into float32', oneOp(OP.EMBEDDING_LOOKUP, undefined, [i32([1]), act([4, 2], 'int8')], [1], [act([1, 2], 'float32')]),
      /EMBEDDING_LOOKUP\): an int8 table with zero point -3 for a float32 output \(TFLM wants 0\)/);
    const refuses = (name: string, bytes: Uint8Array, re: RegExp) => it(name, () => withDir((dir) => {
      const file = path.join(dir, `${name.replace(/\W+/g, '_')}.tflite`);
      fs.writeFileSync(file, bytes);
      assert.throws(() => compile(loadModelBytes(bytes, path.basename(file))), re);
    }));
    refuses('REVERSE_V2 over non-contiguous axes', oneOp(OP.REVERSE_V2, undefined, [act([2, 3, 4], 'float32'), i32([0, 2])], [0], [act([2, 3, 4], 'float32')]),
      /REVERSE_V2\): non-contiguous axes \[0,2\] \(TFLM refuses them\) is not supported/);
    refuses('FILL of int16 (TFLM\'s Eval has no int16)', oneOp(OP.FILL, undefined, [i32([2, 3]), act([], 'int16')], [1], [act([2, 3], 'int16')]),
      /FILL\): input 1 type int16 is not supported/);
    refuses('SPACE_TO_DEPTH whose block does not divide the input', oneOp(OP.SPACE_TO_DEPTH, intOpts(19, 2), [act([1, 5, 4, 3], 'int8')], [0], [act([1, 2, 2, 12], 'int8')]),
      /SPACE_TO_DEPTH\): a 5x4 input with block size 2/);
    refuses('SPLIT with a run-time axis', oneOp(OP.SPLIT, intOpts(35, 2), [{ shape: [1], type: T.int32 }, act([2, 4], 'int8')], [0, 1], [act([1, 4], 'int8'), act([1, 4], 'int8')]),
      /SPLIT\): input 0 .* must be constant/);
  });

  describe('in QEMU on nano33', function () {
    before(function () {
      if (!hasCommand('arm-none-eabi-gcc') || !hasCommand('qemu-system-arm')) this.skip();
    });
    it('an int8 chain of SPACE_TO_DEPTH, MIRROR_PAD, REVERSE_V2, GATHER, SELECT_V2 and a two-output SPLIT equals tflite-micro', () => withDir((dir) => {
      const q = (shape: number[]) => act(shape, 'int8');
      const file = path.join(dir, 'movement_chain.tflite');
      fs.writeFileSync(file, buildTflite({
        tensors: [
          q([1, 4, 6, 2]), // 0 x
          q([1, 2, 3, 8]), // 1 space_to_depth
          i32([0, 0, 1, 1, 2, 0, 0, 0], [4, 2]), q([1, 4, 5, 8]), // 2, 3 mirror pad (reflect)
          i32([2]), q([1, 4, 5, 8]), // 4, 5 reverse
          i32([3, 0, 3]), q([1, 3, 5, 8]), // 6, 7 gather on axis 1
          { ...constOf('int8', [1, 1, 5, 1], [1, 0, 1, 1, 0]), type: T.bool, scale: undefined, zeroPoint: undefined }, // 8
          q([1, 3, 5, 8]), // 9 select(cond, gather, a constant)
          i32([3], []), q([1, 3, 5, 4]), q([1, 3, 5, 4]), // 10, 11, 12 split on the channels
          constOf('int8', [1, 3, 5, 8], Array.from({ length: 120 }, (_, i) => ((i * 37) % 256) - 128)), // 13 select's y
        ],
        ops: [
          { code: OP.SPACE_TO_DEPTH, inputs: [0], outputs: [1], options: intOpts(19, 2) },
          { code: OP.MIRROR_PAD, inputs: [1, 2], outputs: [3], options: { type: 77, write: (b) => { b.startObject(1); b.addFieldInt8(0, 0, 0); } } },
          { code: OP.REVERSE_V2, inputs: [3, 4], outputs: [5] },
          { code: OP.GATHER, inputs: [5, 6], outputs: [7], options: intOpts(23, 1, 0) },
          { code: OP.SELECT_V2, inputs: [8, 7, 13], outputs: [9] },
          { code: OP.SPLIT, inputs: [10, 9], outputs: [11, 12], options: intOpts(35, 2) },
        ],
        inputs: [0],
        outputs: [11, 12],
      }));
      const g = loadModel(file).graph;
      const inDir = path.join(dir, 'in');
      fs.mkdirSync(inDir);
      // the firmware's built-in test input, also given to tflite-micro
      fs.writeFileSync(path.join(inDir, 's0_in0.bin'), Buffer.from(Int8Array.from(testInputValues(g.tensors[g.inputs[0]], 1)).buffer));
      oracleRun(file, inDir, 1);
      const fw = path.join(dir, 'fw');
      const gen = cli(['gen', '--board', 'nano33', '--model', file, '--out', fw]);
      assert.equal(gen.status, 0, gen.stderr);
      const sim = cli(['sim', fw, '--json']);
      assert.equal(sim.status, 0, sim.stderr);
      const outs = (JSON.parse(sim.stdout) as { outputs: { values: number[] }[] }).outputs;
      assert.equal(outs.length, 2);
      outs.forEach((o, k) => {
        const b = fs.readFileSync(path.join(inDir, `s0_tflm_out${k}.bin`));
        assert.deepEqual(o.values, [...new Int8Array(b.buffer, b.byteOffset, b.length)], `output ${k} differs from tflite-micro`);
      });
    }));
  });

  it('verify also checks a model with several outputs (SPLIT_V)', () => {
    withDir((dir) => {
      const file = path.join(dir, 'split_v.tflite');
      fs.writeFileSync(file, oneOp(OP.SPLIT_V, intOpts(79, 2), [act([4, 3], 'int8'), i32([1, 3]), i32([0], [])], [0], [act([1, 3], 'int8'), act([3, 3], 'int8')]));
      const r = verifyModel(file, { samples: 5 });
      assert.equal(r.outputs.length, 2);
      assert.ok(r.ok);
    });
  });
});
