import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compile } from '../generator/src/codegen';
import { prepareAll } from '../generator/src/ops';
import { buildHost } from '../generator/src/host';
import { loadModel, loadModelBytes } from '../generator/src/model';
import { oracleAlloc } from '../generator/src/oracle';
import { checkPlan, planMemory } from '../generator/src/planner';
import { verifyLoaded } from '../generator/src/verify';
import { cli, hasVenv, lines, sharedModel } from './helpers/env';
import { buildTflite, int8Bytes, opts, tinyFcModel } from './helpers/tflite-builder';

const SHARED = [
  'mlperf_kws_ref_model.tflite',
  'mlperf_vww_96_int8.tflite',
  'mlperf_pretrainedResnet_quant.tflite',
  'mlperf_ad01_int8.tflite',
  'tflm_hello_world_int8.tflite',
  'tflm_hello_world_float.tflite',
];

describe('the memory planner', () => {
  it('plans a built model at its lower bound with no overlaps', () => {
    const m = loadModelBytes(tinyFcModel({ in: 40, hidden: 24, out: 8 }), 'tiny.tflite');
    const plan = planMemory(m.graph, prepareAll(m.graph, { kernels: 'ref' }));
    assert.equal(checkPlan(plan), null);
    // input (40) and hidden (24) live together at op 0; hidden and output (8) at op 1.
    assert.equal(plan.lowerBound, 64);
    assert.equal(plan.arenaBytes, 64);
  });

  it('makes reshapes aliases: no copy, one buffer', function () {
    const kws = sharedModel('mlperf_kws_ref_model.tflite');
    if (!kws) this.skip();
    const m = loadModel(kws!);
    const plan = planMemory(m.graph, prepareAll(m.graph, { kernels: 'ref' }));
    const reshape = m.graph.nodes.find((n) => n.op === 'RESHAPE')!;
    assert.equal(plan.tensorOffset.get(reshape.inputs[0]), plan.tensorOffset.get(reshape.outputs[0]));
    assert.ok(plan.buffers.some((b) => b.tensors.includes(reshape.inputs[0]) && b.tensors.includes(reshape.outputs[0])));
  });
});

