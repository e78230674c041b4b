/**
 * GATHER (TFLM gather.cc), GATHER_ND (gather_nd.cc) and EMBEDDING_LOOKUP (embedding_lookup.cc):
 * slices of one input picked by int32 indices read at run time (tinyml/kernels/gather.h). TFLM's
 * Prepare checks are repeated here (types float32 and int8, int32 indices, axis and batch_dims,
 * GATHER_ND's index depth at most 5, EMBEDDING_LOOKUP's 1-D lookup, table rank >= 2 and the
 * zero-point-0 int8 table a float32 output dequantizes). Bytes move as they are (int8 is not
 * rescaled), so one kernel per op serves both types. Constant inputs fold.
 */
import type { Graph, Node } from '../graph';
import { shp } from './checks';
import { CFloat, FoldFn, OpDef, PreparedOp } from './types';
import { elementBytes, input, output, product, scale, unsupported, zeroPoint } from './util';
import { constValues } from './values';
import { sameShape } from './walk';

const TYPES = ['float32', 'int8'];

function intIndices(g: Graph, n: Node, k: number, what: string): void {
  const t = input(g, n, k);
  if (t.dtype !== 'int32') unsupported(g, n, `${what} of type ${t.dtype} (TFLM takes int32)`);
}

// GATHER -----------------------------------------------------------------------------------------

interface GatherLayout { batch: number; outer: number; coords: number; axisSize: number; inner: number }

function gatherLayout(g: Graph, n: Node): GatherLayout {
  const x = input(g, n, 0), c = input(g, n, 1), y = output(g, n);
  intIndices(g, n, 1, 'positions');
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  let axis = n.options.axis as number;
  if (axis < 0) axis += x.shape.length;
  if (!(axis >= 0 && axis < x.shape.length)) unsupported(g, n, `axis ${n.options.axis} for a rank ${x.shape.length} input`);
  let bd = n.options.batchDims as number;
  if (bd < 0) bd += c.shape.length;
  if (!(bd <= axis && bd >= 0 && bd < x.shape.length && bd <= c.shape.length)) unsupported(g, n, `batch_dims ${n.options.batchDims} with axis ${axis}`);
  for (let i = 0; i < bd; i++) if (x.shape[i] !== c.shape[i]) unsupported(g, n, `batch dimension ${i} of ${shp(x)} and positions ${shp(c)} differing`);
  const expected = [...x.shape.slice(0, axis), ...c.shape.slice(bd), ...x.shape.slice(axis + 1)];
  if (!sameShape(expected, y.shape)) unsupported(g, n, `output ${shp(y)} (TFLM computes [${expected}])`);
  return {
    batch: product(x.shape.slice(0, bd)), outer: product(x.shape.slice(bd, axis)), coords: product(c.shape.slice(bd)),
    axisSize: x.shape[axis], inner: product(x.shape.slice(axis + 1)),
  };
}

const foldGather: FoldFn = (g, n) => {
  const x = input(g, n, 0);
  const idx = constValues(input(g, n, 1));
  if (!x.data || !idx) return null;
  const l = gatherLayout(g, n);
  const e = elementBytes(x.dtype) * l.inner;
  const out = new Uint8Array(l.batch * l.outer * l.coords * e);
  for (let b = 0; b < l.batch; b++)
    for (let o = 0; o < l.outer; o++)
      for (let c = 0; c < l.coords; c++) {
        const k = idx[b * l.coords + c];
        if (!(k >= 0 && k < l.axisSize)) return null;
        const row = b * l.outer + o;
        out.set(x.data.subarray((row * l.axisSize + k) * e, (row * l.axisSize + k + 1) * e), (row * l.coords + c) * e);
      }
  return [out];
};

export const GATHER: OpDef = {
  name: 'GATHER',
  options: { unionType: 23, fields: [{ name: 'axis', slot: 0, kind: 'i32', dflt: 0 }, { name: 'batchDims', slot: 1, kind: 'i32', dflt: 0 }] },
  spec: { bytesOnly: true, inputs: [2, 2], types: TYPES, macs: () => 0 },
  prepare: (g, n): PreparedOp => {
    const l = gatherLayout(g, n);
    return {
      eval: 'tm_eval_gather',
      headers: ['tinyml/kernels/gather.h'],
      sources: ['src/kernels/gather.c'],
      paramsType: 'tm_gather_params',
      params: { batch: l.batch, outer: l.outer, coords: l.coords, axis_size: l.axisSize, inner_bytes: l.inner * elementBytes(input(g, n, 0).dtype) },
      scratchBytes: 0,
    };
  },
  fold: foldGather,
};

// GATHER_ND --------------------------------------------------------------------------------------

interface NdLayout { slices: number; nd: number; stride: number[]; slice: number; total: number }

