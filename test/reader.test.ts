import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compile } from '../generator/src/codegen';
import { inspectModel } from '../generator/src/inspect';
import { TinymlError } from '../generator/src/errors';
import { loadModel, loadModelBytes } from '../generator/src/model';
import { readTflite } from '../generator/src/tflite';
import { buildTflite, int8Bytes, opts, tinyFcModel } from './helpers/tflite-builder';
import { cli, lines, sharedModel } from './helpers/env';

function modelOrSkip(ctx: Mocha.Context, name: string): string {
  const p = sharedModel(name);
  if (!p) ctx.skip();
  return p as string;
}

describe('the .tflite reader on the real models in ../shared/models', () => {
  it('reads MLPerf keyword spotting exactly', function () {
    const j = inspectModel(loadModel(modelOrSkip(this, 'mlperf_kws_ref_model.tflite')));
    assert.deepEqual(j.opCounts, { CONV_2D: 5, DEPTHWISE_CONV_2D: 4, AVERAGE_POOL_2D: 1, RESHAPE: 1, FULLY_CONNECTED: 1, SOFTMAX: 1 });
    assert.equal(j.macs, 2664780);
    assert.deepEqual(j.inputs[0].shape, [1, 49, 10, 1]);
    assert.equal(j.inputs[0].dtype, 'int8');
    assert.equal(Math.fround(j.inputs[0].scale), Math.fround(0.5847029));
    assert.equal(j.inputs[0].zeroPoint, 83);
    assert.deepEqual(j.outputs[0].shape, [1, 12]);
    assert.equal(j.outputs[0].zeroPoint, -128);
    assert.equal(Math.fround(j.outputs[0].scale), Math.fround(1 / 256));
    assert.deepEqual(j.unsupportedOps, []);
  });

  it('reads per-channel quantization of a convolution filter', function () {
    const m = loadModel(modelOrSkip(this, 'mlperf_kws_ref_model.tflite'));
    const conv = m.graph.nodes.find((n) => n.op === 'CONV_2D')!;
    const w = m.graph.tensors[conv.inputs[1]];
    assert.equal(w.dtype, 'int8');
    assert.equal(w.quant!.axis, 0);
    assert.equal(w.quant!.scale.length, w.shape[0]);
    assert.ok(w.quant!.zeroPoint.every((z) => z === 0));
    assert.deepEqual(conv.options.padding, 0);
    assert.equal(conv.options.strideH, 2);
    assert.equal(conv.options.strideW, 2);
  });

  it('reads MLPerf visual wake words: about 7.49 M MACs', function () {
    const j = inspectModel(loadModel(modelOrSkip(this, 'mlperf_vww_96_int8.tflite')));
    assert.deepEqual(j.opCounts, { CONV_2D: 14, DEPTHWISE_CONV_2D: 13, AVERAGE_POOL_2D: 1, RESHAPE: 1, FULLY_CONNECTED: 1, SOFTMAX: 1 });
    assert.equal(j.macs, 7491970);
    assert.deepEqual(j.inputs[0].shape, [1, 96, 96, 3]);
    assert.deepEqual(j.outputs[0].shape, [1, 2]);
  });

  it('reads ResNet-8, the anomaly detector and hello world', function () {
    const r = inspectModel(loadModel(modelOrSkip(this, 'mlperf_pretrainedResnet_quant.tflite')));
    assert.deepEqual(r.opCounts, { CONV_2D: 9, ADD: 3, AVERAGE_POOL_2D: 1, RESHAPE: 1, FULLY_CONNECTED: 1, SOFTMAX: 1 });
    assert.deepEqual(r.inputs[0].shape, [1, 32, 32, 3]);
    const ad = inspectModel(loadModel(modelOrSkip(this, 'mlperf_ad01_int8.tflite')));
    assert.deepEqual(ad.opCounts, { FULLY_CONNECTED: 10 });
    assert.equal(ad.macs, 264192);
    assert.deepEqual(ad.inputs[0].shape, [1, 640]);
    const hw = inspectModel(loadModel(modelOrSkip(this, 'tflm_hello_world_int8.tflite')));
    assert.deepEqual(hw.opCounts, { FULLY_CONNECTED: 3 });
    assert.equal(hw.macs, 16 + 256 + 16);
    const hf = inspectModel(loadModel(modelOrSkip(this, 'tflm_hello_world_float.tflite')));
    assert.equal(hf.inputs[0].dtype, 'float32');
    assert.equal(hf.inputs[0].scale, 0);
  });
});

