/**
 * What tinyml knows about each supported op: arity, which inputs must be constant, which types,
 * a shape check and a MAC count. validateGraph() applies them and collects unsupported ops.
 */
import { TinymlError } from './errors';
import { Graph, Node, Tensor, product } from './ir';

export interface OpSpec {
  inputs: [number, number];
  /** Indices of inputs that must be constant data. */
  constInputs?: number[];
  /** Allowed dtypes of input 0 (and, unless noted, the output). */
  types: string[];
  /** Returns a problem description, or null. */
  check?: (n: Node, t: (k: number) => Tensor | null, out: Tensor) => string | null;
  macs?: (n: Node, t: (k: number) => Tensor | null, out: Tensor) => number;
}

const Q = ['int8', 'float32'];

function convOut(inSize: number, k: number, stride: number, dilation: number, padding: number): number {
  const eff = (k - 1) * dilation + 1;
  return padding === 0 ? Math.ceil(inSize / stride) : Math.floor((inSize - eff + stride) / stride);
}

function shp(t: Tensor | null): string {
  return t ? `[${t.shape.join(',')}]` : '(none)';
}

function checkWindow(n: Node, input: Tensor, out: Tensor, kh: number, kw: number): string | null {
  const o = n.options;
  const sh = o.strideH as number, sw = o.strideW as number;
  const dh = (o.dilationH as number | undefined) ?? 1, dw = (o.dilationW as number | undefined) ?? 1;
  if (!(sh > 0 && sw > 0)) return `strides must be positive (got ${sh}x${sw})`;
  if (!(dh > 0 && dw > 0)) return `dilations must be positive (got ${dh}x${dw})`;
  if (o.padding !== 0 && o.padding !== 1) return `padding ${o.padding} is neither SAME nor VALID`;
  if (input.shape.length !== 4 || out.shape.length !== 4) return `expects 4-D input and output, got ${shp(input)} -> ${shp(out)}`;
  const eh = convOut(input.shape[1], kh, sh, dh, o.padding as number);
  const ew = convOut(input.shape[2], kw, sw, dw, o.padding as number);
  if (out.shape[1] !== eh || out.shape[2] !== ew || out.shape[0] !== input.shape[0]) {
    return `output shape ${shp(out)} does not match input ${shp(input)} with a ${kh}x${kw} window (expected [${input.shape[0]},${eh},${ew},...])`;
  }
  return null;
}

function broadcastable(a: number[], b: number[], out: number[]): boolean {
  const r = Math.max(a.length, b.length);
  if (out.length !== r) return false;
  for (let i = 0; i < r; i++) {
    const x = a[a.length - r + i] ?? 1, y = b[b.length - r + i] ?? 1;
    const o = out[i];
    if (!((x === o || x === 1) && (y === o || y === 1) && (x === o || y === o))) return false;
  }
  return true;
}

const elementwise: OpSpec = {
  inputs: [2, 2],
  types: Q,
  check: (n, t, out) => {
    const a = t(0)!, b = t(1)!;
    return broadcastable(a.shape, b.shape, out.shape) ? null : `shapes ${shp(a)} and ${shp(b)} do not broadcast to ${shp(out)}`;
  },
  macs: (_n, _t, out) => out.elements,
};

const unary = (types = Q): OpSpec => ({
  inputs: [1, 1],
  types,
  check: (_n, t, out) => (t(0)!.elements === out.elements ? null : `input ${shp(t(0))} and output ${shp(out)} differ in size`),
  macs: (_n, _t, out) => out.elements,
});

const sameCount = (min: number, max: number, constInputs: number[] = []): OpSpec => ({
  inputs: [min, max],
  constInputs,
  types: [...Q, 'int16', 'int32', 'uint8', 'bool', 'int64'],
  check: (_n, t, out) => (t(0)!.elements === out.elements ? null : `input ${shp(t(0))} and output ${shp(out)} differ in element count`),
  macs: () => 0,
});

