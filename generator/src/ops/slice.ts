/**
 * Ops that are one strided walk over one input (ops/walk.ts, kernel tinyml/kernels/walk.h):
 * SLICE (TFLM slice.cc, reference_ops::Slice: begin and size per axis, size -1 to the end),
 * REVERSE_V2 (TFLM reverse.cc: contiguous axes only, as TFLM's Eval insists), BROADCAST_TO (TFLM
 * broadcast_to.cc: zero steps along broadcast axes) and FILL (TFLM fill.cc: the scalar value
 * everywhere). Begin/size, axes and shapes must be constant (TFLM reads some at run time, but the
 * output shapes here are static). Constant inputs fold.
 */
import { shp } from './checks';
import { FoldFn, OpDef, PrepareFn } from './types';
import { Walk, constIndices, foldWalk, sameShape, stridesOf, walk5, walkOp } from './walk';
import { input, output, unsupported } from './util';
import type { Graph, Node } from '../graph';

// SLICE ------------------------------------------------------------------------------------------

function sliceWalk(g: Graph, n: Node): Walk {
  const x = input(g, n, 0);
  const y = output(g, n);
  const rank = x.shape.length;
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  if (rank > 5) unsupported(g, n, `rank ${rank}`);
  const b = input(g, n, 1), s = input(g, n, 2);
  if (b.dtype !== s.dtype) unsupported(g, n, `begin of type ${b.dtype} with size of type ${s.dtype}`);
  const begin = constIndices(g, n, 1, 'a begin');
  const size = constIndices(g, n, 2, 'a size');
  if (b.shape.length !== 1 || s.shape.length !== 1 || begin.length !== rank || size.length !== rank) {
    unsupported(g, n, `begin ${shp(b)} and size ${shp(s)} for a rank ${rank} input`);
  }
  const count = begin.map((st, d) => (size[d] === -1 ? x.shape[d] : st + size[d]) - st);
  if (begin.some((st, d) => st < 0 || count[d] < 0 || st + count[d] > x.shape[d])) {
    unsupported(g, n, `begin [${begin}] and size [${size}] outside input ${shp(x)}`);
  }
  if (!sameShape(count, y.shape)) unsupported(g, n, `output ${shp(y)} for a slice of [${count}]`);
  const st = stridesOf(x.shape);
  return walk5(count, st, begin.reduce((a, v, d) => a + v * st[d], 0));
}

const SLICE_TYPES = ['float32', 'int8', 'int16', 'int32', 'bool'];

export const SLICE: OpDef = {
  name: 'SLICE',
  spec: { bytesOnly: true, inputs: [3, 3], types: SLICE_TYPES, macs: () => 0 },
  prepare: (g, n) => walkOp(g, n, 0, sliceWalk(g, n)),
  fold: foldWalk(0, sliceWalk),
};

// REVERSE_V2 -------------------------------------------------------------------------------------

function reverseWalk(g: Graph, n: Node): Walk {
  const x = input(g, n, 0);
  const y = output(g, n);
  const rank = x.shape.length;
  const a = input(g, n, 1);
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  if (a.shape.length !== 1) unsupported(g, n, `axes of shape ${shp(a)}`);
  if (rank > 5) unsupported(g, n, `rank ${rank}`);
  const axes = constIndices(g, n, 1, 'axes', ['int32']).map((v) => (v < 0 ? v + rank : v));
  if (axes.length > rank || axes.some((v) => v < 0 || v >= rank)) unsupported(g, n, `axes [${axes}] for rank ${rank}`);
  axes.sort((p, q) => p - q);
  for (let i = 1; i < axes.length; i++) {
    if (axes[i - 1] + 1 !== axes[i]) unsupported(g, n, `non-contiguous axes [${axes}] (TFLM refuses them)`);
  }
  if (!sameShape(x.shape, y.shape)) unsupported(g, n, `output ${shp(y)} for input ${shp(x)}`);
  const st = stridesOf(x.shape);
  let offset = 0;
  const step = st.map((s, d) => {
    if (!axes.includes(d)) return s;
    offset += (x.shape[d] - 1) * s;
    return -s;
  });
  return walk5(x.shape, step, offset);
}

export const REVERSE_V2: OpDef = {
  name: 'REVERSE_V2',
  spec: { bytesOnly: true, inputs: [2, 2], types: ['float32', 'int8', 'uint8', 'int16', 'int32', 'int64', 'bool'], macs: () => 0 },
  prepare: (g, n) => walkOp(g, n, 0, reverseWalk(g, n)),
  fold: foldWalk(0, reverseWalk),
};

// BROADCAST_TO -----------------------------------------------------------------------------------

function broadcastWalk(g: Graph, n: Node): Walk {
  const x = input(g, n, 0);
  const y = output(g, n);
  const sh = input(g, n, 1);
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  if (x.shape.length > 5 || y.shape.length > 5) unsupported(g, n, 'more than 5 dimensions (TFLM: BroadcastTo only supports 1-5D tensor)');
  if (sh.shape.length !== 1) unsupported(g, n, `a shape tensor of shape ${shp(sh)}`);
  const shape = constIndices(g, n, 1, 'a shape');
  if (shape.length !== y.shape.length || !sameShape(shape, y.shape)) unsupported(g, n, `output ${shp(y)} for shape [${shape}]`);
  const ext = y.shape.length - x.shape.length;
  if (ext < 0 || x.shape.some((d, i) => d !== 1 && d !== shape[ext + i])) {
    unsupported(g, n, `broadcasting ${shp(x)} to [${shape}]`);
  }
  const st = stridesOf(x.shape);
  const step = y.shape.map((_, d) => (d < ext || x.shape[d - ext] === 1 ? 0 : st[d - ext]));
  return walk5(y.shape, step, 0);
}

export const BROADCAST_TO: OpDef = {
  name: 'BROADCAST_TO',
  spec: { bytesOnly: true, inputs: [2, 2], types: ['float32', 'int8', 'uint8', 'int16', 'int32', 'int64', 'bool'], macs: () => 0 },
  prepare: (g, n) => walkOp(g, n, 0, broadcastWalk(g, n)),
  fold: foldWalk(0, broadcastWalk),
};

// FILL -------------------------------------------------------------------------------------------

function fillWalk(g: Graph, n: Node): Walk {
  const v = input(g, n, 1);
  const y = output(g, n);
  if (v.shape.length !== 0) unsupported(g, n, `a value of shape ${shp(v)} (TFLM wants a scalar)`);
  if (v.dtype !== y.dtype) unsupported(g, n, `a ${v.dtype} value with a ${y.dtype} output`);
  const d = input(g, n, 0);
  if (d.shape.length !== 1) unsupported(g, n, `dims of shape ${shp(d)}`);
  const dims = constIndices(g, n, 0, 'dims', ['int8', 'int16', 'int32', 'int64']);
  if (!sameShape(dims, y.shape)) unsupported(g, n, `output ${shp(y)} for dims [${dims}]`);
  if (y.shape.length > 5) unsupported(g, n, `rank ${y.shape.length}`);
  return walk5(y.shape, y.shape.map(() => 0), 0);
}

const foldFill: FoldFn = foldWalk(1, fillWalk);

export const FILL: OpDef = {
  name: 'FILL',
  spec: { bytesOnly: true, inputs: [2, 2], typedInput: 1, types: ['float32', 'int8', 'int32'], constInputs: [0], macs: () => 0 },
  prepare: ((g, n) => walkOp(g, n, 1, fillWalk(g, n))) as PrepareFn,
  fold: foldFill,
};