describe('the .tflite reader on models the suite builds', () => {
  it('reads tensors, options and buffers of a built model', () => {
    const m = loadModelBytes(tinyFcModel(), 'tiny.tflite');
    assert.equal(m.graph.nodes.length, 2);
    assert.equal(m.graph.nodes[0].op, 'FULLY_CONNECTED');
    assert.equal(m.graph.nodes[0].options.activation, 1);
    assert.deepEqual(m.graph.tensors[1].shape, [6, 8]);
    assert.equal(m.graph.tensors[1].data!.length, 48);
    assert.equal(m.graph.tensors[0].quant!.zeroPoint[0], -3);
  });

  it('reads buffers stored by offset and size after the flatbuffer', () => {
    const inline = loadModelBytes(tinyFcModel(), 'a.tflite');
    const bytes = tinyFcModel({ external: true });
    const raw = readTflite(bytes, 'b.tflite');
    assert.ok(raw.buffers.some((b) => b.external));
    const ext = loadModelBytes(bytes, 'b.tflite');
    for (let i = 0; i < inline.graph.tensors.length; i++) {
      assert.deepEqual(ext.graph.tensors[i].data ? [...ext.graph.tensors[i].data!] : null, inline.graph.tensors[i].data ? [...inline.graph.tensors[i].data!] : null);
    }
  });

  it('names every unsupported op, including custom ones', () => {
    const bytes = buildTflite({
      tensors: [
        { shape: [1, 4], type: 0 }, { shape: [1, 4], type: 0 }, { shape: [1, 4], type: 0 }, { shape: [1, 4], type: 0 },
      ],
      ops: [
        { code: 13, inputs: [0], outputs: [1] }, // LOCAL_RESPONSE_NORMALIZATION (not in TFLM either)
        { code: 'MyCustomOp', inputs: [1], outputs: [2] },
        { code: 13, inputs: [2], outputs: [3] },
      ],
      inputs: [0], outputs: [3],
    });
    const m = loadModelBytes(bytes, 'u.tflite');
    assert.deepEqual(m.validation.unsupported, [{ op: 'LOCAL_RESPONSE_NORMALIZATION', count: 2 }, { op: 'CUSTOM:MyCustomOp', count: 1 }]);
  });

  it('rejects an out-of-range tensor index with the place and the problem', () => {
    const bytes = buildTflite({
      tensors: [{ shape: [1, 4], type: 9, scale: [1], zeroPoint: [0] }, { shape: [4, 4], type: 9, data: int8Bytes(new Array(16).fill(1)), scale: [1] }],
      ops: [{ code: 9, inputs: [0, 1, 412], outputs: [0], options: opts.fullyConnected() }],
      inputs: [0], outputs: [0],
    });
    assert.throws(() => loadModelBytes(bytes, 'kws.tflite'), (e: Error) => {
      assert.ok(e instanceof TinymlError);
      assert.equal(e.message, 'kws.tflite: operator 0 (FULLY_CONNECTED): input: 2 is tensor 412, but the subgraph has 2 tensors');
      return true;
    });
  });

  it('rejects int8 activations without quantization, and shape mismatches', () => {
    const noQuant = buildTflite({
      tensors: [{ shape: [1, 4], type: 9 }, { shape: [2, 4], type: 9, data: int8Bytes(new Array(8).fill(1)), scale: [1] }, { shape: [1, 2], type: 9, scale: [1] }],
      ops: [{ code: 9, inputs: [0, 1, -1], outputs: [2], options: opts.fullyConnected() }],
      inputs: [0], outputs: [2],
    });
    assert.throws(() => loadModelBytes(noQuant, 'q.tflite'), /operator 0 \(FULLY_CONNECTED\): int8 tensor 0 .* has no quantization parameters/);
    const badShape = buildTflite({
      tensors: [{ shape: [1, 4], type: 9, scale: [1] }, { shape: [2, 4], type: 9, data: int8Bytes(new Array(8).fill(1)), scale: [1] }, { shape: [1, 3], type: 9, scale: [1] }],
      ops: [{ code: 9, inputs: [0, 1, -1], outputs: [2], options: opts.fullyConnected() }],
      inputs: [0], outputs: [2],
    });
    assert.throws(() => loadModelBytes(badShape, 's.tflite'), /output \[1,3\] should hold 1x2 values/);
  });

  it('rejects unsupported types by name', () => {
    const bytes = buildTflite({
      tensors: [{ shape: [1, 4], type: 1 }, { shape: [1, 4], type: 1 }], // float16
      ops: [{ code: 19, inputs: [0], outputs: [1] }],
      inputs: [0], outputs: [1],
    });
    assert.throws(() => loadModelBytes(bytes, 'f16.tflite'), /input type float16 is not supported/);
  });
});