describe('generated C against tflite-micro (host build)', function () {
  before(function () {
    if (!hasVenv()) this.skip();
  });

  for (const name of SHARED) {
    it(`${name}: bit-exact on random inputs, arena at most TFLM's and within 10% of the lower bound`, function () {
      const p = sharedModel(name);
      if (!p) this.skip();
      const m = loadModel(p!);
      const r = verifyLoaded(m, { samples: name.includes('vww') || name.includes('Resnet') ? 10 : 30 });
      for (const o of r.outputs) {
        if (o.dtype === 'float32') assert.ok(o.withinTolerance, `output ${o.index}: max diff ${o.maxDiff}`);
        else assert.ok(o.identical, `output ${o.index}: ${o.mismatches} values differ, max diff ${o.maxDiff}`);
      }
      const c = compile(m);
      const tflm = oracleAlloc(p!);
      assert.ok(c.plan.arenaBytes <= tflm.total, `arena ${c.plan.arenaBytes} > TFLM ${tflm.total}`);
      assert.ok(c.plan.arenaBytes <= 1.1 * c.plan.lowerBound, `arena ${c.plan.arenaBytes} vs lower bound ${c.plan.lowerBound}`);
    });
  }

  it('hello world and the anomaly detector stay exact under -fsanitize=address,undefined', function () {
    for (const name of ['tflm_hello_world_int8.tflite', 'tflm_hello_world_float.tflite', 'mlperf_ad01_int8.tflite']) {
      const p = sharedModel(name);
      if (!p) this.skip();
      const r = verifyLoaded(loadModel(p!), { samples: 10, sanitize: true });
      assert.ok(r.ok, `${name} under sanitizers`);
    }
  });

  it('a two-input FULLY_CONNECTED (no bias tensor at all) is exact under sanitizers', function () {
    const bytes = buildTflite({
      tensors: [
        { shape: [1, 6], type: 9, name: 'x', scale: [0.1], zeroPoint: [3] },
        { shape: [4, 6], type: 9, name: 'w', data: int8Bytes([5, -7, 9, 11, -13, 2, 1, 1, 1, 1, 1, 1, -128, 127, 0, 3, 4, 5, 6, 7, 8, 9, 10, 11]), scale: [0.02] },
        { shape: [1, 4], type: 9, name: 'y', scale: [0.05], zeroPoint: [-4] },
      ],
      ops: [{ code: 9, inputs: [0, 1], outputs: [2], options: opts.fullyConnected(0) }],
      inputs: [0], outputs: [2],
    });
    const file = path.join(os.tmpdir(), `tinyml-fc2-${process.pid}.tflite`);
    fs.writeFileSync(file, bytes);
    try {
      const r = verifyLoaded(loadModel(file), { samples: 20, sanitize: true });
      assert.ok(r.ok, JSON.stringify(r.outputs));
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it("a conv whose rank-1 bias lists per-channel scales on dimension 3 (TFLM's person_detect) loads and is exact", function () {
    const scales = [0.004, 0.006, 0.008, 0.01];
    const bytes = buildTflite({
      tensors: [
        { shape: [1, 5, 5, 2], type: 9, name: 'x', scale: [0.05], zeroPoint: [-3] },
        { shape: [4, 3, 3, 2], type: 9, name: 'w', data: int8Bytes(Array.from({ length: 72 }, (_, i) => ((i * 37) % 255) - 127)), scale: scales, zeroPoint: [0, 0, 0, 0], quantizedDimension: 0 },
        // As the converter wrote it: 4 scales, but quantized_dimension 3 of a rank-1 tensor.
        { shape: [4], type: 2, name: 'b', data: new Uint8Array(new Int32Array([100, -200, 300, -400]).buffer), scale: scales.map((s) => s * 0.05), zeroPoint: [0, 0, 0, 0], quantizedDimension: 3 },
        { shape: [1, 3, 3, 4], type: 9, name: 'y', scale: [0.1], zeroPoint: [5] },
      ],
      ops: [{ code: 3, inputs: [0, 1, 2], outputs: [3], options: opts.conv2d({ padding: 1, strideW: 1, strideH: 1 }) }],
      inputs: [0], outputs: [3],
    });
    const file = path.join(os.tmpdir(), `tinyml-biasq-${process.pid}.tflite`);
    fs.writeFileSync(file, bytes);
    try {
      const r = verifyLoaded(loadModel(file), { samples: 20, sanitize: true });
      assert.ok(r.ok, JSON.stringify(r.outputs));
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('the keyword-spotting host binary links no kernel for an op the model does not use', function () {
    const p = sharedModel('mlperf_kws_ref_model.tflite');
    if (!p) this.skip();
    const b = buildHost(loadModel(p!));
    const nm = spawnSync('nm', ['--defined-only', b.binary], { encoding: 'utf8' });
    assert.equal(nm.status, 0);
    const syms = nm.stdout.split('\n').map((l) => l.trim().split(/\s+/).pop() ?? '').filter((s) => s.startsWith('tm_'));
    const used = ['conv2d', 'depthwise_conv2d', 'avg_pool', 'fully_connected', 'softmax'];
    const unused = ['max_pool', 'add', 'sub', 'mul', 'quantize', 'dequantize', 'logistic', 'tanh', 'relu', 'leaky_relu', 'hard_swish', 'concatenation', 'pad', 'mean', 'strided_slice', 'transpose'];
    for (const u of used) assert.ok(syms.some((s) => s.includes(u)), `expected a ${u} kernel`);
    for (const u of unused) {
      const bad = syms.filter((s) => new RegExp(`^tm_(eval_)?${u}_`).test(s));
      assert.deepEqual(bad, [], `kernel symbols for unused op ${u}`);
    }
    assert.ok(!syms.some((s) => /_f32$/.test(s)), 'no float kernels in an int8 model');
  });
});

describe('tinyml run', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-run-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('runs a model on raw input files and writes raw outputs', function () {
    const p = sharedModel('tflm_hello_world_float.tflite');
    if (!p) this.skip();
    const inp = path.join(tmp, 'x.bin');
    const out = path.join(tmp, 'y.bin');
    const b = Buffer.alloc(4);
    b.writeFloatLE(Math.PI / 2, 0);
    fs.writeFileSync(inp, b);
    const r = cli(['run', p!, '--input', inp, '--output', out]);
    assert.equal(r.status, 0, r.stderr);
    const y = fs.readFileSync(out).readFloatLE(0);
    assert.ok(Math.abs(y - 1) < 0.2, `sin(pi/2) should be near 1, got ${y}`);
  });

  it('gives one-line errors for a wrong input size and a missing input file', function () {
    const p = sharedModel('tflm_hello_world_int8.tflite');
    if (!p) this.skip();
    const wrong = path.join(tmp, 'wrong.bin');
    fs.writeFileSync(wrong, Buffer.alloc(7));
    const r1 = cli(['run', p!, '--input', wrong, '--output', path.join(tmp, 'o.bin')]);
    assert.notEqual(r1.status, 0);
    assert.equal(lines(r1.stderr).length, 1, r1.stderr);
    assert.match(r1.stderr, /has 7 bytes, the model input needs exactly 1/);
    const r2 = cli(['run', p!, '--input', path.join(tmp, 'missing.bin'), '--output', path.join(tmp, 'o.bin')]);
    assert.notEqual(r2.status, 0);
    assert.equal(lines(r2.stderr).length, 1, r2.stderr);
    assert.match(r2.stderr, /missing\.bin: cannot open input file/);
    const r3 = cli(['run', p!]);
    assert.notEqual(r3.status, 0);
    assert.match(r3.stderr, /has 1 input\(s\); 0 --input file\(s\) given/);
  });

  it('gen refuses to overwrite a folder it did not make, and writes nothing for a bad model', function () {
    const p = sharedModel('tflm_hello_world_int8.tflite');
    if (!p) this.skip();
    const foreign = path.join(tmp, 'foreign');
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, 'keep.txt'), 'mine');
    const r = cli(['gen', '--board', 'host', '--model', p!, '--out', foreign]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /refusing to overwrite/);
    assert.equal(fs.readFileSync(path.join(foreign, 'keep.txt'), 'utf8'), 'mine');
    const bad = path.join(tmp, 'bad.tflite');
    fs.writeFileSync(bad, 'nonsense');
    const out = path.join(tmp, 'never');
    const r2 = cli(['gen', '--board', 'host', '--model', bad, '--out', out]);
    assert.notEqual(r2.status, 0);
    assert.ok(!fs.existsSync(out), 'no output folder for a bad model');
    assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.includes('.tmp-')), []);
  });
});
