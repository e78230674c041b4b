/**
 * STRIDED_SLICE prepare (TFLM StridedSlicePrepare + reference_ops::StridedSlice index logic).
 * TFLM ignores ellipsis_mask, new_axis_mask and offset, pads the indices to 5-D
 * (StridedSlicePadIndices) and resolves each axis with StridedSliceStartForAxis/EndForAxis; the
 * output shape must match its CheckOutputSize. The kernel gets per-axis counts and input steps.
 * One kernel per element size: strided_slice_b8 (int8), strided_slice_b32 (float32, int32).
 */
import type { Graph, Node, Tensor } from '../graph';
import { Q } from './checks';
import { FoldFn, OpDef, PrepareFn, PreparedOp } from './types';
import { constValues, fieldNumbers, gather5, valuesBytes } from './values';
import { extendShape, input, int32Data, output, unsupported } from './util';

const INT_MIN = -2147483648, INT_MAX = 2147483647;

function clamp(v: number, lo: number, hi: number): number {
  return hi < v ? hi : v < lo ? lo : v;
}

interface SliceParams {
  start: number[];
  stop: number[];
  strides: number[];
  beginMask: number;
  endMask: number;
  shrinkMask: number;
}

/** strided_slice::StartForAxis (used by TFLM's output-size check). */
function startForAxis(p: SliceParams, dims: number[], axis: number): number {
  const size = dims[axis];
  if (size === 0) return 0;
  let start = p.start[axis];
  if (p.beginMask & (1 << axis)) start = p.strides[axis] > 0 ? INT_MIN : INT_MAX;
  if (start < 0) start += size;
  return p.strides[axis] > 0 ? clamp(start, 0, size) : clamp(start, -1, size - 1);
}

/** strided_slice::StopForAxis. */
function stopForAxis(p: SliceParams, dims: number[], axis: number, startForAxis: number): number {
  const size = dims[axis];
  if (size === 0) return 0;
  if (p.shrinkMask & (1 << axis)) return startForAxis + 1;
  let stop = p.stop[axis];
  if (p.endMask & (1 << axis)) stop = p.strides[axis] > 0 ? INT_MAX : INT_MIN;
  if (stop < 0) stop += size;
  return p.strides[axis] > 0 ? clamp(stop, 0, size) : clamp(stop, -1, size - 1);
}

/** strided_slice::StridedSliceStartForAxis (used by the kernel). */
function kernelStart(p: SliceParams, dims: number[], axis: number): number {
  const size = dims[axis];
  let start = p.start[axis];
  const stride = p.strides[axis];
  if (start < 0) start += size;
  start = stride > 0 ? clamp(start, 0, size) : clamp(start, -1, size - 1);
  if (p.beginMask & (1 << axis)) start = stride > 0 ? 0 : size - 1;
  return start;
}

/** strided_slice::StridedSliceEndForAxis. */
function kernelEnd(p: SliceParams, dims: number[], axis: number, start: number): number {
  const size = dims[axis];
  if (p.shrinkMask & (1 << axis)) return start >= size ? start : start + 1;
  let end = p.stop[axis];
  const stride = p.strides[axis];
  if (end < 0) end += size;
  end = stride > 0 ? clamp(end, 0, size) : clamp(end, -1, size - 1);
  if (p.endMask & (1 << axis)) end = stride > 0 ? size : -1;
  return end;
}

function checkOutputSize(g: Graph, n: Node, p: SliceParams, x: Tensor, y: Tensor): void {
  const expected: number[] = [];
  for (let i = 0; i < x.shape.length; i++) {
    const begin = startForAxis(p, x.shape, i);
    let end = stopForAxis(p, x.shape, i, begin);
    const shrink = (p.shrinkMask & (1 << i)) !== 0;
    if (shrink) end = begin + 1;
    let dim = Math.ceil((end - begin) / Math.fround(p.strides[i]));
    if (dim < 0) dim = 0;
    if (!shrink) expected.push(dim);
  }
  if (expected.length !== y.shape.length || expected.some((d, i) => d !== y.shape[i])) {
    unsupported(g, n, `output shape [${y.shape}] where TFLM computes [${expected}]`);
  }
}

