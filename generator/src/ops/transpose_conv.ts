/**
 * TRANSPOSE_CONV prepare (TFLM transpose_conv.cc TransposeConvPrepare / CalculateOpData). Inputs:
 * 0 the output shape (TFLM does not read it: the output tensor's own shape rules), 1 the OHWI
 * filter, 2 the NHWC input, 3 an optional bias. The padding is TFLM's ComputePaddingHeightWidth
 * with the output's height and width as the window's input size (dilation 1). int8: filter
 * scales per tensor or per output channel (dimension 0), an int32 bias, per-channel multipliers
 * (PopulateConvolutionQuantizationParams), the filter zero point ignored as the reference kernel
 * ignores it, and an int32 scratch of one accumulator per output element (TFLM's
 * RequestScratchBufferInArena of the output's size). int16 x int8 (TFLM's 16x8 path): int64
 * accumulators (an int64 scratch per output element), an int64 bias or an int16 one widened, and
 * no zero points applied, as TFLM applies none.
 */
import { INT16_RANGE, activationRangeFloat, activationRangeQuantized, perChannelMultipliers } from '../quant';
import { Q, activationField, shp } from './checks';
import { convQuantParams } from './conv2d';
import { CArray, CFloat, OpDef, PrepareFn, PreparedOp } from './types';
import { input, optionalInput, output, scale, unsupported, zeroPoint } from './util';
import { computeOutSize, computePadding } from './window';

/** tm_transpose_conv_s8_scratch_bytes(). */
export function transposeConvS8ScratchBytes(batches: number, outH: number, outW: number, outC: number): number {
  return batches < 1 || outH < 1 || outW < 1 || outC < 1 ? 0 : batches * outH * outW * outC * 4;
}

