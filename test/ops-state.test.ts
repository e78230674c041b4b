/**
 * State kept across invocations (issue 11, "State"): TFLite variable tensors (is_variable) get an
 * arena region of their own that no other tensor reuses, are reset as TFLM resets them (int8 to
 * its zero point, everything else to zeros, the buffer ignored) at the first invocation and by
 * tm_reset(), and keep their bytes from one tm_invoke to the next.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compile } from '../generator/src/codegen';
import { buildHost, hostProjectFiles, runHostBatch, runHostBinary } from '../generator/src/host';
import { verifyModel } from '../generator/src/verify';
import { ROOT, cli, hasCommand } from './helpers/env';
import { testInputValues } from '../generator/src/codegen';
import { loadModel } from '../generator/src/model';
import { oracleRun } from '../generator/src/oracle';
import { loadModelBytes } from '../generator/src/model';
import { Built, assertExact, describeBuiltModels } from './helpers/exact';
import { BTensor, Opt, buildTflite } from './helpers/tflite-builder';

const FLOAT32 = 0, INT8 = 9;
const ADD = 0;
const addOpts: Opt = { type: 11, write: (b) => { b.startObject(1); b.addFieldInt8(0, 0, 0); } };

function f32(values: number[]): Uint8Array {
  return new Uint8Array(new Float32Array(values).buffer);
}

/** in + var -> a; a + var -> b; b + in -> out: the variable is read by two ops, a third buffer is planned around it. */
function addChain(t: { input: BTensor; variable: BTensor; mid: BTensor; mid2: BTensor; out: BTensor }): Uint8Array {
  return buildTflite({
    tensors: [t.input, t.variable, t.mid, t.mid2, t.out],
    ops: [
      { code: ADD, inputs: [0, 1], outputs: [2], options: addOpts },
      { code: ADD, inputs: [2, 1], outputs: [3], options: addOpts },
      { code: ADD, inputs: [3, 0], outputs: [4], options: addOpts },
    ],
    inputs: [0],
    outputs: [4],
  });
}

const INT8_CHAIN = addChain({
  input: { shape: [1, 6], type: INT8, scale: [0.1], zeroPoint: [3], name: 'x' },
  variable: { shape: [1, 6], type: INT8, scale: [0.05], zeroPoint: [-7], name: 'state', isVariable: true },
  mid: { shape: [1, 6], type: INT8, scale: [0.12], zeroPoint: [1] },
  mid2: { shape: [1, 6], type: INT8, scale: [0.15], zeroPoint: [-2] },
  out: { shape: [1, 6], type: INT8, scale: [0.2], zeroPoint: [0] },
});

// A float32 variable with a buffer of non-zero values: TFLM resets it to zeros without reading it.
const FLOAT_CHAIN = addChain({
  input: { shape: [2, 3], type: FLOAT32, name: 'x' },
  variable: { shape: [2, 3], type: FLOAT32, name: 'state', isVariable: true, data: f32([1, 2, 3, 4, 5, 6]) },
  mid: { shape: [2, 3], type: FLOAT32 },
  mid2: { shape: [2, 3], type: FLOAT32 },
  out: { shape: [2, 3], type: FLOAT32 },
});

const BUILT: Built[] = [
  { name: 'variable_add_chain_int8', bytes: INT8_CHAIN },
  { name: 'variable_add_chain_float32', bytes: FLOAT_CHAIN },
];