const prepareStridedSlice: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const y = output(g, n);
  const rank = x.shape.length;
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  if (rank < 1 || rank > 5) unsupported(g, n, `rank ${rank}`);
  const idx = [1, 2, 3].map((k) => {
    const t = input(g, n, k);
    if (!t.data || t.dtype !== 'int32') unsupported(g, n, 'begin/end/strides that are not constant int32 tensors');
    const v = Array.from(int32Data(t));
    if (v.length !== rank) unsupported(g, n, `${v.length} begin/end/stride values for rank ${rank}`);
    return v;
  });
  const o = n.options;
  const p: SliceParams = {
    start: idx[0], stop: idx[1], strides: idx[2],
    beginMask: (o.beginMask as number) ?? 0,
    endMask: (o.endMask as number) ?? 0,
    shrinkMask: (o.shrinkAxisMask as number) ?? 0,
  };
  if (p.strides.some((s) => s === 0)) unsupported(g, n, 'a zero stride');
  checkOutputSize(g, n, p, x, y);

  // StridedSlicePadIndices to 5-D.
  const pad = 5 - rank;
  const low = (1 << pad) - 1;
  const p5: SliceParams = {
    start: [...new Array(pad).fill(0), ...p.start],
    stop: [...new Array(pad).fill(1), ...p.stop],
    strides: [...new Array(pad).fill(1), ...p.strides],
    beginMask: (p.beginMask << pad) | low,
    endMask: (p.endMask << pad) | low,
    shrinkMask: p.shrinkMask << pad,
  };
  const dims = extendShape(x.shape, 5);
  const inStrides = [1, 1, 1, 1, 1];
  for (let d = 3; d >= 0; d--) inStrides[d] = inStrides[d + 1] * dims[d + 1];
  const count: number[] = [], step: number[] = [];
  let offset = 0;
  for (let a = 0; a < 5; a++) {
    const start = kernelStart(p5, dims, a);
    const stop = kernelEnd(p5, dims, a, start);
    const s = p5.strides[a];
    const c = s > 0 ? (start < stop ? Math.ceil((stop - start) / s) : 0) : (start > stop ? Math.ceil((start - stop) / -s) : 0);
    count.push(c);
    step.push(s * inStrides[a]);
    offset += start * inStrides[a];
  }
  const total = count.reduce((a, b) => a * b, 1);
  if (total !== y.elements) unsupported(g, n, `a slice of ${total} elements into an output of ${y.elements}`);
  if (total === 0) offset = 0;
  let size: string;
  if (x.dtype === 'int8' || x.dtype === 'uint8' || x.dtype === 'bool') size = 'b8';
  else if (x.dtype === 'float32' || x.dtype === 'int32') size = 'b32';
  else return unsupported(g, n, `${x.dtype} tensors`);
  return {
    eval: `tm_eval_strided_slice_${size}`,
    headers: ['tinyml/kernels/strided_slice.h'],
    sources: [`src/kernels/strided_slice_${size}.c`],
    paramsType: 'tm_strided_slice_params',
    params: { count, step, offset, in_size: x.elements },
    scratchBytes: 0,
  };
};

/** A constant input (typically a shape): the kernel's 5-D walk, done here. */
const foldStridedSlice: FoldFn = (g, n) => {
  const x = g.tensors[n.inputs[0]];
  const v = x ? constValues(x) : null;
  if (!v) return null;
  const p = prepareStridedSlice(g, n, { kernels: 'ref' }).params!;
  const out = valuesBytes(x.dtype, gather5(v, fieldNumbers(p.count), fieldNumbers(p.step), p.offset as number));
  return out ? [out] : null;
};

export const STRIDED_SLICE: OpDef = {
  name: 'STRIDED_SLICE',
  options: {
    unionType: 32,
    fields: [
      { name: 'beginMask', slot: 0, kind: 'i32', dflt: 0 },
      { name: 'endMask', slot: 1, kind: 'i32', dflt: 0 },
      { name: 'ellipsisMask', slot: 2, kind: 'i32', dflt: 0 },
      { name: 'newAxisMask', slot: 3, kind: 'i32', dflt: 0 },
      { name: 'shrinkAxisMask', slot: 4, kind: 'i32', dflt: 0 },
      { name: 'offset', slot: 5, kind: 'bool', dflt: 0 },
    ],
  },
  spec: { inputs: [4, 4], constInputs: [1, 2, 3], types: [...Q, 'int32'], macs: () => 0 },
  prepare: prepareStridedSlice,
  fold: foldStridedSlice,
};
