/**
 * Builds small .tflite models in the tests, with the flatbuffers npm Builder and the field slots
 * of the TFLite schema (generator/schema/tflite.fbs). Lets tests make models no converter would
 * (bad indices, unknown ops, odd types) as well as ordinary ones.
 */
import * as flatbuffers from 'flatbuffers';

export interface BTensor {
  shape: number[];
  type: number; // TensorType code: 0 float32, 2 int32, 9 int8, ...
  name?: string;
  data?: Uint8Array;
  scale?: number[];
  zeroPoint?: number[];
  quantizedDimension?: number;
  /** A variable tensor (is_variable, slot 5): state kept across invocations. */
  isVariable?: boolean;
}

export interface BOp {
  /** BuiltinOperator code, or a custom code name. */
  code: number | string;
  inputs: number[];
  outputs: number[];
  /** Options: union type and a writer for the table's fields. */
  options?: { type: number; write: (b: flatbuffers.Builder) => void };
  version?: number;
}

export interface BModel {
  tensors: BTensor[];
  ops: BOp[];
  inputs: number[];
  outputs: number[];
  description?: string;
  /** Store buffers after the flatbuffer by offset/size instead of inline. */
  externalBuffers?: boolean;
}

function intVector(b: flatbuffers.Builder, values: number[]): number {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addInt32(values[i]);
  return b.endVector();
}

function floatVector(b: flatbuffers.Builder, values: number[]): number {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]);
  return b.endVector();
}

function longVector(b: flatbuffers.Builder, values: number[]): number {
  b.startVector(8, values.length, 8);
  for (let i = values.length - 1; i >= 0; i--) b.addInt64(BigInt(values[i]));
  return b.endVector();
}

function offsetVector(b: flatbuffers.Builder, offs: number[]): number {
  b.startVector(4, offs.length, 4);
  for (let i = offs.length - 1; i >= 0; i--) b.addOffset(offs[i]);
  return b.endVector();
}

function byteVector(b: flatbuffers.Builder, data: Uint8Array): number {
  b.startVector(1, data.length, 16);
  for (let i = data.length - 1; i >= 0; i--) b.addInt8(data[i]);
  return b.endVector();
}

