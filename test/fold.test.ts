/**
 * Constant folding at generation time (generator/src/fold.ts): shape-computing graphs become
 * fixed, folded ops leave the op table, results stay exact against tflite-micro, and ops TFLM
 * has no kernel for (RANGE) run when they fold.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as flatbuffers from 'flatbuffers';
import { compile } from '../generator/src/codegen';
import { buildHost, runHostBinary } from '../generator/src/host';
import { inspectModel, formatInspect } from '../generator/src/inspect';
import { loadModel, loadModelBytes } from '../generator/src/model';
import { verifyLoaded } from '../generator/src/verify';
import { BTensor, buildTflite, floatBytes, int32Bytes } from './helpers/tflite-builder';

const FLOAT32 = 0, INT32 = 2;
const OP = { ADD: 0, CONCATENATION: 2, MUL: 18, RELU: 19, RESHAPE: 22, TRANSPOSE: 39, STRIDED_SLICE: 45, SHAPE: 77, PACK: 83, RANGE: 96 };

const stridedSliceOpts = (shrink: number) => ({
  type: 32,
  write: (b: flatbuffers.Builder) => {
    b.startObject(6);
    b.addFieldInt32(4, shrink, 0);
  },
});
const packOpts = (count: number, axis: number) => ({
  type: 59,
  write: (b: flatbuffers.Builder) => {
    b.startObject(2);
    b.addFieldInt32(0, count, 0);
    b.addFieldInt32(1, axis, 0);
  },
});
const i32 = (shape: number[], values: number[]): BTensor => ({ shape, type: INT32, data: int32Bytes(values) });

/**
 * x[1,4,6] -> SHAPE -> STRIDED_SLICE (the batch, shrunk to a scalar) -> MUL by 1 -> PACK with 24
 * -> RESHAPE x to [batch, 24] -> RELU: what the converter writes for reshape(x, [shape(x)[0], -1]).
 */
function shapeGraph(): Uint8Array {
  return buildTflite({
    tensors: [
      { shape: [1, 4, 6], type: FLOAT32, name: 'x' }, // 0
      { shape: [3], type: INT32, name: 'shape' }, // 1
      i32([1], [0]), i32([1], [1]), i32([1], [1]), // 2, 3, 4: begin, end, strides
      { shape: [], type: INT32, name: 'batch' }, // 5
      i32([], [1]), // 6: one
      { shape: [], type: INT32, name: 'batch1' }, // 7
      i32([], [24]), // 8
      { shape: [2], type: INT32, name: 'new_shape' }, // 9
      { shape: [1, 24], type: FLOAT32, name: 'flat' }, // 10
      { shape: [1, 24], type: FLOAT32, name: 'y' }, // 11
    ],
    ops: [
      { code: OP.SHAPE, inputs: [0], outputs: [1] },
      { code: OP.STRIDED_SLICE, inputs: [1, 2, 3, 4], outputs: [5], options: stridedSliceOpts(1) },
      { code: OP.MUL, inputs: [5, 6], outputs: [7] },
      { code: OP.PACK, inputs: [7, 8], outputs: [9], options: packOpts(2, 0) },
      { code: OP.RESHAPE, inputs: [0, 9], outputs: [10] },
      { code: OP.RELU, inputs: [10], outputs: [11] },
    ],
    inputs: [0],
    outputs: [11],
  });
}

