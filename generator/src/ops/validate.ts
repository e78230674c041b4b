/**
 * validateGraph() applies each op's spec (ops/<op>.ts, listed in ops/index.ts) and collects the
 * unsupported ops. It knows no op by name: arity, optional and constant inputs, types, which
 * inputs need quantization and the shape check all come from the spec.
 */
import { TinymlError } from '../errors';
import type { Graph, Node, Tensor } from '../graph';
import { OpSpec, TensorAt } from './types';

export interface Validation {
  /** Unsupported op names with their counts, in first-seen order. */
  unsupported: { op: string; count: number }[];
}

export type SpecLookup = (op: string) => OpSpec | undefined;

function tensorGetter(g: Graph, n: Node): TensorAt {
  return (k: number) => {
    const ti = n.inputs[k];
    return ti === undefined || ti < 0 ? null : g.tensors[ti];
  };
}

/** MACs (or element operations) of one node; 0 for unsupported ops and data movement. */
export function nodeMacsWith(spec: OpSpec | undefined, g: Graph, n: Node): number {
  if (!spec || !spec.macs || n.outputs.length === 0) return 0;
  try {
    return spec.macs(n, tensorGetter(g, n), g.tensors[n.outputs[0]]);
  } catch {
    return 0;
  }
}

function needsQuant(q: Tensor): boolean {
  return (q.dtype === 'int8' || q.dtype === 'uint8' || q.dtype === 'int16') && !q.quant;
}

/**
 * Checks every supported node (arity, constant inputs, types, quantization, shapes) and throws
 * a one-line TinymlError for the first problem. Unsupported ops are collected, not thrown: the
 * caller decides (inspect reports them, gen refuses with all of them named).
 */
export function validateWith(lookup: SpecLookup, g: Graph): Validation {
  const counts = new Map<string, number>();
  for (const n of g.nodes) {
    const spec = lookup(n.op);
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
      if (n.inputs[k] < 0 && !(spec.optionalInputs ?? []).includes(k)) {
        throw new TinymlError(`${where}: required input ${k} is absent`);
      }
    }
    const [minOut, maxOut] = spec.outputs ?? [1, 1];
    if (n.outputs.length < minOut || n.outputs.length > maxOut || n.outputs.some((o) => o < 0)) {
      throw new TinymlError(`${where}: has ${n.outputs.length} outputs, expected ${minOut === maxOut ? minOut : `${minOut} to ${maxOut}`}`);
    }
    const t = tensorGetter(g, n);
    for (const k of spec.constInputs ?? []) {
      const x = t(k);
      if (x && !x.data && x.elements > 0) {
        throw new TinymlError(`${where}: input ${k} (tensor ${x.index}, ${x.name}) must be constant, but it is computed at run time`);
      }
    }
    const typed = spec.typedInput ?? 0;
    const x0 = t(typed)!;
    const out = g.tensors[n.outputs[0]];
    if (!spec.types.includes(x0.dtype)) {
      throw new TinymlError(`${where}: input ${typed > 0 ? `${typed} ` : ''}type ${x0.dtype} is not supported (supported: ${spec.types.join(', ')})`);
    }
    const outTypes = spec.outputTypes ?? spec.types;
    for (const o of n.outputs) {
      const y = g.tensors[o];
      if (outTypes !== 'any' && !outTypes.includes(y.dtype)) {
        throw new TinymlError(`${where}: output type ${y.dtype} is not supported (supported: ${outTypes.join(', ')})`);
      }
    }
    const needQuant = [...n.inputs.slice(typed, typed + 1), ...n.outputs].map((i) => g.tensors[i]);
    for (const k of spec.quantInputs ?? []) {
      const q = t(k);
      if (q) needQuant.push(q);
    }
    for (const q of spec.bytesOnly ? [] : needQuant) {
      if (needsQuant(q)) throw new TinymlError(`${where}: ${q.dtype} tensor ${q.index} (${q.name}) has no quantization parameters`);
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