export function buildTflite(m: BModel): Uint8Array {
  const b = new flatbuffers.Builder(1024);
  // Buffers: 0 is the empty sentinel; each tensor with data gets its own.
  const bufferIndex: number[] = [];
  const datas: Uint8Array[] = [];
  m.tensors.forEach((t) => {
    if (t.data) {
      datas.push(t.data);
      bufferIndex.push(datas.length);
    } else {
      bufferIndex.push(0);
    }
  });
  // External layout: data appended after the flatbuffer; offsets patched below.
  const extOffsets: number[] = [];
  let ext = 0;
  for (const d of datas) {
    ext = Math.ceil(ext / 16) * 16;
    extOffsets.push(ext);
    ext += d.length;
  }

  const tensorOffs = m.tensors.map((t, i) => {
    const name = b.createString(t.name ?? `t${i}`);
    const shape = intVector(b, t.shape);
    let quant = 0;
    if (t.scale) {
      const sc = floatVector(b, t.scale);
      const zp = longVector(b, t.zeroPoint ?? t.scale.map(() => 0));
      b.startObject(7);
      b.addFieldOffset(2, sc, 0);
      b.addFieldOffset(3, zp, 0);
      b.addFieldInt32(6, t.quantizedDimension ?? 0, 0);
      quant = b.endObject();
    }
    b.startObject(11);
    b.addFieldOffset(0, shape, 0);
    b.addFieldInt8(1, t.type, -1);
    b.addFieldInt32(2, bufferIndex[i], -1);
    b.addFieldOffset(3, name, 0);
    if (quant) b.addFieldOffset(4, quant, 0);
    if (t.isVariable) b.addFieldInt8(5, 1, 0);
    return b.endObject();
  });

  const codes: (number | string)[] = [];
  const opcodeIndex = m.ops.map((o) => {
    let k = codes.indexOf(o.code);
    if (k < 0) { codes.push(o.code); k = codes.length - 1; }
    return k;
  });
  const opOffs = m.ops.map((o, i) => {
    const ins = intVector(b, o.inputs);
    const outs = intVector(b, o.outputs);
    let opts = 0;
    if (o.options) {
      o.options.write(b);
      opts = b.endObject();
    }
    b.startObject(14);
    b.addFieldInt32(0, opcodeIndex[i], -1);
    b.addFieldOffset(1, ins, 0);
    b.addFieldOffset(2, outs, 0);
    if (o.options) {
      b.addFieldInt8(3, o.options.type, 0);
      b.addFieldOffset(4, opts, 0);
    }
    return b.endObject();
  });
  const sgTensors = offsetVector(b, tensorOffs);
  const sgIn = intVector(b, m.inputs);
  const sgOut = intVector(b, m.outputs);
  const sgOps = offsetVector(b, opOffs);
  const sgName = b.createString('main');
  b.startObject(6);
  b.addFieldOffset(0, sgTensors, 0);
  b.addFieldOffset(1, sgIn, 0);
  b.addFieldOffset(2, sgOut, 0);
  b.addFieldOffset(3, sgOps, 0);
  b.addFieldOffset(4, sgName, 0);
  const sg = b.endObject();

  const codeOffs = codes.map((c) => {
    const custom = typeof c === 'string' ? b.createString(c) : 0;
    const code = typeof c === 'string' ? 32 : c;
    b.startObject(4);
    b.addFieldInt8(0, Math.min(code, 127), 0);
    if (custom) b.addFieldOffset(1, custom, 0);
    b.addFieldInt32(2, m.ops.find((o) => o.code === c)?.version ?? 1, 1);
    b.addFieldInt32(3, code, 0);
    return b.endObject();
  });

  // Buffers. With externalBuffers the offsets are relative to the file start, patched after
  // finishing: we reserve ulong fields and fill them once the flatbuffer size is known.
  const bufOffs: number[] = [];
  b.startObject(3);
  bufOffs.push(b.endObject());
  const patch: { marker: bigint; index: number }[] = [];
  datas.forEach((d, i) => {
    if (m.externalBuffers) {
      const marker = 0x7eadbeef00000000n + BigInt(i);
      b.startObject(3);
      b.addFieldInt64(1, marker, 0n);
      b.addFieldInt64(2, BigInt(d.length), 0n);
      bufOffs.push(b.endObject());
      patch.push({ marker, index: i });
    } else {
      const v = byteVector(b, d);
      b.startObject(3);
      b.addFieldOffset(0, v, 0);
      bufOffs.push(b.endObject());
    }
  });

  const opcodes = offsetVector(b, codeOffs);
  const subgraphs = offsetVector(b, [sg]);
  const desc = b.createString(m.description ?? 'built by the tinyml tests');
  const buffers = offsetVector(b, bufOffs);
  b.startObject(10);
  b.addFieldInt32(0, 3, 0);
  b.addFieldOffset(1, opcodes, 0);
  b.addFieldOffset(2, subgraphs, 0);
  b.addFieldOffset(3, desc, 0);
  b.addFieldOffset(4, buffers, 0);
  const root = b.endObject();
  b.finish(root, 'TFL3');
  const fbBytes = b.asUint8Array();
  if (!m.externalBuffers) return fbBytes.slice();

  const base = Math.ceil(fbBytes.length / 16) * 16;
  const out = new Uint8Array(base + ext);
  out.set(fbBytes, 0);
  const dv = new DataView(out.buffer);
  for (const p of patch) {
    // Find the marker and replace it with the absolute offset.
    for (let pos = 0; pos + 8 <= fbBytes.length; pos += 4) {
      if (dv.getBigUint64(pos, true) === p.marker) {
        dv.setBigUint64(pos, BigInt(base + extOffsets[p.index]), true);
        break;
      }
    }
    out.set(datas[p.index], base + extOffsets[p.index]);
  }
  return out;
}