function withFile<T>(name: string, bytes: Uint8Array, f: (file: string) => T): T {
  const file = path.join(os.tmpdir(), `tinyml-fold-${process.pid}-${name}.tflite`);
  fs.writeFileSync(file, bytes);
  try {
    return f(file);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('constant folding', () => {
  it('folds SHAPE -> STRIDED_SLICE -> MUL -> PACK into a constant shape; inspect lists them', () => {
    const m = loadModelBytes(shapeGraph(), 'shape_graph.tflite');
    assert.deepEqual(m.graph.folded.map((f) => f.op), ['SHAPE', 'STRIDED_SLICE', 'MUL', 'PACK']);
    assert.deepEqual(m.graph.nodes.map((n) => n.op), ['RESHAPE', 'RELU']);
    assert.deepEqual(Array.from(new Int32Array(new Uint8Array(m.graph.tensors[9].data!).buffer)), [1, 24]);
    const j = inspectModel(m);
    assert.deepEqual(j.folded.map((f) => [f.index, f.type]), [[0, 'SHAPE'], [1, 'STRIDED_SLICE'], [2, 'MUL'], [3, 'PACK']]);
    assert.deepEqual(j.unsupportedOps, []);
    assert.match(formatInspect(j), /folded at generation time \(4 ops, now constants\): #0 SHAPE -> int32\[3\], #1 STRIDED_SLICE -> int32\[\], #2 MUL -> int32\[\], #3 PACK -> int32\[2\]/);
    // Only the RELU runs: the folded ops and the alias are not in the op table.
    const c = compile(m);
    const names = /tm_op_names\[(\d+)\] = \{([^}]*)\}/.exec(String(c.files.get('model/model.c')));
    assert.ok(names, 'model.c has an op-name table');
    assert.equal(names![1], '1');
    assert.deepEqual(names![2].trim().split(/\s*,\s*/).filter(Boolean), ['"RELU"']);
    assert.deepEqual(c.summary.ops.map((o) => o.type), ['RESHAPE', 'RELU']);
  });

  it('the folded shape graph is exact against tflite-micro (which runs all six ops), also under the sanitizers', () => {
    withFile('shape', shapeGraph(), (file) => {
      const r = verifyLoaded(loadModel(file), { samples: 10, sanitize: true });
      assert.ok(r.ok, JSON.stringify(r.outputs));
    });
  });

  it('folds RANGE (no TFLM kernel), CONCATENATION, TRANSPOSE and float ADD of constants into one weight that a runtime ADD reads', () => {
    // RANGE(0, 2.5, 0.25) -> 10 floats; CONCAT with two constants -> 12; RESHAPE [3,4]; TRANSPOSE -> [4,3];
    // ADD 0.1 (constant) ; then the runtime ADD with the input x[4,3].
    const bytes = buildTflite({
      tensors: [
        { shape: [4, 3], type: FLOAT32, name: 'x' }, // 0
        { shape: [], type: FLOAT32, data: floatBytes([0]) }, // 1
        { shape: [], type: FLOAT32, data: floatBytes([2.5]) }, // 2
        { shape: [], type: FLOAT32, data: floatBytes([0.25]) }, // 3
        { shape: [10], type: FLOAT32, name: 'range' }, // 4
        { shape: [2], type: FLOAT32, data: floatBytes([-1, -2]) }, // 5
        { shape: [12], type: FLOAT32, name: 'cat' }, // 6
        i32([2], [3, 4]), // 7
        { shape: [3, 4], type: FLOAT32, name: 'r' }, // 8
        i32([2], [1, 0]), // 9
        { shape: [4, 3], type: FLOAT32, name: 't' }, // 10
        { shape: [1], type: FLOAT32, data: floatBytes([0.1]) }, // 11
        { shape: [4, 3], type: FLOAT32, name: 'w' }, // 12
        { shape: [4, 3], type: FLOAT32, name: 'y' }, // 13
      ],
      ops: [
        { code: OP.RANGE, inputs: [1, 2, 3], outputs: [4] },
        { code: OP.CONCATENATION, inputs: [4, 5], outputs: [6], options: { type: 10, write: (b: flatbuffers.Builder) => { b.startObject(2); b.addFieldInt32(0, 0, 0); } } },
        { code: OP.RESHAPE, inputs: [6, 7], outputs: [8] },
        { code: OP.TRANSPOSE, inputs: [8, 9], outputs: [10] },
        { code: OP.ADD, inputs: [10, 11], outputs: [12] },
        { code: OP.ADD, inputs: [0, 12], outputs: [13] },
      ],
      inputs: [0],
      outputs: [13],
    });
    const m = loadModelBytes(bytes, 'range_graph.tflite');
    assert.deepEqual(m.graph.folded.map((f) => f.op), ['RANGE', 'CONCATENATION', 'RESHAPE', 'TRANSPOSE', 'ADD']);
    assert.deepEqual(m.graph.nodes.map((n) => n.op), ['ADD']);
    const f = (v: number) => Math.fround(v);
    const cat = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, -1, -2];
    // r[i][j] = cat[4i+j]; t[j][i] = r[i][j]; w = t + 0.1 (float32)
    const w: number[] = [];
    for (let j = 0; j < 4; j++) for (let i = 0; i < 3; i++) w.push(f(f(cat[4 * i + j]) + f(0.1)));
    assert.deepEqual(Array.from(new Float32Array(new Uint8Array(m.graph.tensors[12].data!).buffer)), w);
    // And the firmware computes y = x + w with it.
    withFile('range', bytes, (file) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-fold-run-'));
      try {
        const x = Array.from({ length: 12 }, (_, i) => f(i * 0.5 - 3));
        fs.writeFileSync(path.join(dir, 'in.bin'), floatBytes(x));
        const b = buildHost(loadModel(file), { sanitize: true });
        runHostBinary(b.binary, [path.join(dir, 'in.bin')], [path.join(dir, 'out.bin')]);
        const y = Array.from(new Float32Array(new Uint8Array(fs.readFileSync(path.join(dir, 'out.bin'))).buffer));
        assert.deepEqual(y, x.map((v, i) => f(v + w[i])));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('leaves an op with a run-time input alone, and refuses a RANGE that cannot fold in one line', () => {
    const bytes = buildTflite({
      tensors: [
        { shape: [], type: FLOAT32, name: 'start' },
        { shape: [], type: FLOAT32, data: floatBytes([4]) },
        { shape: [], type: FLOAT32, data: floatBytes([1]) },
        { shape: [4], type: FLOAT32, name: 'y' },
      ],
      ops: [{ code: OP.RANGE, inputs: [0, 1, 2], outputs: [3] }],
      inputs: [0],
      outputs: [3],
    });
    const m = loadModelBytes(bytes, 'range_runtime.tflite');
    assert.deepEqual(m.graph.folded, []);
    assert.throws(() => compile(m), /^TinymlError: range_runtime\.tflite: operator 0 \(RANGE\): RANGE with inputs computed at run time is not supported/);
  });
});