export const OP_SPECS: Record<string, OpSpec> = {
  CONV_2D: {
    inputs: [2, 3],
    constInputs: [1, 2],
    types: Q,
    check: (n, t, out) => {
      const x = t(0)!, w = t(1)!, b = t(2);
      if (w.shape.length !== 4) return `filter must be 4-D, got ${shp(w)}`;
      if (x.shape.length === 4 && x.shape[3] % w.shape[3] !== 0) return `input channels ${x.shape[3]} are not a multiple of filter channels ${w.shape[3]}`;
      if (out.shape.length === 4 && out.shape[3] !== w.shape[0]) return `output channels ${out.shape[3]} differ from filter count ${w.shape[0]}`;
      if (b && b.elements !== w.shape[0]) return `bias has ${b.elements} elements for ${w.shape[0]} output channels`;
      return checkWindow(n, x, out, w.shape[1], w.shape[2]);
    },
    macs: (_n, t, out) => {
      const w = t(1)!;
      return out.elements * w.shape[1] * w.shape[2] * w.shape[3];
    },
  },
  DEPTHWISE_CONV_2D: {
    inputs: [2, 3],
    constInputs: [1, 2],
    types: Q,
    check: (n, t, out) => {
      const x = t(0)!, w = t(1)!, b = t(2);
      if (w.shape.length !== 4 || w.shape[0] !== 1) return `filter must be [1,h,w,c], got ${shp(w)}`;
      if (x.shape.length === 4 && w.shape[3] % x.shape[3] !== 0) return `filter channels ${w.shape[3]} are not a multiple of input channels ${x.shape[3]}`;
      if (out.shape.length === 4 && out.shape[3] !== w.shape[3]) return `output channels ${out.shape[3]} differ from filter channels ${w.shape[3]}`;
      if (b && b.elements !== w.shape[3]) return `bias has ${b.elements} elements for ${w.shape[3]} output channels`;
      return checkWindow(n, x, out, w.shape[1], w.shape[2]);
    },
    macs: (_n, t, out) => {
      const w = t(1)!;
      return out.elements * w.shape[1] * w.shape[2];
    },
  },
  FULLY_CONNECTED: {
    inputs: [2, 3],
    constInputs: [1, 2],
    types: Q,
    check: (n, t, out) => {
      const x = t(0)!, w = t(1)!, b = t(2);
      if (w.shape.length !== 2) return `weights must be 2-D, got ${shp(w)}`;
      if (n.options.weightsFormat !== 0) return `shuffled weights format ${n.options.weightsFormat} is not supported`;
      if (x.elements % w.shape[1] !== 0) return `input ${shp(x)} is not a whole number of rows of ${w.shape[1]}`;
      const batches = x.elements / w.shape[1];
      if (out.elements !== batches * w.shape[0]) return `output ${shp(out)} should hold ${batches}x${w.shape[0]} values`;
      if (b && b.elements !== w.shape[0]) return `bias has ${b.elements} elements for ${w.shape[0]} outputs`;
      return null;
    },
    macs: (_n, t, out) => out.elements * t(1)!.shape[1],
  },
  AVERAGE_POOL_2D: {
    inputs: [1, 1],
    types: Q,
    check: (n, t, out) => {
      if (out.shape.length === 4 && t(0)!.shape[3] !== out.shape[3]) return `pooling changes channels ${shp(t(0))} -> ${shp(out)}`;
      return checkWindow(n, t(0)!, out, n.options.filterH as number, n.options.filterW as number);
    },
    macs: (n, _t, out) => out.elements * (n.options.filterH as number) * (n.options.filterW as number),
  },
  MAX_POOL_2D: {
    inputs: [1, 1],
    types: Q,
    check: (n, t, out) => {
      if (out.shape.length === 4 && t(0)!.shape[3] !== out.shape[3]) return `pooling changes channels ${shp(t(0))} -> ${shp(out)}`;
      return checkWindow(n, t(0)!, out, n.options.filterH as number, n.options.filterW as number);
    },
    macs: (n, _t, out) => out.elements * (n.options.filterH as number) * (n.options.filterW as number),
  },
  SOFTMAX: {
    inputs: [1, 1],
    types: Q,
    check: (_n, t, out) => (product(t(0)!.shape) === out.elements ? null : `input ${shp(t(0))} and output ${shp(out)} differ`),
    macs: (_n, _t, out) => out.elements,
  },
  ADD: elementwise,
  SUB: elementwise,
  MUL: elementwise,
  RESHAPE: sameCount(1, 2),
  SQUEEZE: sameCount(1, 1),
  EXPAND_DIMS: sameCount(2, 2, [1]),
  QUANTIZE: unary(['float32', 'int8', 'int16', 'uint8']),
  DEQUANTIZE: unary(['int8', 'int16', 'uint8']),
  LOGISTIC: unary(),
  TANH: unary(),
  RELU: unary(),
  RELU6: unary(),
  LEAKY_RELU: unary(),
  HARD_SWISH: unary(),
  CONCATENATION: {
    inputs: [1, 64],
    types: [...Q, 'int32'],
    check: (n, t, out) => {
      let axis = n.options.axis as number;
      if (axis < 0) axis += out.shape.length;
      if (axis < 0 || axis >= out.shape.length) return `axis ${n.options.axis} is out of range for ${shp(out)}`;
      let sum = 0;
      for (let k = 0; k < n.inputs.length; k++) {
        const x = t(k)!;
        if (x.shape.length !== out.shape.length) return `input ${k} ${shp(x)} has a different rank from output ${shp(out)}`;
        for (let d = 0; d < out.shape.length; d++) if (d !== axis && x.shape[d] !== out.shape[d]) return `input ${k} ${shp(x)} does not match output ${shp(out)} outside axis ${axis}`;
        sum += x.shape[axis];
      }
      return sum === out.shape[axis] ? null : `inputs add up to ${sum} along axis ${axis}, output has ${out.shape[axis]}`;
    },
    macs: () => 0,
  },
  PAD: {
    inputs: [2, 3],
    constInputs: [1, 2],
    types: Q,
    check: (_n, t, out) => {
      const p = t(1)!;
      if (p.shape.length !== 2 || p.shape[0] !== t(0)!.shape.length || p.shape[1] !== 2) return `paddings ${shp(p)} do not fit input ${shp(t(0))}`;
      return out.shape.length === t(0)!.shape.length ? null : `output rank differs from input`;
    },
    macs: () => 0,
  },
  MEAN: { inputs: [2, 2], constInputs: [1], types: Q, macs: (_n, t) => t(0)!.elements },
  STRIDED_SLICE: { inputs: [4, 4], constInputs: [1, 2, 3], types: [...Q, 'int32'], macs: () => 0 },
  TRANSPOSE: {
    inputs: [2, 2],
    constInputs: [1],
    types: [...Q, 'int32'],
    check: (_n, t, out) => (t(0)!.elements === out.elements ? null : `input ${shp(t(0))} and output ${shp(out)} differ in size`),
    macs: () => 0,
  },
};