/** Options writers for common ops. */
export const opts = {
  fullyConnected: (activation = 0) => ({
    type: 8,
    write: (b: flatbuffers.Builder) => {
      b.startObject(5);
      b.addFieldInt8(0, activation, 0);
    },
  }),
  softmax: (beta = 1) => ({
    type: 9,
    write: (b: flatbuffers.Builder) => {
      b.startObject(1);
      b.addFieldFloat32(0, beta, 0);
    },
  }),
  conv2d: (o: { padding: number; strideW: number; strideH: number; activation?: number; dilationW?: number; dilationH?: number }) => ({
    type: 1,
    write: (b: flatbuffers.Builder) => {
      b.startObject(7);
      b.addFieldInt8(0, o.padding, -1);
      b.addFieldInt32(1, o.strideW, -1);
      b.addFieldInt32(2, o.strideH, -1);
      b.addFieldInt8(3, o.activation ?? 0, -1);
      b.addFieldInt32(4, o.dilationW ?? 1, -1);
      b.addFieldInt32(5, o.dilationH ?? 1, -1);
    },
  }),
};

export function int8Bytes(values: number[]): Uint8Array {
  return new Uint8Array(Int8Array.from(values).buffer);
}

export function int32Bytes(values: number[]): Uint8Array {
  return new Uint8Array(Int32Array.from(values).buffer);
}

export function floatBytes(values: number[]): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer);
}

/** A two-layer int8 fully connected model: [1,in] -> [1,hidden] (relu) -> [1,out]. */
export function tinyFcModel(opt: { in?: number; hidden?: number; out?: number; external?: boolean } = {}): Uint8Array {
  const nin = opt.in ?? 8, nh = opt.hidden ?? 6, nout = opt.out ?? 4;
  let s = 7;
  const r = () => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s; };
  const w = (n: number) => Array.from({ length: n }, () => (r() % 255) - 127);
  const bias = (n: number) => Array.from({ length: n }, () => (r() % 2001) - 1000);
  return buildTflite({
    externalBuffers: opt.external,
    tensors: [
      { shape: [1, nin], type: 9, name: 'input', scale: [0.05], zeroPoint: [-3] },
      { shape: [nh, nin], type: 9, name: 'w1', data: int8Bytes(w(nh * nin)), scale: [0.01], zeroPoint: [0] },
      { shape: [nh], type: 2, name: 'b1', data: int32Bytes(bias(nh)), scale: [0.0005], zeroPoint: [0] },
      { shape: [1, nh], type: 9, name: 'hidden', scale: [0.04], zeroPoint: [-128] },
      { shape: [nout, nh], type: 9, name: 'w2', data: int8Bytes(w(nout * nh)), scale: [0.02], zeroPoint: [0] },
      { shape: [nout], type: 2, name: 'b2', data: int32Bytes(bias(nout)), scale: [0.0008], zeroPoint: [0] },
      { shape: [1, nout], type: 9, name: 'output', scale: [0.07], zeroPoint: [5] },
    ],
    ops: [
      { code: 9, inputs: [0, 1, 2], outputs: [3], options: opts.fullyConnected(1) },
      { code: 9, inputs: [3, 4, 5], outputs: [6], options: opts.fullyConnected(0) },
    ],
    inputs: [0],
    outputs: [6],
  });
}

/** A seeded generator for test data (LCG, uniform in [0, 1)). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export type Opt = { type: number; write: (b: flatbuffers.Builder) => void };
export const depthwiseOpts = (o: { padding: number; stride: [number, number]; multiplier: number; activation?: number; dilation?: [number, number] }): Opt => ({
  type: 2,
  write: (b) => {
    b.startObject(7);
    b.addFieldInt8(0, o.padding, -1);
    b.addFieldInt32(1, o.stride[1], -1);
    b.addFieldInt32(2, o.stride[0], -1);
    b.addFieldInt32(3, o.multiplier, -1);
    b.addFieldInt8(4, o.activation ?? 0, -1);
    b.addFieldInt32(5, o.dilation?.[1] ?? 1, -1);
    b.addFieldInt32(6, o.dilation?.[0] ?? 1, -1);
  },
});
export const poolOpts = (o: { padding: number; stride: [number, number]; filter: [number, number]; activation?: number }): Opt => ({
  type: 5,
  write: (b) => {
    b.startObject(6);
    b.addFieldInt8(0, o.padding, -1);
    b.addFieldInt32(1, o.stride[1], -1);
    b.addFieldInt32(2, o.stride[0], -1);
    b.addFieldInt32(3, o.filter[1], -1);
    b.addFieldInt32(4, o.filter[0], -1);
    b.addFieldInt8(5, o.activation ?? 0, -1);
  },
});
