/**
 * The DSP-extension kernels (--kernels dsp): their portable C build on the host, under
 * -fsanitize=address,undefined, against the reference kernels on random data and many shapes
 * (odd channel counts, strides, padding, dilation, depth multipliers, batches, positive shifts,
 * clamped activations, tiles and bands forced small), and `verify --kernels dsp` against
 * tflite-micro on the shared models and the per-op fixtures (skipped without ../shared or the
 * venv).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { testInputValues } from '../generator/src/codegen';
import { prepareAll } from '../generator/src/ops';
import { buildHost, runHostBatch } from '../generator/src/host';
import { loadModel } from '../generator/src/model';
import { BOp, BTensor, buildTflite, int32Bytes, int8Bytes, opts, lcg, depthwiseOpts, poolOpts } from './helpers/tflite-builder';
import type { Opt } from './helpers/tflite-builder';
import { ROOT, cli, hasCommand, hasVenv, sharedModel } from './helpers/env';

const INT8 = 9, INT32 = 2;
const OP = { ADD: 0, AVERAGE_POOL_2D: 1, CONV_2D: 3, DEPTHWISE_CONV_2D: 4, FULLY_CONNECTED: 9 };

const addOpts = (activation = 0): Opt => ({
  type: 11,
  write: (b) => {
    b.startObject(2);
    b.addFieldInt8(0, activation, 0);
  },
});

/** TFLite output size (SAME = 0, VALID = 1). */
function outSize(padding: number, n: number, f: number, s: number, d: number): number {
  const eff = (f - 1) * d + 1;
  return padding === 0 ? Math.floor((n + s - 1) / s) : Math.floor((n + s - eff) / s);
}

/**
 * One model with many independent ops: each op reads its own graph input and writes a graph
 * output, so one host build checks every shape.
 */
class ManyOps {
  tensors: BTensor[] = [];
  ops: BOp[] = [];
  inputs: number[] = [];
  outputs: number[] = [];
  constructor(private r: () => number) {}

