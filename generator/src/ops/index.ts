/**
 * The op registry: every supported builtin op, listed once. Each op module (ops/<op>.ts) exports
 * an OpDef with its builtin-options decoding, its spec (what validateGraph checks), its prepare
 * (TFLM's Prepare done ahead of time: the C op data) and its fast-kernel variants. Nothing else
 * in the generator names an op.
 */
import { TinymlError } from '../errors';
import type { Graph, Node } from '../graph';
import { HARD_SWISH, LEAKY_RELU, LOGISTIC, RELU, RELU6, TANH } from './activations';
import { CONCATENATION } from './concatenation';
import { CONV_2D } from './conv2d';
import { DEPTHWISE_CONV_2D } from './depthwise_conv2d';
import { ADD, MUL, SUB } from './elementwise';
import { FULLY_CONNECTED } from './fully_connected';
import { MEAN } from './mean';
import { PACK } from './pack';
import { PAD, PADV2 } from './pad';
import { REDUCE_MAX, REDUCE_MIN, SUM } from './reduce';
import { AVERAGE_POOL_2D, MAX_POOL_2D } from './pooling';
import { DEQUANTIZE, QUANTIZE } from './quantize';
import { EXPAND_DIMS, RESHAPE, SQUEEZE } from './reshape';
import { RESIZE_BILINEAR, RESIZE_NEAREST_NEIGHBOR } from './resize';
import { RANGE, SHAPE } from './shape';
import { SOFTMAX } from './softmax';
import { STRIDED_SLICE } from './strided_slice';
import { TRANSPOSE } from './transpose';
import { TRANSPOSE_CONV } from './transpose_conv';
import { OpDef, OpSpec, PrepareContext, PreparedOp } from './types';
import { Validation, nodeMacsWith, validateWith } from './validate';

/** Every supported op, in alphabetical order. */
export const OPS: readonly OpDef[] = [
  ADD,
  AVERAGE_POOL_2D,
  CONCATENATION,
  CONV_2D,
  DEPTHWISE_CONV_2D,
  DEQUANTIZE,
  EXPAND_DIMS,
  FULLY_CONNECTED,
  HARD_SWISH,
  LEAKY_RELU,
  LOGISTIC,
  MAX_POOL_2D,
  MEAN,
  MUL,
  PACK,
  PAD,
  PADV2,
  QUANTIZE,
  RANGE,
  REDUCE_MAX,
  REDUCE_MIN,
  RELU,
  RELU6,
  RESHAPE,
  RESIZE_BILINEAR,
  RESIZE_NEAREST_NEIGHBOR,
  SHAPE,
  SOFTMAX,
  SQUEEZE,
  STRIDED_SLICE,
  SUB,
  SUM,
  TANH,
  TRANSPOSE,
  TRANSPOSE_CONV,
];

const BY_NAME = new Map<string, OpDef>();
for (const d of OPS) {
  if (BY_NAME.has(d.name)) throw new Error(`op ${d.name} is listed twice in ops/index.ts`);
  BY_NAME.set(d.name, d);
}

/** The op's definition, or undefined when tinyml does not support it. */
export function opDef(op: string): OpDef | undefined {
  return BY_NAME.get(op);
}

export const SUPPORTED_OPS = OPS.map((d) => d.name).sort();

const specOf = (op: string): OpSpec | undefined => BY_NAME.get(op)?.spec;

/** Checks every supported node against its op's spec (see validate.ts). */
export function validateGraph(g: Graph): Validation {
  return validateWith(specOf, g);
}

/** MACs (or element operations) of one node; 0 for unsupported ops and data movement. */
export function nodeMacs(g: Graph, n: Node): number {
  return nodeMacsWith(specOf(n.op), g, n);
}

/**
 * Input pointers a node's kernel may read: its op's maximum arity (optional trailing inputs the
 * node leaves out, e.g. a bias, are passed as NULL), or the node's own count for ops with many.
 */
export function inputSlots(n: Node): number {
  const spec = specOf(n.op);
  return spec && spec.inputs[1] <= 8 ? spec.inputs[1] : n.inputs.length;
}

/** Prepares one node: its op's prepare, then the first fast variant of ctx.kernels that applies. */
export function prepareNode(g: Graph, n: Node, ctx: PrepareContext): PreparedOp {
  const def = BY_NAME.get(n.op);
  if (!def) throw new TinymlError(`${g.label}: operator ${n.index} (${n.op}): no kernel is available for this op yet`);
  const p = def.prepare(g, n, ctx);
  for (const v of def.fast ?? []) {
    if (v.kernels !== ctx.kernels) continue;
    const q = v.specialize(p, g, n, ctx);
    if (q !== p) return q.eval !== p.eval ? { ...q, specialized: true } : q;
  }
  return p;
}

/** Prepares every node of the graph in order. */
export function prepareAll(g: Graph, ctx: PrepareContext): PreparedOp[] {
  return g.nodes.map((n) => prepareNode(g, n, ctx));
}

export { Validation, requireSupported } from './validate';
export type { OpDef, OpSpec } from './types';
