/**
 * Sliding-window geometry for CONV_2D, DEPTHWISE_CONV_2D and pooling, computed as TFLM's prepare
 * computes it (ComputeOutSize + ComputePaddingWithOffset, i.e. ComputePaddingHeightWidth).
 * Mirrors the C struct tm_window in micro-runtime/include/tinyml/kernels/window.h.
 */
import type { Graph, Node, Tensor } from '../graph';
import { CStruct } from './types';
import { unsupported } from './util';

/** TFLM ComputeOutSize (padding 0 = SAME, 1 = VALID). */
export function computeOutSize(padding: number, imageSize: number, filterSize: number, stride: number, dilation: number): number {
  const effective = (filterSize - 1) * dilation + 1;
  if (stride === 0) return 0;
  if (padding === 0) return Math.trunc((imageSize + stride - 1) / stride);
  if (padding === 1) return Math.trunc((imageSize + stride - effective) / stride);
  return 0;
}

/** TFLM ComputePaddingWithOffset: the leading (top/left) padding; the odd extra goes after. */
export function computePadding(stride: number, dilation: number, inSize: number, filterSize: number, outSize: number): number {
  const effective = (filterSize - 1) * dilation + 1;
  const total = Math.max(0, (outSize - 1) * stride + effective - inSize);
  return Math.trunc(total / 2);
}

export interface WindowSpec {
  filterH: number;
  filterW: number;
  /** Output channels (filter count, input * multiplier, or input channels for pooling). */
  outputC: number;
  dilated: boolean;
}

/** Builds tm_window for a 4-D NHWC node, checking the output shape against TFLM's. */
export function windowParams(g: Graph, n: Node, x: Tensor, y: Tensor, spec: WindowSpec): CStruct {
  const o = n.options;
  const strideH = o.strideH as number, strideW = o.strideW as number;
  const dilationH = spec.dilated ? ((o.dilationH as number | undefined) ?? 1) : 1;
  const dilationW = spec.dilated ? ((o.dilationW as number | undefined) ?? 1) : 1;
  const padding = o.padding as number;
  if (x.shape.length !== 4 || y.shape.length !== 4) unsupported(g, n, `a ${x.shape.length}-D input / ${y.shape.length}-D output (only 4-D NHWC)`);
  if (!(strideH > 0 && strideW > 0 && dilationH > 0 && dilationW > 0)) unsupported(g, n, `strides ${strideH}x${strideW} with dilations ${dilationH}x${dilationW}`);
  if (padding !== 0 && padding !== 1) unsupported(g, n, `padding ${padding}`);
  if (!(spec.filterH > 0 && spec.filterW > 0)) unsupported(g, n, `a ${spec.filterH}x${spec.filterW} window`);
  const [batches, inH, inW, inC] = x.shape;
  const outH = computeOutSize(padding, inH, spec.filterH, strideH, dilationH);
  const outW = computeOutSize(padding, inW, spec.filterW, strideW, dilationW);
  if (y.shape[0] !== batches || y.shape[1] !== outH || y.shape[2] !== outW || y.shape[3] !== spec.outputC) {
    unsupported(g, n, `output shape [${y.shape.join(',')}] (TFLM computes [${batches},${outH},${outW},${spec.outputC}])`);
  }
  if (outH < 1 || outW < 1) unsupported(g, n, 'an empty output');
  return {
    batches, input_h: inH, input_w: inW, input_c: inC,
    output_h: outH, output_w: outW, output_c: spec.outputC,
    filter_h: spec.filterH, filter_w: spec.filterW,
    stride_h: strideH, stride_w: strideW,
    dilation_h: dilationH, dilation_w: dilationW,
    pad_h: computePadding(strideH, dilationH, inH, spec.filterH, outH),
    pad_w: computePadding(strideW, dilationW, inW, spec.filterW, outW),
  };
}