const prepareTransposeConv: PrepareFn = (g, n): PreparedOp => {
  const w = input(g, n, 1);
  const x = input(g, n, 2);
  const bias = optionalInput(g, n, 3);
  const y = output(g, n);
  if (x.shape.length !== 4 || w.shape.length !== 4 || y.shape.length !== 4) {
    unsupported(g, n, `input ${shp(x)}, filter ${shp(w)} and output ${shp(y)} (TFLM needs all three 4-D)`);
  }
  const [outC, filterH, filterW, filterC] = w.shape;
  const [batches, inH, inW, inC] = x.shape;
  const [outB, outH, outW, outDepth] = y.shape;
  if (outB !== batches || filterC !== inC || outDepth !== outC) {
    unsupported(g, n, `input ${shp(x)}, filter ${shp(w)} and output ${shp(y)} (batches, input channels and filter count must match)`);
  }
  if ([batches, inH, inW, inC, outH, outW, outC, filterH, filterW].some((d) => !(d > 0))) unsupported(g, n, 'an empty tensor');
  if (bias && bias.elements !== outC) unsupported(g, n, `a bias of ${bias.elements} values for ${outC} channels`);
  const o = n.options;
  const strideH = o.strideH as number, strideW = o.strideW as number, padding = o.padding as number;
  if (!(strideH > 0 && strideW > 0)) unsupported(g, n, `strides ${strideH}x${strideW}`);
  if (padding !== 0 && padding !== 1) unsupported(g, n, `padding ${padding}`);
  const win = {
    batches, input_h: inH, input_w: inW, input_c: inC,
    output_h: outH, output_w: outW, output_c: outC,
    filter_h: filterH, filter_w: filterW,
    stride_h: strideH, stride_w: strideW,
    dilation_h: 1, dilation_w: 1,
    pad_h: computePadding(strideH, 1, outH, filterH, computeOutSize(padding, outH, filterH, strideH, 1)),
    pad_w: computePadding(strideW, 1, outW, filterW, computeOutSize(padding, outW, filterW, strideW, 1)),
  };
  const header = 'tinyml/kernels/transpose_conv.h';
  if (x.dtype === 'int8') {
    if (w.dtype !== 'int8') unsupported(g, n, `${w.dtype} filter with int8 input (TFLM: hybrid models are not supported)`);
    const q = convQuantParams(g, n, x, w, y, bias, outC, 0);
    const scratch = transposeConvS8ScratchBytes(batches, outH, outW, outC);
    return {
      eval: 'tm_eval_transpose_conv_s8', headers: [header], sources: ['src/kernels/transpose_conv_s8.c'],
      paramsType: 'tm_transpose_conv_s8_params',
      params: { win, ...q, has_bias: bias ? 1 : 0, scratch_bytes: scratch },
      scratchBytes: scratch,
    };
  }
  if (x.dtype === 'int16') {
    // TFLM's 16x8 path: int8 filter, int16 output, an int64 bias (an int16 one is widened).
    if (w.dtype !== 'int8') unsupported(g, n, `${w.dtype} filter with int16 input`);
    if (y.dtype !== 'int16') unsupported(g, n, `${y.dtype} output with int16 input`);
    if (bias && bias.dtype !== 'int64' && bias.dtype !== 'int16') unsupported(g, n, `${bias.dtype} bias with int16 input (TFLM reads int64, or widens int16)`);
    const fq = w.quant!;
    if (fq.scale.length !== 1 && fq.scale.length !== outC) unsupported(g, n, `${fq.scale.length} filter scales for ${outC} channels`);
    if (fq.scale.length > 1 && fq.axis !== 0) unsupported(g, n, `per-channel filter quantization on dimension ${fq.axis}`);
    const { multipliers, shifts } = perChannelMultipliers(scale(x), fq.scale, scale(y), outC);
    if (shifts.some((v) => v > 14)) unsupported(g, n, 'a per-channel rescale above 2^14 (TFLM\'s 64-bit requantization shifts right by 15 - shift)');
    const range = activationRangeQuantized(o.activation as number, scale(y), zeroPoint(y), INT16_RANGE);
    const scratch = 2 * transposeConvS8ScratchBytes(batches, outH, outW, outC);
    return {
      eval: 'tm_eval_transpose_conv_s16', headers: [header], sources: ['src/kernels/transpose_conv_s16.c'],
      paramsType: 'tm_transpose_conv_s16_params',
      params: {
        win, multiplier: new CArray('int32_t', multipliers), shift: new CArray('int32_t', shifts),
        act_min: range.min, act_max: range.max,
        bias_kind: !bias ? 0 : bias.dtype === 'int16' ? 1 : 2, scratch_bytes: scratch,
      },
      scratchBytes: scratch,
    };
  }
  if (x.dtype === 'float32') {
    if (w.dtype !== 'float32') unsupported(g, n, `${w.dtype} filter with float32 input (TFLM: hybrid models are not supported)`);
    if (bias && bias.dtype !== 'float32') unsupported(g, n, `${bias.dtype} bias`);
    if (y.dtype !== 'float32') unsupported(g, n, `${y.dtype} output with float32 input`);
    const range = activationRangeFloat(o.activation as number);
    return {
      eval: 'tm_eval_transpose_conv_f32', headers: [header], sources: ['src/kernels/transpose_conv_f32.c'],
      paramsType: 'tm_transpose_conv_f32_params',
      params: { win, act_min: new CFloat(range.min), act_max: new CFloat(range.max), has_bias: bias ? 1 : 0 },
      scratchBytes: 0,
    };
  }
  return unsupported(g, n, `${x.dtype} input`);
};

export const TRANSPOSE_CONV: OpDef = {
  name: 'TRANSPOSE_CONV',
  options: {
    unionType: 49,
    fields: [
      { name: 'padding', slot: 0, kind: 'i8', dflt: 0 },
      { name: 'strideW', slot: 1, kind: 'i32', dflt: 0 },
      { name: 'strideH', slot: 2, kind: 'i32', dflt: 0 },
      activationField(3),
    ],
  },
  spec: {
    inputs: [3, 4],
    constInputs: [1, 3],
    optionalInputs: [3],
    quantInputs: [1],
    typedInput: 2,
    types: [...Q, 'int16'],
    check: (_n, t, out) => {
      const w = t(1)!, x = t(2)!;
      if (w.shape.length !== 4) return `filter must be 4-D, got ${shp(w)}`;
      if (x.shape.length !== 4 || out.shape.length !== 4) return `expects 4-D input and output, got ${shp(x)} -> ${shp(out)}`;
      return null;
    },
    macs: (_n, t) => {
      const w = t(1)!, x = t(2)!;
      return x.elements * w.shape[0] * w.shape[1] * w.shape[2];
    },
  },
  prepare: prepareTransposeConv,
};