describe('variable tensors (state kept across invocations)', function () {
  this.timeout(600000);
  describeBuiltModels('tinyml-state-', BUILT, new Set(['variable_add_chain_int8', 'variable_add_chain_float32']));

  it('the planner gives a variable tensor a region of its own, alive at every step', () => {
    const c = compile(loadModelBytes(INT8_CHAIN, 'variable_add_chain_int8.tflite'));
    const v = c.plan.buffers.filter((b) => b.persistent);
    assert.equal(v.length, 1);
    assert.deepEqual(v[0].tensors, [1]);
    assert.equal(v[0].first, 0);
    assert.equal(v[0].last, c.plan.steps - 1);
    for (const b of c.plan.buffers) {
      if (b === v[0]) continue;
      const disjoint = b.offset + b.bytes <= v[0].offset || v[0].offset + v[0].bytes <= b.offset;
      assert.ok(disjoint, `buffer ${b.id} (tensors ${b.tensors}) shares bytes with the variable`);
    }
    const modelC = String(c.files.get('model/model.c'));
    assert.match(modelC, new RegExp(`\\{ tm_arena \\+ ${v[0].offset}, 6u, -7 \\}, /\\* t1 int8\\[1,6\\] state \\*/`));
    assert.match(modelC, /tm_variables, &tm_state_ready, 1/);
  });

  it('a model without variable tensors has no variable table', () => {
    const c = compile(loadModelBytes(buildTflite({
      tensors: [{ shape: [4], type: FLOAT32 }, { shape: [4], type: FLOAT32 }, { shape: [4], type: FLOAT32 }],
      ops: [{ code: ADD, inputs: [0, 1], outputs: [2], options: addOpts }], inputs: [0, 1], outputs: [2],
    }), 'plain.tflite'));
    assert.match(String(c.files.get('model/model.c')), /NULL, NULL, 0\n\};/);
    assert.ok(!String(c.files.get('model/model.c')).includes('tm_variables'));
    assert.ok(c.plan.buffers.every((b) => !b.persistent));
  });

  it('the state persists from one tm_invoke to the next and tm_reset restores it (C, under the sanitizers)', function () {
    const c = compile(loadModelBytes(INT8_CHAIN, 'variable_add_chain_int8.tflite'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-state-c-'));
    try {
      for (const [rel, content] of hostProjectFiles(c)) {
        if (rel === 'app/host_main.c' || rel === 'Makefile') continue;
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), content);
      }
      // The application may write the state itself (as a kernel such as SVDF does): the next
      // invocation must see those bytes, and tm_reset must put the zero point back.
      fs.writeFileSync(path.join(dir, 'main.c'), `#include <stdio.h>
#include <string.h>
#include "model.h"
static void run(int8_t *out) {
  const tm_io *in = tm_input(&tinyml_model, 0);
  memset(in->data, 10, in->bytes);
  if (tm_invoke(&tinyml_model, NULL, NULL, NULL) != TM_OK) { puts("invoke failed"); return; }
  memcpy(out, tm_output(&tinyml_model, 0)->data, 6);
}
int main(void) {
  int8_t first[6], again[6], scribbled[6], reset[6];
  int8_t *state = (int8_t *)tinyml_model.variables[0].data;
  int i;
  run(first);
  for (i = 0; i < 6; ++i) if (state[i] != -7) { puts("state not reset at start-up"); return 1; }
  run(again);
  memset(state, 40, 6);
  run(scribbled);
  for (i = 0; i < 6; ++i) if (state[i] != 40) { puts("state lost between invocations"); return 1; }
  if (tm_reset(&tinyml_model) != TM_OK) return 1;
  for (i = 0; i < 6; ++i) if (state[i] != -7) { puts("tm_reset did not restore the state"); return 1; }
  run(reset);
  printf("%d %d %d %d\\n", first[0], again[0], scribbled[0], reset[0]);
  return memcmp(first, again, 6) != 0 || memcmp(first, reset, 6) != 0 || memcmp(first, scribbled, 6) == 0;
}
`);
      const srcs = [...c.files.keys()].filter((f) => f.endsWith('.c')).map((f) => path.join(dir, f));
      const cc = spawnSync(process.env.CC ?? 'cc', ['-std=c99', '-O1', '-g', '-fsanitize=address,undefined', '-fno-sanitize-recover=all',
        '-Wall', '-Wextra', '-Werror', '-pedantic', '-I', path.join(dir, 'model'), '-I', path.join(dir, 'runtime', 'include'),
        path.join(dir, 'main.c'), ...srcs, '-o', path.join(dir, 'state_test'), '-lm'], { encoding: 'utf8' });
      assert.equal(cc.status, 0, cc.stderr);
      const r = spawnSync(path.join(dir, 'state_test'), { encoding: 'utf8' });
      assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
      const [first, again, scribbled, reset] = r.stdout.trim().split(' ').map(Number);
      assert.equal(first, again);
      assert.equal(first, reset);
      assert.notEqual(first, scribbled);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- SVDF ----

const INT16 = 7, INT32 = 2;
const SVDF_CODE = 27;
const svdfOpts = (rank: number, activation = 0): Opt => ({
  type: 6, write: (b) => { b.startObject(3); b.addFieldInt32(0, rank, 0); b.addFieldInt8(1, activation, 0); },
});

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
}

interface SvdfShape { batch: number; inputSize: number; filters: number; rank: number; memory: number; seed: number; bias?: boolean; activation?: number }

function svdfFloat(s: SvdfShape): Uint8Array {
  const r = seeded(s.seed);
  const vals = (k: number, a: number) => Array.from({ length: k }, () => (r() * 2 - 1) * a);
  const units = s.filters / s.rank;
  const tensors: BTensor[] = [
    { shape: [s.batch, s.inputSize], type: FLOAT32, name: 'x' },
    { shape: [s.filters, s.inputSize], type: FLOAT32, data: f32(vals(s.filters * s.inputSize, 0.5)) },
    { shape: [s.filters, s.memory], type: FLOAT32, data: f32(vals(s.filters * s.memory, 0.5)) },
    { shape: [units], type: FLOAT32, data: f32(vals(units, 0.2)) },
    { shape: [s.batch, s.memory * s.filters], type: FLOAT32, isVariable: true, name: 'svdf_state' },
    { shape: [s.batch, units], type: FLOAT32, name: 'y' },
  ];
  return buildTflite({
    tensors, ops: [{ code: SVDF_CODE, inputs: [0, 1, 2, s.bias === false ? -1 : 3, 4], outputs: [5], options: svdfOpts(s.rank, s.activation ?? 0) }],
    inputs: [0], outputs: [5],
  });
}

function svdfInt8(s: SvdfShape): Uint8Array {
  const r = seeded(s.seed);
  const units = s.filters / s.rank;
  const int = (k: number, lo: number, hi: number) => Array.from({ length: k }, () => Math.floor(lo + r() * (hi - lo + 1)));
  const sx = 0.02, sf = 0.004, sState = 0.0008, sTime = 0.00003, sy = 0.25;
  const tensors: BTensor[] = [
    { shape: [s.batch, s.inputSize], type: INT8, scale: [sx], zeroPoint: [-3], name: 'x' },
    { shape: [s.filters, s.inputSize], type: INT8, scale: [sf], zeroPoint: [0], data: new Uint8Array(new Int8Array(int(s.filters * s.inputSize, -127, 127)).buffer) },
    { shape: [s.filters, s.memory], type: INT16, scale: [sTime], zeroPoint: [0], data: new Uint8Array(new Int16Array(int(s.filters * s.memory, -30000, 30000)).buffer) },
    { shape: [units], type: INT32, scale: [Math.fround(sState * sTime)], zeroPoint: [0], data: new Uint8Array(new Int32Array(int(units, -20000, 20000)).buffer) },
    { shape: [s.batch, s.memory * s.filters], type: INT16, scale: [sState], zeroPoint: [0], isVariable: true, name: 'svdf_state' },
    { shape: [s.batch, units], type: INT8, scale: [sy], zeroPoint: [4], name: 'y' },
  ];
  return buildTflite({
    tensors, ops: [{ code: SVDF_CODE, inputs: [0, 1, 2, 3, 4], outputs: [5], options: svdfOpts(s.rank) }],
    inputs: [0], outputs: [5],
  });
}

const SVDF_BUILT: Built[] = [
  { name: 'svdf_b1_i16_f8_r1_m10_float32', bytes: svdfFloat({ batch: 1, inputSize: 16, filters: 8, rank: 1, memory: 10, seed: 1 }) },
  { name: 'svdf_b2_i12_f12_r2_m6_relu_float32', bytes: svdfFloat({ batch: 2, inputSize: 12, filters: 12, rank: 2, memory: 6, seed: 2, activation: 1 }) },
  { name: 'svdf_b1_i16_f8_r1_m10_int8', bytes: svdfInt8({ batch: 1, inputSize: 16, filters: 8, rank: 1, memory: 10, seed: 4 }) },
  { name: 'svdf_b2_i20_f16_r2_m8_int8', bytes: svdfInt8({ batch: 2, inputSize: 20, filters: 16, rank: 2, memory: 8, seed: 5 }) },
];

describe('SVDF against tflite-micro', function () {
  this.timeout(600000);
  describeBuiltModels('tinyml-svdf-', SVDF_BUILT, new Set(['svdf_b2_i12_f12_r2_m6_relu_float32', 'svdf_b2_i20_f16_r2_m8_int8']));

  it('the int8 model computes values, not saturation or the zero point alone', () => {
    const b = buildHost(loadModelBytes(SVDF_BUILT.find((m) => m.name === 'svdf_b2_i20_f16_r2_m8_int8')!.bytes, 'svdf_values_int8.tflite'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-svdf-v-'));
    try {
      const r = seeded(9);
      fs.writeFileSync(path.join(dir, 'in.bin'), new Uint8Array(new Int8Array(Array.from({ length: 40 }, () => Math.floor(r() * 256) - 128)).buffer));
      runHostBinary(b.binary, [path.join(dir, 'in.bin')], [path.join(dir, 'out.bin')]);
      const y = [...new Int8Array(fs.readFileSync(path.join(dir, 'out.bin')))];
      assert.equal(y.length, 16);
      assert.ok(new Set(y).size >= 8, `outputs ${y}`);
      assert.ok(y.filter((v) => v === 127 || v === -128).length <= 2, `outputs ${y}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('verify runs a stateful model as a sequence of steps, and the state makes later steps differ from a fresh start', () => {
    const file = path.join(os.tmpdir(), `tinyml-svdf-seq-${process.pid}.tflite`);
    fs.writeFileSync(file, SVDF_BUILT.find((m) => m.name === 'svdf_b2_i20_f16_r2_m8_int8')!.bytes);
    try {
      const r = verifyModel(file, { samples: 12 });
      assert.equal(r.stateful, true);
      assertExact(r);
      const cli = spawnSync(path.join(ROOT, 'bin', 'tinyml'), ['verify', file, '--samples', '4'], { encoding: 'utf8' });
      assert.equal(cli.status, 0, cli.stderr);
      assert.match(cli.stdout, /4 steps of a stateful model/);
      // The same input twice in a row gives different outputs: the second step sees the first's state.
      const b = buildHost(loadModelBytes(fs.readFileSync(file), 'svdf_seq.tflite'));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-svdf-seq-'));
      try {
        const x = new Uint8Array(new Int8Array(Array.from({ length: 40 }, (_, i) => ((i * 37) % 200) - 100)).buffer);
        for (const k of [0, 1]) fs.writeFileSync(path.join(dir, `s${k}_in0.bin`), x);
        runHostBatch(b.binary, dir, 2, true);
        const seq = [0, 1].map((k) => fs.readFileSync(path.join(dir, `s${k}_out0.bin`)));
        runHostBatch(b.binary, dir, 2, false);
        const fresh = [0, 1].map((k) => fs.readFileSync(path.join(dir, `s${k}_out0.bin`)));
        assert.ok(seq[0].equals(fresh[0]) && fresh[0].equals(fresh[1]));
        assert.ok(!seq[1].equals(seq[0]), 'the second step should see the state of the first');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('tinyml run takes several --input sets as consecutive steps', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-svdf-run-'));
    try {
      const file = path.join(dir, 'svdf.tflite');
      fs.writeFileSync(file, SVDF_BUILT.find((m) => m.name === 'svdf_b2_i20_f16_r2_m8_int8')!.bytes);
      const x = Buffer.from(Int8Array.from(Array.from({ length: 40 }, (_, i) => ((i * 53) % 250) - 125)).buffer);
      for (const k of [0, 1, 2]) fs.writeFileSync(path.join(dir, `s${k}_in0.bin`), x);
      const args = ['run', file];
      for (const k of [0, 1, 2]) args.push('--input', path.join(dir, `s${k}_in0.bin`));
      for (const k of [0, 1, 2]) args.push('--output', path.join(dir, `o${k}.bin`));
      const r = cli(args);
      assert.equal(r.status, 0, r.stderr);
      oracleRun(file, dir, 3, true);
      for (const k of [0, 1, 2]) {
        assert.ok(fs.readFileSync(path.join(dir, `o${k}.bin`)).equals(fs.readFileSync(path.join(dir, `s${k}_tflm_out0.bin`))), `step ${k} differs from tflite-micro`);
      }
      assert.ok(!fs.readFileSync(path.join(dir, 'o0.bin')).equals(fs.readFileSync(path.join(dir, 'o1.bin'))));
      const bad = cli(['run', file, '--input', path.join(dir, 's0_in0.bin'), '--input', path.join(dir, 's1_in0.bin'), '--output', path.join(dir, 'x.bin')]);
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /^tinyml: .*1 output\(s\); 1 --output file\(s\) given for 2 step\(s\)\n$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses what TFLM refuses', () => {
    assert.throws(() => compile(loadModelBytes(svdfFloat({ batch: 1, inputSize: 5, filters: 4, rank: 2, memory: 3, seed: 3, bias: false }), 'nobias.tflite')),
      /SVDF.*no bias \(TFLM requires one\)/);
    assert.throws(() => compile(loadModelBytes(svdfFloat({ batch: 1, inputSize: 5, filters: 4, rank: 3, memory: 3, seed: 3 }), 'rank3.tflite')),
      /SVDF.*rank 3 with 4 filters/);
  });

  describe('in QEMU on nano33', function () {
    before(function () {
      if (!hasCommand('arm-none-eabi-gcc') || !hasCommand('qemu-system-arm')) this.skip();
    });
    it('the int8 SVDF firmware prints what tflite-micro computes for its built-in input', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-svdf-qemu-'));
      try {
        const file = path.join(dir, 'svdf_int8.tflite');
        fs.writeFileSync(file, SVDF_BUILT.find((m) => m.name === 'svdf_b2_i20_f16_r2_m8_int8')!.bytes);
        const g = loadModel(file).graph;
        const inDir = path.join(dir, 'in');
        fs.mkdirSync(inDir);
        fs.writeFileSync(path.join(inDir, 's0_in0.bin'), Buffer.from(Int8Array.from(testInputValues(g.tensors[g.inputs[0]], 1)).buffer));
        oracleRun(file, inDir, 1);
        const fw = path.join(dir, 'fw');
        const gen = cli(['gen', '--board', 'nano33', '--model', file, '--out', fw]);
        assert.equal(gen.status, 0, gen.stderr);
        const sim = cli(['sim', fw, '--json']);
        assert.equal(sim.status, 0, sim.stderr);
        const outs = (JSON.parse(sim.stdout) as { outputs: { values: number[] }[] }).outputs;
        const b = fs.readFileSync(path.join(inDir, 's0_tflm_out0.bin'));
        assert.deepEqual(outs[0].values, [...new Int8Array(b.buffer, b.byteOffset, b.length)]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