describe('the .tflite reader on broken input', () => {
  it('gives one-line errors for empty, short and foreign files', () => {
    assert.throws(() => loadModelBytes(new Uint8Array(0), 'e.tflite'), /e.tflite: the file is empty/);
    assert.throws(() => loadModelBytes(new Uint8Array(5), 'e.tflite'), /too short/);
    assert.throws(() => loadModelBytes(Buffer.from('this is a text file, not a model'), 'x.tflite'), /not a TFLite model \(file identifier is " is "/);
  });

  it('survives thousands of mutated and truncated real models (fuzz)', function () {
    this.timeout(120000);
    const sources: Uint8Array[] = [sharedModel('mlperf_kws_ref_model.tflite'), sharedModel('tflm_hello_world_int8.tflite'), sharedModel('mlperf_ad01_int8.tflite')]
      .filter((p): p is string => !!p)
      .map((p) => new Uint8Array(fs.readFileSync(p)) as Uint8Array);
    sources.push(tinyFcModel(), tinyFcModel({ external: true }));
    let seed = 99;
    const rand = (n: number) => { seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; return seed % n; };
    let parsed = 0, rejected = 0;
    const started = Date.now();
    const N = 6000;
    for (let k = 0; k < N; k++) {
      const src = sources[k % sources.length];
      let m: Uint8Array;
      const kind = rand(4);
      if (kind === 0) {
        m = src.slice(0, rand(src.length));
      } else {
        m = src.slice();
        const flips = 1 + rand(kind === 3 ? 64 : 8);
        // Mutations concentrate on the flatbuffer's tables (its first part), where offsets live.
        const region = Math.min(m.length, kind === 2 ? 4096 : m.length);
        for (let f = 0; f < flips; f++) {
          const pos = rand(region);
          m[pos] = kind === 1 ? m[pos] ^ (1 << rand(8)) : rand(256);
        }
      }
      const t0 = Date.now();
      try {
        const lm = loadModelBytes(m, 'fuzz.tflite');
        inspectModel(lm);
        // A model that still parses must also compile, or be refused with a TinymlError.
        if (k % 25 === 0 && lm.validation.unsupported.length === 0) compile(lm);
        parsed++;
      } catch (e) {
        if (!(e instanceof TinymlError)) {
          assert.fail(`mutation ${k} threw ${(e as Error).name}: ${(e as Error).message}`);
        }
        assert.ok(!e.message.includes('\n'), 'error is one line');
        rejected++;
      }
      assert.ok(Date.now() - t0 < 2000, `mutation ${k} took too long`);
    }
    assert.equal(parsed + rejected, N);
    assert.ok(rejected > 100, `expected many rejections, got ${rejected}`);
    assert.ok(Date.now() - started < 110000);
  });
});

describe('tinyml inspect (CLI)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-inspect-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('prints the JSON contract for keyword spotting', function () {
    const kws = modelOrSkip(this, 'mlperf_kws_ref_model.tflite');
    const r = cli(['inspect', kws, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    for (const k of ['model', 'inputs', 'outputs', 'ops', 'opCounts', 'macs', 'weightsBytes', 'unsupportedOps']) assert.ok(k in j, k);
    assert.deepEqual(j.opCounts, { CONV_2D: 5, DEPTHWISE_CONV_2D: 4, AVERAGE_POOL_2D: 1, RESHAPE: 1, FULLY_CONNECTED: 1, SOFTMAX: 1 });
    assert.ok(Math.abs(j.macs - 2.66e6) < 0.01e6);
    assert.deepEqual(Object.keys(j.inputs[0]).sort(), ['dtype', 'name', 'scale', 'shape', 'zeroPoint']);
    assert.deepEqual(Object.keys(j.ops[0]).sort(), ['index', 'inputs', 'macs', 'outputs', 'type']);
  });

  it('prints a readable table', function () {
    const kws = modelOrSkip(this, 'mlperf_kws_ref_model.tflite');
    const r = cli(['inspect', kws]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /DEPTHWISE_CONV_2D/);
    assert.match(r.stdout, /2\.66 M MACs/);
    assert.match(r.stdout, /unsupported ops: none/);
  });

  const bad: [string, () => string][] = [
    ['a missing file', () => path.join(tmp, 'nope.tflite')],
    ['an empty file', () => { const p = path.join(tmp, 'empty.tflite'); fs.writeFileSync(p, ''); return p; }],
    ['random bytes', () => { const p = path.join(tmp, 'random.tflite'); const b = Buffer.alloc(5000); for (let i = 0; i < b.length; i++) b[i] = (i * 7919) & 0xff; fs.writeFileSync(p, b); return p; }],
    ['a truncated model', () => { const p = path.join(tmp, 'trunc.tflite'); fs.writeFileSync(p, Buffer.from(tinyFcModel()).subarray(0, 200)); return p; }],
    ['a model with corrupted offsets', () => {
      const p = path.join(tmp, 'corrupt.tflite');
      const b = Buffer.from(tinyFcModel());
      b.writeUInt32LE(0x7ffffff0, 0); // root table offset far past the end
      fs.writeFileSync(p, b);
      return p;
    }],
    ['a folder', () => tmp],
  ];
  for (const [what, make] of bad) {
    it(`ends in a short message and a nonzero exit for ${what}`, () => {
      const r = cli(['inspect', make()]);
      assert.notEqual(r.status, 0);
      assert.ok(lines(r.stderr).length >= 1 && lines(r.stderr).length <= 2, r.stderr);
      assert.match(r.stderr, /^tinyml: /);
      assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
    });
  }

  it('rejects an unknown command and a missing argument with a nonzero exit', () => {
    assert.notEqual(cli(['frobnicate']).status, 0);
    const r = cli(['inspect']);
    assert.notEqual(r.status, 0);
    assert.ok(lines(r.stderr).length <= 2);
  });
});
