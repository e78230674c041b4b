/**
 * `tinyml verify`: random inputs through our generated C (host build) and through tflite-micro;
 * int8 outputs must be bit-identical, float32 within a relative tolerance.
 */
import * as fs from 'fs';
import * as path from 'path';
import { HostOptions, buildHost, runHostBatch, tempDir } from './host';
import { Tensor } from './ir';
import { LoadedModel, loadModel } from './model';
import { oracleRun } from './oracle';

export interface VerifyOptions extends HostOptions {
  samples?: number;
  seed?: number;
  /** Relative tolerance for float outputs (absolute below 1). */
  floatTolerance?: number;
}

export interface OutputResult {
  index: number;
  name: string;
  dtype: string;
  identical: boolean;
  /** Largest absolute difference over all samples and elements. */
  maxDiff: number;
  /** Elements that differ (int) or exceed the tolerance (float). */
  mismatches: number;
  withinTolerance: boolean;
}

export interface VerifyResult {
  model: string;
  samples: number;
  /** The model has variable tensors: the samples ran as consecutive steps of one stream. */
  stateful?: boolean;
  outputs: OutputResult[];
  ok: boolean;
}

/** Deterministic generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomTensorBytes(t: Tensor, next: () => number): Buffer {
  const b = Buffer.alloc(t.bytes);
  for (let i = 0; i < t.elements; i++) {
    const r = next();
    switch (t.dtype) {
      case 'int8': b.writeInt8(Math.floor(r * 256) - 128, i); break;
      case 'uint8': b.writeUInt8(Math.floor(r * 256), i); break;
      case 'int16': b.writeInt16LE(Math.floor(r * 65536) - 32768, 2 * i); break;
      case 'int32': b.writeInt32LE(Math.floor(r * 2000) - 1000, 4 * i); break;
      case 'int64': b.writeBigInt64LE(BigInt(Math.floor(r * 2000) - 1000), 8 * i); break;
      case 'bool': b.writeUInt8(r < 0.5 ? 0 : 1, i); break;
      case 'uint32': b.writeUInt32LE(Math.floor(r * 2000), 4 * i); break;
      case 'float32': {
        // Spread float inputs over the quantized range when the model says what it is.
        const span = 4;
        b.writeFloatLE((r * 2 - 1) * span, 4 * i);
        break;
      }
      default: break;
    }
  }
  return b;
}

function readValues(buf: Buffer, dtype: string): number[] {
  const out: number[] = [];
  switch (dtype) {
    case 'int8': for (let i = 0; i < buf.length; i++) out.push(buf.readInt8(i)); break;
    case 'uint8': case 'bool': for (let i = 0; i < buf.length; i++) out.push(buf.readUInt8(i)); break;
    case 'int16': for (let i = 0; i + 1 < buf.length; i += 2) out.push(buf.readInt16LE(i)); break;
    case 'int32': for (let i = 0; i + 3 < buf.length; i += 4) out.push(buf.readInt32LE(i)); break;
    case 'int64': for (let i = 0; i + 7 < buf.length; i += 8) out.push(Number(buf.readBigInt64LE(i))); break;
    case 'uint32': for (let i = 0; i + 3 < buf.length; i += 4) out.push(buf.readUInt32LE(i)); break;
    case 'float32': for (let i = 0; i + 3 < buf.length; i += 4) out.push(buf.readFloatLE(i)); break;
    default: break;
  }
  return out;
}

export function verifyLoaded(model: LoadedModel, opts: VerifyOptions = {}): VerifyResult {
  const samples = opts.samples ?? 20;
  const tol = opts.floatTolerance ?? 1e-5;
  const g = model.graph;
  const build = buildHost(model, opts);
  const dir = tempDir('verify');
  try {
    const next = rng(opts.seed ?? 12345);
    for (let k = 0; k < samples; k++) {
      g.inputs.forEach((ti, i) => fs.writeFileSync(path.join(dir, `s${k}_in${i}.bin`), randomTensorBytes(g.tensors[ti], next)));
    }
    // A stateful model (variable tensors) runs its samples as consecutive steps on both sides,
    // so the state after every step is compared too.
    const steps = g.tensors.some((t) => t.isVariable);
    runHostBatch(build.binary, dir, samples, steps);
    oracleRun(model.path, dir, samples, steps);
    const outputs: OutputResult[] = g.outputs.map((ti, o) => {
      const t = g.tensors[ti];
      let maxDiff = 0, mismatches = 0, identical = true, within = true;
      for (let k = 0; k < samples; k++) {
        const ours = fs.readFileSync(path.join(dir, `s${k}_out${o}.bin`));
        const theirs = fs.readFileSync(path.join(dir, `s${k}_tflm_out${o}.bin`));
        if (!ours.equals(theirs)) identical = false;
        const a = readValues(ours, t.dtype), b = readValues(theirs, t.dtype);
        for (let j = 0; j < Math.max(a.length, b.length); j++) {
          const x = a[j] ?? NaN, y = b[j] ?? NaN;
          // The same value, NaN on both sides (e.g. LOG of a negative) or the same infinity, agrees.
          if (j < a.length && j < b.length && (x === y || (Number.isNaN(x) && Number.isNaN(y)))) continue;
          const d = Math.abs(x - y);
          if (!(d <= maxDiff)) maxDiff = Number.isNaN(d) ? Infinity : Math.max(maxDiff, d);
          if (t.dtype === 'float32') {
            const ok = d <= tol * Math.max(1, Math.abs(y));
            if (!ok) { mismatches++; within = false; }
          } else if (x !== y) {
            mismatches++;
            within = false;
          }
        }
      }
      return { index: o, name: t.name, dtype: t.dtype, identical, maxDiff, mismatches, withinTolerance: within };
    });
    return {
      model: g.label, samples, outputs, stateful: steps,
      ok: outputs.every((o) => (o.dtype === 'float32' ? o.withinTolerance : o.identical)),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function verifyModel(file: string, opts: VerifyOptions = {}): VerifyResult {
  return verifyLoaded(loadModel(file), opts);
}