function ndLayout(g: Graph, n: Node): NdLayout {
  const x = input(g, n, 0), c = input(g, n, 1), y = output(g, n);
  intIndices(g, n, 1, 'indices');
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} params with ${y.dtype} output`);
  if (x.shape.length < 1) unsupported(g, n, 'scalar params (TFLM: params must be at least a vector)');
  if (c.shape.length < 1) unsupported(g, n, 'scalar indices (TFLM: indices must be at least a vector)');
  const nd = c.shape[c.shape.length - 1];
  if (nd > x.shape.length) unsupported(g, n, `an index depth of ${nd} for rank ${x.shape.length} params`);
  if (nd > 5) unsupported(g, n, `an index depth of ${nd} (TFLM: at most 5)`);
  const expected = [...c.shape.slice(0, -1), ...x.shape.slice(nd)];
  if (!sameShape(expected, y.shape)) unsupported(g, n, `output ${shp(y)} (TFLM computes [${expected}])`);
  const stride: number[] = [];
  let remain = x.elements;
  for (let i = 0; i < nd; i++) {
    remain = Math.floor(remain / x.shape[i]);
    stride.push(remain);
  }
  return { slices: product(c.shape.slice(0, -1)), nd, stride, slice: product(x.shape.slice(nd)), total: x.elements };
}

const foldGatherNd: FoldFn = (g, n) => {
  const x = input(g, n, 0);
  const idx = constValues(input(g, n, 1));
  if (!x.data || !idx) return null;
  const l = ndLayout(g, n);
  const e = elementBytes(x.dtype);
  const out = new Uint8Array(l.slices * l.slice * e);
  for (let i = 0; i < l.slices; i++) {
    let from = 0;
    for (let j = 0; j < l.nd; j++) from += idx[i * l.nd + j] * l.stride[j];
    if (from < 0 || from + l.slice > l.total) return null;
    out.set(x.data.subarray(from * e, (from + l.slice) * e), i * l.slice * e);
  }
  return [out];
};

export const GATHER_ND: OpDef = {
  name: 'GATHER_ND',
  spec: { bytesOnly: true, inputs: [2, 2], types: TYPES, macs: () => 0 },
  prepare: (g, n): PreparedOp => {
    const l = ndLayout(g, n);
    return {
      eval: 'tm_eval_gather_nd',
      headers: ['tinyml/kernels/gather.h'],
      sources: ['src/kernels/gather_nd.c'],
      paramsType: 'tm_gather_nd_params',
      params: {
        n_slices: l.slices, nd: l.nd, stride: [...l.stride, ...new Array(5 - l.nd).fill(0)], slice_elems: l.slice,
        elem_bytes: elementBytes(input(g, n, 0).dtype), params_elems: l.total,
      },
      scratchBytes: 0,
    };
  },
  fold: foldGatherNd,
};

// EMBEDDING_LOOKUP -------------------------------------------------------------------------------

function lookupCheck(g: Graph, n: Node): { hybrid: boolean; rows: number; rowElems: number } {
  const l = input(g, n, 0), v = input(g, n, 1), y = output(g, n);
  if (l.dtype !== 'int32' || l.shape.length !== 1) unsupported(g, n, `a ${l.dtype} lookup of shape ${shp(l)} (TFLM wants 1-D int32)`);
  if (v.shape.length < 2) unsupported(g, n, `a table of shape ${shp(v)} (TFLM wants rank 2 or more)`);
  if (v.dtype === 'float32' && y.dtype !== 'float32') unsupported(g, n, `a float32 table with a ${y.dtype} output`);
  const hybrid = v.dtype === 'int8' && y.dtype === 'float32';
  if (hybrid && zeroPoint(v) !== 0) unsupported(g, n, `an int8 table with zero point ${zeroPoint(v)} for a float32 output (TFLM wants 0)`);
  const expected = [l.shape[0], ...v.shape.slice(1)];
  if (!sameShape(expected, y.shape)) unsupported(g, n, `output ${shp(y)} (TFLM computes [${expected}])`);
  return { hybrid, rows: v.shape[0], rowElems: product(v.shape.slice(1)) };
}

export const EMBEDDING_LOOKUP: OpDef = {
  name: 'EMBEDDING_LOOKUP',
  spec: { inputs: [2, 2], typedInput: 1, types: TYPES, outputTypes: TYPES, macs: () => 0 },
  prepare: (g, n): PreparedOp => {
    const c = lookupCheck(g, n);
    const v = input(g, n, 1);
    return {
      eval: c.hybrid ? 'tm_eval_embedding_lookup_s8_f32' : 'tm_eval_embedding_lookup',
      headers: ['tinyml/kernels/gather.h'],
      sources: ['src/kernels/embedding_lookup.c'],
      paramsType: 'tm_embedding_lookup_params',
      params: {
        n_lookups: input(g, n, 0).shape[0], rows: c.rows, row_elems: c.rowElems, elem_bytes: elementBytes(v.dtype),
        scale: new CFloat(c.hybrid ? scale(v) : 0),
      },
      scratchBytes: 0,
    };
  },
  fold: (g, n) => {
    const v = input(g, n, 1);
    const idx = constValues(input(g, n, 0));
    if (!v.data || !idx) return null;
    const c = lookupCheck(g, n);
    if (c.hybrid) return null;
    const rb = c.rowElems * elementBytes(v.dtype);
    const out = new Uint8Array(idx.length * rb);
    for (let i = 0; i < idx.length; i++) {
      if (!(idx[i] >= 0 && idx[i] < c.rows)) return null;
      out.set(v.data.subarray(idx[i] * rb, (idx[i] + 1) * rb), i * rb);
    }
    return [out];
  },
};