// PADV2 is PAD with a constant_values input (prepare/pad.ts handles both).
OP_SPECS.PADV2 = { ...OP_SPECS.PAD, inputs: [3, 3] };

export const SUPPORTED_OPS = Object.keys(OP_SPECS).sort();

export interface Validation {
  /** Unsupported op names with their counts, in first-seen order. */
  unsupported: { op: string; count: number }[];
}

function tensorGetter(g: Graph, n: Node): (k: number) => Tensor | null {
  return (k: number) => {
    const ti = n.inputs[k];
    return ti === undefined || ti < 0 ? null : g.tensors[ti];
  };
}

/** MACs (or element operations) of one node; 0 for unsupported ops and data movement. */
export function nodeMacs(g: Graph, n: Node): number {
  const spec = OP_SPECS[n.op];
  if (!spec || !spec.macs || n.outputs.length === 0) return 0;
  try {
    return spec.macs(n, tensorGetter(g, n), g.tensors[n.outputs[0]]);
  } catch {
    return 0;
  }
}

/**
 * Checks every supported node (arity, constant inputs, types, quantization, shapes) and throws
 * a one-line TinymlError for the first problem. Unsupported ops are collected, not thrown: the
 * caller decides (inspect reports them, gen refuses with all of them named).
 */
export function validateGraph(g: Graph): Validation {
  const counts = new Map<string, number>();
  for (const n of g.nodes) {
    const spec = OP_SPECS[n.op];
    if (!spec) {
      counts.set(n.op, (counts.get(n.op) ?? 0) + 1);
      continue;
    }
    const where = `${g.label}: operator ${n.index} (${n.op})`;
    const present = n.inputs.filter((i) => i >= 0).length;
    if (n.inputs.length < spec.inputs[0] || n.inputs.length > spec.inputs[1] || present < Math.min(spec.inputs[0], 1)) {
      throw new TinymlError(`${where}: has ${n.inputs.length} inputs, expected ${spec.inputs[0] === spec.inputs[1] ? spec.inputs[0] : `${spec.inputs[0]} to ${spec.inputs[1]}`}`);
    }
    for (let k = 0; k < spec.inputs[0]; k++) {
      if (n.inputs[k] < 0 && !(k === 2 && (n.op === 'CONV_2D' || n.op === 'DEPTHWISE_CONV_2D' || n.op === 'FULLY_CONNECTED'))) {
        throw new TinymlError(`${where}: required input ${k} is absent`);
      }
    }
    if (n.outputs.length !== 1) throw new TinymlError(`${where}: has ${n.outputs.length} outputs, expected 1`);
    const t = tensorGetter(g, n);
    for (const k of spec.constInputs ?? []) {
      const x = t(k);
      if (x && !x.data && x.elements > 0) {
        throw new TinymlError(`${where}: input ${k} (tensor ${x.index}, ${x.name}) must be constant, but it is computed at run time`);
      }
    }
    const x0 = t(0)!;
    const out = g.tensors[n.outputs[0]];
    if (!spec.types.includes(x0.dtype)) {
      throw new TinymlError(`${where}: input type ${x0.dtype} is not supported (supported: ${spec.types.join(', ')})`);
    }
    if (!['DEQUANTIZE', 'QUANTIZE'].includes(n.op) && !spec.types.includes(out.dtype)) {
      throw new TinymlError(`${where}: output type ${out.dtype} is not supported (supported: ${spec.types.join(', ')})`);
    }
    const needQuant = [...n.inputs.slice(0, 1), ...n.outputs].map((i) => g.tensors[i]);
    if (['CONV_2D', 'DEPTHWISE_CONV_2D', 'FULLY_CONNECTED'].includes(n.op)) needQuant.push(t(1)!);
    for (const q of needQuant) {
      if ((q.dtype === 'int8' || q.dtype === 'uint8' || q.dtype === 'int16') && !q.quant) {
        throw new TinymlError(`${where}: ${q.dtype} tensor ${q.index} (${q.name}) has no quantization parameters`);
      }
    }
    for (const i of [...n.inputs, ...n.outputs]) {
      if (i >= 0 && g.tensors[i].bytes === 0 && g.tensors[i].elements > 0) {
        throw new TinymlError(`${where}: tensor ${i} (${g.tensors[i].name}) has type ${g.tensors[i].dtype}, which is not supported`);
      }
    }
    const problem = spec.check ? spec.check(n, t, out) : null;
    if (problem) throw new TinymlError(`${where}: ${problem}`);
  }
  for (const i of [...g.inputs, ...g.outputs]) {
    const x = g.tensors[i];
    if (x.bytes === 0 && x.elements > 0) throw new TinymlError(`${g.label}: model input/output tensor ${i} (${x.name}) has type ${x.dtype}, which is not supported`);
  }
  return { unsupported: [...counts.entries()].map(([op, count]) => ({ op, count })) };
}

/** Throws the one-line error that names every unsupported op. */
export function requireSupported(g: Graph, v: Validation): void {
  if (v.unsupported.length === 0) return;
  const list = v.unsupported.map((u) => (u.count > 1 ? `${u.op} (x${u.count})` : u.op)).join(', ');
  throw new TinymlError(`${g.label}: unsupported ops: ${list}`);
}
