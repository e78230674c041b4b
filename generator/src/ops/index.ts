/**
 * The op registry: every supported builtin op, listed once. Each op module (ops/<op>.ts) exports
 * an OpDef with its builtin-options decoding, its spec (what validateGraph checks), its prepare
 * (TFLM's Prepare done ahead of time: the C op data) and its fast-kernel variants. Nothing else
 * in the generator names an op.
 */
import { TinymlError } from '../errors';
import type { Graph, Node } from '../graph';
import { ARG_MAX, ARG_MIN } from './arg_min_max';
import { BATCH_MATMUL } from './batch_matmul';
import { ADD_N } from './add_n';
import { HARD_SWISH, LEAKY_RELU, LOGISTIC, RELU, RELU6, TANH } from './activations';
import { DIV, FLOOR_DIV, FLOOR_MOD, LOGICAL_AND, LOGICAL_OR, MAXIMUM, MINIMUM, PRELU, SQUARED_DIFFERENCE } from './binary_math';
import { EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL, NOT_EQUAL } from './comparisons';
import { CONCATENATION } from './concatenation';
import { CONV_2D } from './conv2d';
import { CUMSUM } from './cumsum';
import { DEPTHWISE_CONV_2D } from './depthwise_conv2d';
import { ADD, MUL, SUB } from './elementwise';
import { FULLY_CONNECTED } from './fully_connected';
import { L2_POOL_2D } from './l2_pool';
import { L2_NORMALIZATION } from './l2norm';
import { SVDF } from './svdf';
import { LOG_SOFTMAX } from './log_softmax';
import { MEAN } from './mean';
import { PACK } from './pack';
import { PAD, PADV2 } from './pad';
import { REDUCE_ALL, REDUCE_MAX, REDUCE_MIN, SUM } from './reduce';
import { AVERAGE_POOL_2D, MAX_POOL_2D } from './pooling';
import { DEQUANTIZE, QUANTIZE } from './quantize';
import { EXPAND_DIMS, RESHAPE, SQUEEZE } from './reshape';
import { RESIZE_BILINEAR, RESIZE_NEAREST_NEIGHBOR } from './resize';
import { RANGE, SHAPE } from './shape';
import { BROADCAST_TO, FILL, REVERSE_V2, SLICE } from './slice';
import { SOFTMAX } from './softmax';
import { CAST } from './cast';
import { SELECT_V2 } from './select_v2';
import { BATCH_TO_SPACE_ND, MIRROR_PAD, SPACE_TO_BATCH_ND } from './table_walk';
import { DYNAMIC_UPDATE_SLICE } from './dynamic_update_slice';
import { BROADCAST_ARGS, ZEROS_LIKE } from './shape_ops';
import { EMBEDDING_LOOKUP, GATHER, GATHER_ND } from './gather';
import { DEPTH_TO_SPACE, SPACE_TO_DEPTH } from './space_depth';
import { SPLIT, SPLIT_V, UNPACK } from './split';
import { STRIDED_SLICE } from './strided_slice';
import { TRANSPOSE } from './transpose';
import { TRANSPOSE_CONV } from './transpose_conv';
import { ABS, CEIL, COS, ELU, EXP, FLOOR, LOG, LOGICAL_NOT, NEG, ROUND, RSQRT, SIN, SQRT, SQUARE } from './unary_math';
import { OpDef, OpSpec, PrepareContext, PreparedOp } from './types';
import { Validation, nodeMacsWith, validateWith } from './validate';

/** Every supported op, in alphabetical order. */
export const OPS: readonly OpDef[] = [
  ABS,
  ADD,
  ADD_N,
  ARG_MAX,
  ARG_MIN,
  AVERAGE_POOL_2D,
  BATCH_MATMUL,
  BATCH_TO_SPACE_ND,
  BROADCAST_ARGS,
  BROADCAST_TO,
  CAST,
  CEIL,
  CONCATENATION,
  CONV_2D,
  COS,
  CUMSUM,
  DEPTHWISE_CONV_2D,
  DEPTH_TO_SPACE,
  DEQUANTIZE,
  DIV,
  DYNAMIC_UPDATE_SLICE,
  ELU,
  EMBEDDING_LOOKUP,
  EQUAL,
  EXP,
  EXPAND_DIMS,
  FILL,
  FLOOR,
  FLOOR_DIV,
  FLOOR_MOD,
  FULLY_CONNECTED,
  GATHER,
  GATHER_ND,
  GREATER,
  GREATER_EQUAL,
  HARD_SWISH,
  L2_NORMALIZATION,
  L2_POOL_2D,
  LEAKY_RELU,
  LESS,
  LESS_EQUAL,
  LOG,
  LOGICAL_AND,
  LOGICAL_NOT,
  LOGICAL_OR,
  LOGISTIC,
  LOG_SOFTMAX,
  MAXIMUM,
  MAX_POOL_2D,
  MEAN,
  MINIMUM,
  MIRROR_PAD,
  MUL,
  NEG,
  NOT_EQUAL,
  PACK,
  PAD,
  PADV2,
  PRELU,
  QUANTIZE,
  RANGE,
  REDUCE_ALL,
  REDUCE_MAX,
  REDUCE_MIN,
  RELU,
  RELU6,
  RESHAPE,
  RESIZE_BILINEAR,
  RESIZE_NEAREST_NEIGHBOR,
  REVERSE_V2,
  ROUND,
  RSQRT,
  SELECT_V2,
  SHAPE,
  SIN,
  SLICE,
  SOFTMAX,
  SPACE_TO_BATCH_ND,
  SPACE_TO_DEPTH,
  SPLIT,
  SPLIT_V,
  SQRT,
  SQUARE,
  SQUARED_DIFFERENCE,
  SQUEEZE,
  STRIDED_SLICE,
  SUB,
  SUM,
  SVDF,
  TANH,
  TRANSPOSE,
  TRANSPOSE_CONV,
  UNPACK,
  ZEROS_LIKE,
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