  private add(t: BTensor): number {
    this.tensors.push(t);
    return this.tensors.length - 1;
  }
  private rint(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  /** An activation: scale ~ [0.01, 0.05] (or `scale`), zero point in [-128, 127]. */
  act(shape: number[], input: boolean, scale?: number): number {
    // outputs often at zero point -128 (as after ReLU), which lets the kernels skip a correction
    const zp = !input && this.r() < 0.35 ? -128 : this.rint(-128, 127);
    const t = this.add({ shape, type: INT8, scale: [Math.fround(scale ?? 0.01 + this.r() * 0.04)], zeroPoint: [zp] });
    if (input) this.inputs.push(t);
    return t;
  }
  /** Per-channel int8 weights (some channels all zero); `big` scales push some shifts positive. */
  weights(shape: number[], axis: number, big: boolean): number {
    const n = shape.reduce((a, b) => a * b, 1);
    const ch = shape[axis];
    const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const zeroCh = ch > 2 ? this.rint(0, ch - 1) : -1;
    const v = Array.from({ length: n }, (_, i) => (Math.floor(i / inner) % ch === zeroCh ? 0 : this.rint(-127, 127)));
    const scale = Array.from({ length: ch }, () => Math.fround(big && this.r() < 0.5 ? 0.5 + this.r() * 4 : 0.001 + this.r() * 0.01));
    return this.add({ shape, type: INT8, data: int8Bytes(v), scale, zeroPoint: new Array(ch).fill(0), quantizedDimension: axis });
  }
  bias(n: number): number {
    return this.add({ shape: [n], type: INT32, data: int32Bytes(Array.from({ length: n }, () => this.rint(-3000, 3000))) });
  }
  op(code: number, inputs: number[], out: number, options: Opt): void {
    this.ops.push({ code, inputs, outputs: [out], options });
    this.outputs.push(out);
  }
  /** An output activation; with `act` the activation's range is narrowed. */
  conv(o: { b: number; h: number; w: number; cin: number; cout: number; fh: number; fw: number; s: [number, number]; d?: [number, number]; padding: number; activation?: number; noBias?: boolean; big?: boolean }): void {
    const d = o.d ?? [1, 1];
    if (outSize(o.padding, o.h, o.fh, o.s[0], d[0]) < 1 || outSize(o.padding, o.w, o.fw, o.s[1], d[1]) < 1) o.padding = 0;
    const x = this.act([o.b, o.h, o.w, o.cin], true);
    const w = this.weights([o.cout, o.fh, o.fw, o.cin], 0, !!o.big);
    const bias = o.noBias ? -1 : this.bias(o.cout);
    const oh = outSize(o.padding, o.h, o.fh, o.s[0], d[0]), ow = outSize(o.padding, o.w, o.fw, o.s[1], d[1]);
    const y = this.act([o.b, oh, ow, o.cout], false);
    this.op(OP.CONV_2D, [x, w, bias], y, opts.conv2d({ padding: o.padding, strideH: o.s[0], strideW: o.s[1], dilationH: d[0], dilationW: d[1], activation: o.activation ?? 0 }));
  }
  dw(o: { b: number; h: number; w: number; c: number; m: number; fh: number; fw: number; s: [number, number]; d?: [number, number]; padding: number; activation?: number; noBias?: boolean; big?: boolean }): void {
    const d = o.d ?? [1, 1];
    if (outSize(o.padding, o.h, o.fh, o.s[0], d[0]) < 1 || outSize(o.padding, o.w, o.fw, o.s[1], d[1]) < 1) o.padding = 0;
    const x = this.act([o.b, o.h, o.w, o.c], true);
    const w = this.weights([1, o.fh, o.fw, o.c * o.m], 3, !!o.big);
    const bias = o.noBias ? -1 : this.bias(o.c * o.m);
    const oh = outSize(o.padding, o.h, o.fh, o.s[0], d[0]), ow = outSize(o.padding, o.w, o.fw, o.s[1], d[1]);
    const y = this.act([o.b, oh, ow, o.c * o.m], false);
    this.op(OP.DEPTHWISE_CONV_2D, [x, w, bias], y, depthwiseOpts({ padding: o.padding, stride: o.s, multiplier: o.m, dilation: d, activation: o.activation }));
  }
  fc(o: { b: number; k: number; n: number; activation?: number; noBias?: boolean; big?: boolean }): void {
    const x = this.act([o.b, o.k], true);
    const w = this.weights([o.n, o.k], 0, !!o.big);
    const bias = o.noBias ? -1 : this.bias(o.n);
    const y = this.act([o.b, o.n], false);
    this.op(OP.FULLY_CONNECTED, [x, w, bias], y, opts.fullyConnected(o.activation ?? 0));
  }
  avgpool(o: { b: number; h: number; w: number; c: number; fh: number; fw: number; s: [number, number]; padding: number; activation?: number }): void {
    if (outSize(o.padding, o.h, o.fh, o.s[0], 1) < 1 || outSize(o.padding, o.w, o.fw, o.s[1], 1) < 1) o.padding = 0;
    const x = this.act([o.b, o.h, o.w, o.c], true);
    const oh = outSize(o.padding, o.h, o.fh, o.s[0], 1), ow = outSize(o.padding, o.w, o.fw, o.s[1], 1);
    const q = this.tensors[x];
    const y = this.add({ shape: [o.b, oh, ow, o.c], type: INT8, scale: q.scale, zeroPoint: q.zeroPoint });
    this.op(OP.AVERAGE_POOL_2D, [x], y, poolOpts({ padding: o.padding, stride: o.s, filter: [o.fh, o.fw], activation: o.activation }));
  }
  /** ADD of two graph inputs; `scales` (input 1, input 2, output) default to random ones. */
  addOp(shape: number[], activation = 0, scales?: [number, number, number], shape2?: number[]): void {
    const a = this.act(shape, true, scales?.[0]), b = this.act(shape2 ?? shape, true, scales?.[1]);
    const y = this.act(shape, false, scales?.[2]);
    this.op(OP.ADD, [a, b], y, addOpts(activation));
  }
  /** ADD(ADD(a, b), c): the inner sum dies at the outer ADD, which may write over it (in place). */
  addChain(shape: number[], activation = 0): void {
    const a = this.act(shape, true), b = this.act(shape, true), c = this.act(shape, true);
    const t = this.act(shape, false), y = this.act(shape, false);
    this.ops.push({ code: OP.ADD, inputs: [a, b], outputs: [t], options: addOpts(activation) });
    this.op(OP.ADD, [c, t], y, addOpts(activation));
  }
  build(): Uint8Array {
    return buildTflite({ tensors: this.tensors, ops: this.ops, inputs: this.inputs, outputs: this.outputs });
  }
}

function randomModel(seed: number): Uint8Array {
  const r = lcg(seed);
  const m = new ManyOps(r);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const ri = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  // CONV_2D 1x1 (pointwise): odd and even channel counts, strides, batches
  for (let i = 0; i < 8; i++) {
    m.conv({ b: pick([1, 1, 2]), h: ri(1, 9), w: ri(1, 9), cin: pick([1, 3, 4, 7, 8, 16, 33, 64]), cout: pick([1, 2, 3, 5, 8, 16, 17]), fh: 1, fw: 1, s: [pick([1, 2]), pick([1, 2])], padding: pick([0, 1]), activation: pick([0, 0, 1, 3]), noBias: r() < 0.2, big: r() < 0.3 });
  }
  // CONV_2D general: filter sizes, strides, padding, dilation
  for (let i = 0; i < 8; i++) {
    m.conv({ b: pick([1, 1, 2]), h: ri(3, 11), w: ri(3, 11), cin: pick([1, 2, 3, 4, 5, 8, 16]), cout: pick([1, 2, 3, 4, 7, 16]), fh: ri(1, 5), fw: ri(1, 4), s: [ri(1, 3), ri(1, 3)], d: pick<[number, number]>([[1, 1], [1, 1], [2, 1], [2, 2]]), padding: pick([0, 1]), activation: pick([0, 1, 3]), noBias: r() < 0.2, big: r() < 0.3 });
  }
  // DEPTHWISE_CONV_2D: 3x3 stride 1 and 2 (the fast paths), other sizes, multipliers, dilation
  for (let i = 0; i < 10; i++) {
    const f = i < 6 ? [3, 3] : [ri(1, 5), ri(1, 5)];
    m.dw({ b: pick([1, 1, 2]), h: ri(1, 13), w: ri(1, 13), c: pick([1, 2, 3, 4, 5, 8, 9, 16]), m: i < 6 ? pick([1, 1, 2]) : pick([1, 2, 3]), fh: f[0], fw: f[1], s: i < 3 ? [1, 1] : i < 6 ? [2, 2] : [ri(1, 3), ri(1, 3)], d: i === 9 ? [2, 2] : [1, 1], padding: pick([0, 1]), activation: pick([0, 1, 3]), noBias: r() < 0.2, big: r() < 0.3 });
  }
  // FULLY_CONNECTED: rows, odd depths
  for (let i = 0; i < 6; i++) {
    m.fc({ b: pick([1, 1, 2, 3, 5]), k: pick([1, 3, 4, 7, 16, 33, 64, 100]), n: pick([1, 2, 3, 10, 12]), activation: pick([0, 1]), noBias: r() < 0.2, big: r() < 0.3 });
  }
  // AVERAGE_POOL_2D and ADD
  for (let i = 0; i < 4; i++) {
    m.avgpool({ b: pick([1, 2]), h: ri(1, 9), w: ri(1, 9), c: pick([1, 3, 4, 8, 13, 64]), fh: ri(1, 4), fw: ri(1, 4), s: [ri(1, 3), ri(1, 3)], padding: pick([0, 1]), activation: pick([0, 1]) });
  }
  for (let i = 0; i < 3; i++) m.addOp([1, ri(1, 6), ri(1, 6), pick([1, 3, 4, 16])], pick([0, 1]));
  return m.build();
}

/**
 * Depthwise 3x3 stride 1 and 2 (the fast paths with their row blocks and edges): widths 1-21,
 * channel counts across the groups of four, multipliers, padding, clamps and general shifts.
 */
function randomDwModel(seed: number): Uint8Array {
  const r = lcg(seed * 31 + 5);
  const m = new ManyOps(r);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const ri = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  for (let i = 0; i < 16; i++) {
    m.dw({ b: pick([1, 1, 1, 2]), h: ri(1, 12), w: ri(1, 21), c: pick([1, 2, 3, 4, 5, 7, 8, 12, 16, 17]), m: pick([1, 1, 1, 2]), fh: 3, fw: 3, s: i % 2 === 0 ? [1, 1] : [2, 2], padding: pick([0, 0, 1]), activation: pick([0, 0, 1, 3]), noBias: r() < 0.2, big: r() < 0.25 });
  }
  return m.build();
}

/**
 * ADD and AVERAGE_POOL_2D: input scales far apart (the table input either one), every fused
 * activation, odd element counts, in-place chains, a broadcast (reference) case; pooling with
 * padding, strides, filters up to whole 16x16 and 20x15 windows (lane sums at their limits and
 * split into row groups) and channel counts across the 8/4/1 paths.
 */
function randomAddPoolModel(seed: number): Uint8Array {
  const r = lcg(seed * 13 + 7);
  const m = new ManyOps(r);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const ri = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const logScale = () => Math.fround(10 ** (-3.5 + r() * 3.5));
  for (let i = 0; i < 14; i++) {
    const shape = [pick([1, 2]), ri(1, 7), ri(1, 7), pick([1, 2, 3, 4, 5, 8, 13, 16])];
    // input scales up to 3000x apart; the output's within 4x of the larger (further, the
    // output offset no longer folds into the rounding constant and the reference is kept)
    const s1 = logScale(), s2 = logScale();
    // the last six: power-of-two ratios, so exact rounding ties (the sign correction matters)
    const scales: [number, number, number] = i < 8 ? [s1, s2, Math.max(s1, s2) * 2 ** (r() * 4 - 2)] : i % 2 === 0 ? [0.02, 0.02, 0.04] : [0.01, 0.02, 0.04];
    m.addOp(shape, pick([0, 1, 2, 3]), scales);
  }
  m.addChain([1, ri(1, 5), ri(1, 5), pick([3, 4, 8])], pick([0, 1]));
  m.addOp([1, 3, 4, 5], 0, undefined, [1, 1, 1, 5]);
  for (let i = 0; i < 8; i++) {
    m.avgpool({ b: pick([1, 2]), h: ri(1, 11), w: ri(1, 11), c: pick([1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 16, 17, 24]), fh: ri(1, 6), fw: ri(1, 6), s: [ri(1, 3), ri(1, 3)], padding: pick([0, 1]), activation: pick([0, 1, 3]) });
  }
  m.avgpool({ b: 1, h: 16, w: 16, c: pick([8, 12, 13]), fh: 16, fw: 16, s: [1, 1], padding: 1, activation: 0 });
  m.avgpool({ b: 1, h: 20, w: 15, c: pick([4, 9, 16]), fh: 20, fw: 15, s: [1, 1], padding: 1, activation: pick([0, 1]) });
  return m.build();
}

/** Runs a host build on `samples` random inputs; returns every output file's bytes. */
function runOn(file: string, kernels: 'ref' | 'dsp', inputsDir: string, samples: number, sanitize: boolean): Buffer[] {
  const model = loadModel(file);
  const b = buildHost(model, { kernels, sanitize });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tinyml-dsp-${kernels}-`));
  for (const f of fs.readdirSync(inputsDir)) fs.copyFileSync(path.join(inputsDir, f), path.join(dir, f));
  runHostBatch(b.binary, dir, samples);
  const outs: Buffer[] = [];
  for (let s = 0; s < samples; s++) {
    for (let o = 0; o < model.graph.outputs.length; o++) outs.push(fs.readFileSync(path.join(dir, `s${s}_out${o}.bin`)));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return outs;
}

function writeInputs(file: string, dir: string, samples: number, seed: number): void {
  const g = loadModel(file).graph;
  const r = lcg(seed);
  for (let s = 0; s < samples; s++) {
    g.inputs.forEach((t, i) => {
      const n = g.tensors[t].bytes;
      const buf = Buffer.alloc(n);
      // mostly uniform bytes, sometimes all at one extreme (to reach the accumulators' ends)
      const mode = r();
      for (let j = 0; j < n; j++) buf[j] = mode < 0.1 ? 0x80 : mode < 0.2 ? 0x7f : Math.floor(r() * 256);
      fs.writeFileSync(path.join(dir, `s${s}_in${i}.bin`), buf);
    });
  }
}

describe('DSP kernels (--kernels dsp) against the reference kernels', function () {
  this.timeout(1800000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-dsp-test-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  before(function () {
    if (!hasCommand('cc') && !hasCommand(process.env.CC ?? 'cc')) this.skip();
  });

  const SAMPLES = 6;
  for (const seed of [1, 2, 3]) {
    for (const scratch of [undefined, 600]) {
      const label = scratch ? `, scratch forced to ${scratch} bytes (many tiles and bands)` : '';
      it(`random shapes (seed ${seed}${label}) are bit-identical, under ASan and UBSan`, function () {
        const file = path.join(tmp, `many_${seed}.tflite`);
        fs.writeFileSync(file, randomModel(seed));
        const inDir = path.join(tmp, `in_${seed}`);
        fs.mkdirSync(inDir, { recursive: true });
        writeInputs(file, inDir, SAMPLES, seed * 7 + 1);
        const old = process.env.TINYML_DSP_SCRATCH;
        if (scratch) process.env.TINYML_DSP_SCRATCH = String(scratch);
        try {
          const ref = runOn(file, 'ref', inDir, SAMPLES, false);
          const dsp = runOn(file, 'dsp', inDir, SAMPLES, true);
          assert.equal(dsp.length, ref.length);
          ref.forEach((r, i) => assert.ok(r.equals(dsp[i]), `output file ${i} differs`));
        } finally {
          if (old === undefined) delete process.env.TINYML_DSP_SCRATCH; else process.env.TINYML_DSP_SCRATCH = old;
        }
      });
    }
  }

  for (const seed of [1, 2]) {
    it(`depthwise 3x3 blocks and edges (seed ${seed}) are bit-identical on the host, under ASan and UBSan`, function () {
      const file = path.join(tmp, `dw_${seed}.tflite`);
      fs.writeFileSync(file, randomDwModel(seed));
      const inDir = path.join(tmp, `dw_in_${seed}`);
      fs.mkdirSync(inDir, { recursive: true });
      writeInputs(file, inDir, SAMPLES, seed * 5 + 2);
      const ref = runOn(file, 'ref', inDir, SAMPLES, false);
      const dsp = runOn(file, 'dsp', inDir, SAMPLES, true);
      ref.forEach((r, i) => assert.ok(r.equals(dsp[i]), `output file ${i} differs`));
    });
  }

  for (const seed of [1, 2, 3]) {
    it(`ADD and AVERAGE_POOL_2D ranges, activations and windows (seed ${seed}) are bit-identical on the host, under ASan and UBSan`, function () {
      const file = path.join(tmp, `addpool_${seed}.tflite`);
      fs.writeFileSync(file, randomAddPoolModel(seed));
      const inDir = path.join(tmp, `addpool_in_${seed}`);
      fs.mkdirSync(inDir, { recursive: true });
      writeInputs(file, inDir, SAMPLES, seed * 3 + 4);
      const ref = runOn(file, 'ref', inDir, SAMPLES, false);
      const dsp = runOn(file, 'dsp', inDir, SAMPLES, true);
      ref.forEach((r, i) => assert.ok(r.equals(dsp[i]), `output file ${i} differs`));
      const evals = prepareAll(loadModel(file).graph, { kernels: 'dsp' }).map((p) => p.eval);
      // only the broadcasting ADD keeps the reference
      assert.deepEqual(evals.filter((e) => !e.endsWith('_dsp')), ['tm_eval_add_s8']);
    });
  }

  it('the DSP kernels are the ones used (the reference only where they must not be)', function () {
    const file = path.join(tmp, 'pick.tflite');
    fs.writeFileSync(file, randomModel(1));
    const m = loadModel(file);
    const ps = prepareAll(m.graph, { kernels: 'dsp' });
    const evals = ps.map((p) => p.eval);
    const dspCount = evals.filter((e) => e.endsWith('_dsp')).length;
    // every op but the dilated depthwise convolution (and nothing else) has a DSP kernel,
    // average pooling and (same-shape) ADD included
    const dilatedDw = m.graph.nodes.filter((n) => n.op === 'DEPTHWISE_CONV_2D' && ((n.options.dilationH as number) > 1 || (n.options.dilationW as number) > 1)).length;
    assert.ok(dilatedDw >= 1);
    assert.ok(dspCount >= evals.length - dilatedDw, `only ${dspCount} of ${evals.length} ops use DSP kernels: ${evals.join(' ')}`);
    assert.ok(evals.includes('tm_eval_conv2d_1x1_s8_dsp') && evals.includes('tm_eval_conv2d_s8_dsp') &&
      evals.includes('tm_eval_depthwise_conv2d_s8_dsp') && evals.includes('tm_eval_fully_connected_s8_dsp') &&
      evals.includes('tm_eval_avg_pool_s8_dsp') && evals.includes('tm_eval_add_s8_dsp'));
    const ref = prepareAll(m.graph, { kernels: 'ref' }).map((p) => p.eval);
    assert.ok(ref.every((e) => !e.endsWith('_dsp')));
  });

  describe('the Cortex-M4 instructions (asm paths) in QEMU on nano33', function () {
    before(function () {
      if (!hasCommand('arm-none-eabi-gcc') || !hasCommand('qemu-system-arm')) this.skip();
    });
    const cases: { name: string; model: (seed: number) => Uint8Array; seed: number; scratch?: number }[] = [
      { name: 'random shapes', model: randomModel, seed: 1 },
      { name: 'random shapes', model: randomModel, seed: 2, scratch: 600 },
      { name: 'depthwise 3x3 blocks and edges', model: randomDwModel, seed: 1 },
      { name: 'depthwise 3x3 blocks and edges', model: randomDwModel, seed: 2, scratch: 600 },
      { name: 'add and avgpool ranges and windows', model: randomAddPoolModel, seed: 1 },
      { name: 'add and avgpool ranges and windows', model: randomAddPoolModel, seed: 2 },
    ];
    for (const c of cases) {
      const label = `${c.name} (seed ${c.seed}${c.scratch ? `, scratch ${c.scratch} bytes` : ''})`;
      it(`${label}: the firmware's outputs equal the host reference kernels'`, function () {
        const file = path.join(tmp, `qemu_${c.name.split(' ')[0]}_${c.seed}.tflite`);
        fs.writeFileSync(file, c.model(c.seed));
        const inDir = path.join(tmp, `qemu_in_${c.name.split(' ')[0]}_${c.seed}`);
        fs.mkdirSync(inDir, { recursive: true });
        // the firmware's built-in test input (too many inputs for the semihosting command line)
        const g = loadModel(file).graph;
        g.inputs.forEach((t, i) => fs.writeFileSync(path.join(inDir, `s0_in${i}.bin`), Buffer.from(Int8Array.from(testInputValues(g.tensors[t], 1)).buffer)));
        const ref = runOn(file, 'ref', inDir, 1, false);
        const dir = path.join(tmp, `qemu_fw_${c.name.split(' ')[0]}_${c.seed}`);
        const old = process.env.TINYML_DSP_SCRATCH;
        if (c.scratch) process.env.TINYML_DSP_SCRATCH = String(c.scratch);
        try {
          const gen = cli(['gen', '--board', 'nano33', '--model', file, '--out', dir]);
          assert.equal(gen.status, 0, gen.stderr);
          assert.match(gen.stdout, /DSP kernels for \d+ of/);
        } finally {
          if (old === undefined) delete process.env.TINYML_DSP_SCRATCH; else process.env.TINYML_DSP_SCRATCH = old;
        }
        const sim = cli(['sim', dir, '--json']);
        assert.equal(sim.status, 0, sim.stderr);
        const outs = (JSON.parse(sim.stdout) as { outputs: { values: number[] }[] }).outputs;
        assert.equal(outs.length, g.outputs.length);
        assert.equal(ref.length, g.outputs.length);
        ref.forEach((b, o) => assert.deepEqual(outs[o].values, [...new Int8Array(b.buffer, b.byteOffset, b.length)], `output ${o} differs`));
      });
    }
  });

  describe('verify --kernels dsp against tflite-micro', function () {
    before(function () {
      if (!hasVenv()) this.skip();
    });
    for (const name of ['mlperf_kws_ref_model.tflite', 'mlperf_vww_96_int8.tflite', 'mlperf_pretrainedResnet_quant.tflite', 'mlperf_ad01_int8.tflite', 'tflm_hello_world_int8.tflite']) {
      it(`${name} is bit-identical`, function () {
        const file = sharedModel(name);
        if (!file) this.skip();
        const r = cli(['verify', file!, '--kernels', 'dsp', '--samples', '5', '--json']);
        assert.equal(r.status, 0, r.stderr || r.stdout);
      });
    }
    it('the int8 per-op fixtures (conv2d, dwconv, fc, avgpool, add) are bit-identical', function () {
      const dir = path.join(ROOT, 'test', 'fixtures', 'ops');
      const files = fs.existsSync(dir)
        ? fs.readdirSync(dir).filter((f) => /^(conv2d|dwconv|fc|avgpool|add)_.*int8\.tflite$/.test(f))
        : [];
      if (files.length === 0) this.skip();
      for (const f of files) {
        const r = cli(['verify', path.join(dir, f), '--kernels', 'dsp', '--samples', '5', '--sanitize', '--json']);
        assert.equal(r.status, 0, `${f}: ${r.stderr || r.stdout}`);
      }
    });
  });
});
