/**
 * RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR prepare (TFLM resize_nearest_neighbor.cc and
 * resize_bilinear.cc): a 4-D NHWC input, a constant 1-D int32 size of two values (the output
 * height and width, which the output tensor must have), no requantization (int8 values are
 * copied or interpolated as they are, as TFLM does). Nearest neighbour: int8, int16 and float32,
 * the row and column maps computed here with TFLM's float32 GetNearestNeighbor arithmetic.
 * Bilinear: int8 (TFLM's integer ResizeBilinearInteger) and float32; align_corners together with
 * half_pixel_centers is refused, as TFLM's Prepare refuses it.
 */
import type { Graph, Node, Tensor } from '../graph';
import { roundHalfAway } from '../quant';
import { shp } from './checks';
import { CArray, CFloat, OpDef, OpSpec, PrepareFn, PreparedOp } from './types';
import { elementBytes, input, int32Data, output, unsupported } from './util';

const f = Math.fround;

/** TFLM reference_ops::GetNearestNeighbor in float32. */
export function nearestNeighbor(value: number, inSize: number, outSize: number, alignCorners: boolean, halfPixel: boolean): number {
  const scale = alignCorners && outSize > 1 ? f((inSize - 1) / (outSize - 1)) : f(inSize / outSize);
  const offset = halfPixel ? 0.5 : 0;
  const pos = f(f(value + offset) * scale);
  let v = Math.min(alignCorners ? Math.trunc(roundHalfAway(pos)) : Math.floor(pos), inSize - 1);
  if (halfPixel) v = Math.max(0, v);
  return v;
}

interface ResizeGeometry { batches: number; input_h: number; input_w: number; depth: number; output_h: number; output_w: number }

function resizeGeometry(g: Graph, n: Node, x: Tensor, y: Tensor): ResizeGeometry {
  const size = input(g, n, 1);
  if (x.shape.length !== 4) unsupported(g, n, `a ${x.shape.length}-D input (TFLM needs 4-D)`);
  if (size.dtype !== 'int32' || size.shape.length !== 1 || size.shape[0] !== 2 || !size.data) {
    unsupported(g, n, `a size tensor ${shp(size)} of ${size.dtype} (TFLM needs a constant 1-D int32 of 2 values)`);
  }
  const [outH, outW] = Array.from(int32Data(size));
  const [batches, inH, inW, depth] = x.shape;
  if (y.shape.length !== 4 || y.shape[0] !== batches || y.shape[1] !== outH || y.shape[2] !== outW || y.shape[3] !== depth) {
    unsupported(g, n, `output shape ${shp(y)} for input ${shp(x)} resized to ${outH}x${outW}`);
  }
  if ([batches, inH, inW, depth, outH, outW].some((d) => !(d > 0))) unsupported(g, n, 'an empty tensor');
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  return { batches, input_h: inH, input_w: inW, depth, output_h: outH, output_w: outW };
}

const prepareNearest: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const y = output(g, n);
  if (!['int8', 'int16', 'float32'].includes(x.dtype)) unsupported(g, n, `${x.dtype} input`);
  const geo = resizeGeometry(g, n, x, y);
  const align = !!n.options.alignCorners, half = !!n.options.halfPixelCenters;
  const map = (inSize: number, outSize: number): number[] =>
    Array.from({ length: outSize }, (_, i) => nearestNeighbor(i, inSize, outSize, align, half));
  return {
    eval: 'tm_eval_resize_nearest', headers: ['tinyml/kernels/resize.h'], sources: ['src/kernels/resize_nearest.c'],
    paramsType: 'tm_resize_nearest_params',
    params: {
      ...geo,
      elem_bytes: elementBytes(x.dtype),
      y_map: new CArray('int32_t', map(geo.input_h, geo.output_h)),
      x_map: new CArray('int32_t', map(geo.input_w, geo.output_w)),
    },
    scratchBytes: 0,
  };
};

const prepareBilinear: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const y = output(g, n);
  const geo = resizeGeometry(g, n, x, y);
  const align = !!n.options.alignCorners, half = !!n.options.halfPixelCenters;
  if (align && half) unsupported(g, n, 'align_corners with half_pixel_centers (TFLM refuses the pair)');
  const header = 'tinyml/kernels/resize.h';
  if (x.dtype === 'int8') {
    // TFLM ResizeBilinearInteger's rounded 10-bit scales (integer division of non-negatives).
    const scale10 = (inSize: number, outSize: number): number =>
      align && outSize > 1
        ? Math.floor(((1 << 10) * (inSize - 1) + Math.floor((outSize - 1) / 2)) / (outSize - 1))
        : Math.floor(((1 << 10) * inSize + Math.floor(outSize / 2)) / outSize);
    return {
      eval: 'tm_eval_resize_bilinear_s8', headers: [header], sources: ['src/kernels/resize_bilinear_s8.c'],
      paramsType: 'tm_resize_bilinear_s8_params',
      params: {
        ...geo,
        height_scale_10: scale10(geo.input_h, geo.output_h),
        width_scale_10: scale10(geo.input_w, geo.output_w),
        half_pixel_centers: half ? 1 : 0,
      },
      scratchBytes: 0,
    };
  }
  if (x.dtype === 'float32') {
    const scale = (inSize: number, outSize: number): number =>
      align && outSize > 1 ? f((inSize - 1) / (outSize - 1)) : f(inSize / outSize);
    return {
      eval: 'tm_eval_resize_bilinear_f32', headers: [header], sources: ['src/kernels/resize_bilinear_f32.c'],
      paramsType: 'tm_resize_bilinear_f32_params',
      params: {
        ...geo,
        height_scale: new CFloat(scale(geo.input_h, geo.output_h)),
        width_scale: new CFloat(scale(geo.input_w, geo.output_w)),
        half_pixel_centers: half ? 1 : 0,
      },
      scratchBytes: 0,
    };
  }
  return unsupported(g, n, `${x.dtype} input`);
};

const resizeSpec = (types: string[]): OpSpec => ({
  inputs: [2, 2],
  constInputs: [1],
  types,
  check: (_n, t, out) => (t(0)!.shape.length === 4 && out.shape.length === 4 ? null : `expects 4-D input and output, got ${shp(t(0))} -> ${shp(out)}`),
  macs: (_n, _t, out) => out.elements,
});

export const RESIZE_NEAREST_NEIGHBOR: OpDef = {
  name: 'RESIZE_NEAREST_NEIGHBOR',
  options: {
    unionType: 74,
    fields: [
      { name: 'alignCorners', slot: 0, kind: 'bool', dflt: 0 },
      { name: 'halfPixelCenters', slot: 1, kind: 'bool', dflt: 0 },
    ],
  },
  spec: resizeSpec(['int8', 'int16', 'float32']),
  prepare: prepareNearest,
};

export const RESIZE_BILINEAR: OpDef = {
  name: 'RESIZE_BILINEAR',
  options: {
    unionType: 15,
    fields: [
      { name: 'alignCorners', slot: 2, kind: 'bool', dflt: 0 },
      { name: 'halfPixelCenters', slot: 3, kind: 'bool', dflt: 0 },
    ],
  },
  spec: resizeSpec(['int8', 'float32']),
  prepare: prepareBilinear,
};
