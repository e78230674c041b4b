/** CONV_2D prepare (TFLM ConvPrepare / CalculateOpDataConv, done ahead of time). */
import { activationRangeFloat, activationRangeQuantized, perChannelMultipliers } from '../quant';
import type { Graph, Node, Tensor } from '../graph';
import { Q, activationField, checkWindow, shp } from './checks';
import { conv2dDsp } from './dsp/conv2d';
import { CArray, CExpr, CFloat, CStruct, CValue, OpDef, PrepareFn, PreparedOp } from './types';
import { input, int32Data, int8Data, optionalInput, output, scale, unsupported, zeroPoint } from './util';
import { windowParams } from './window';

/**
 * bias[c] + inputOffset * (sum of output channel c's weights) for the int8 kernels' fast paths
 * (weight i of channel c is weights[c * channelStride + i * tapStride], `taps` of them), exact
 * integers: a CArray, or NULL when the weights or the bias are not constant, or some value would
 * leave int32 (the kernels then keep input_offset in their inner loops).
 */
export function foldedBias(w: Tensor, bias: Tensor | null, inputOffset: number, outC: number,
  taps: number, channelStride: number, tapStride: number): CValue {
  if (!w.data || (bias && !bias.data)) return new CExpr('NULL');
  const weights = int8Data(w);
  const b = bias ? int32Data(bias) : null;
  const folded = new Array<number>(outC);
  for (let c = 0; c < outC; c++) {
    let sum = 0;
    for (let i = 0; i < taps; i++) sum += weights[c * channelStride + i * tapStride];
    const v = (b ? b[c] : 0) + inputOffset * sum; // |v| < 2^53: exact
    if (v < -(2 ** 31) || v > 2 ** 31 - 1) return new CExpr('NULL');
    folded[c] = v;
  }
  return new CArray('int32_t', folded);
}

/**
 * The int8 checks and quantization fields CONV_2D and DEPTHWISE_CONV_2D share (TFLM's
 * CalculateOpDataConv / CalculateOpDataDepthwiseConv): int8 filter and output, int32 bias, one
 * filter scale or one per output channel along `channelAxis`; the input and output offsets,
 * per-channel multipliers and shifts, and the activation range.
 */
export function convQuantParams(g: Graph, n: Node, x: Tensor, w: Tensor, y: Tensor, bias: Tensor | null,
  outC: number, channelAxis: number): CStruct {
  if (w.dtype !== 'int8') unsupported(g, n, `${w.dtype} filter with int8 input`);
  if (y.dtype !== 'int8') unsupported(g, n, `${y.dtype} output with int8 input`);
  if (bias && bias.dtype !== 'int32') unsupported(g, n, `${bias.dtype} bias`);
  const fq = w.quant!;
  if (fq.scale.length !== 1 && fq.scale.length !== outC) unsupported(g, n, `${fq.scale.length} filter scales for ${outC} channels`);
  if (fq.scale.length > 1 && fq.axis !== channelAxis) unsupported(g, n, `per-channel filter quantization on dimension ${fq.axis}`);
  const { multipliers, shifts } = perChannelMultipliers(scale(x), fq.scale, scale(y), outC);
  const range = activationRangeQuantized(n.options.activation as number, scale(y), zeroPoint(y));
  return {
    input_offset: -zeroPoint(x),
    output_offset: zeroPoint(y),
    multiplier: new CArray('int32_t', multipliers),
    shift: new CArray('int32_t', shifts),
    act_min: range.min, act_max: range.max,
  };
}

/**
 * Mirrors tm_conv2d_s8_scratch_size(): two im2col patches, unless the conv is 1x1, unpadded and
 * ungrouped with every output pixel inside the input (each patch is then an input pixel).
 */
export function conv2dS8ScratchSize(win: CStruct, filterC: number): number {
  const n = (k: string): number => win[k] as number;
  const pointwise = n('filter_h') === 1 && n('filter_w') === 1 && n('pad_h') === 0 && n('pad_w') === 0 &&
    filterC === n('input_c') && (n('output_h') - 1) * n('stride_h') < n('input_h') && (n('output_w') - 1) * n('stride_w') < n('input_w');
  return pointwise ? 0 : 2 * n('filter_h') * n('filter_w') * filterC;
}

const prepareConv2D: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const w = input(g, n, 1);
  const bias = optionalInput(g, n, 2);
  const y = output(g, n);
  if (w.shape.length !== 4) unsupported(g, n, `a ${w.shape.length}-D filter`);
  const [outC, filterH, filterW, filterC] = w.shape;
  if (x.shape.length === 4 && (filterC < 1 || x.shape[3] % filterC !== 0 || outC % (x.shape[3] / filterC) !== 0)) {
    unsupported(g, n, `filter [${w.shape.join(',')}] with input [${x.shape.join(',')}]`);
  }
  const win = windowParams(g, n, x, y, { filterH, filterW, outputC: outC, dilated: true });
  const act = n.options.activation as number;
  const header = 'tinyml/kernels/conv2d.h';
  const hasBias = bias !== null;
  if (bias && bias.elements !== outC) unsupported(g, n, `a bias of ${bias.elements} values for ${outC} channels`);
  if (x.dtype === 'int8') {
    return {
      eval: 'tm_eval_conv2d_s8',
      headers: [header],
      sources: ['src/kernels/conv2d_s8.c'],
      paramsType: 'tm_conv2d_s8_params',
      params: {
        win, filter_c: filterC,
        ...convQuantParams(g, n, x, w, y, bias, outC, 0),
        has_bias: hasBias ? 1 : 0,
        bias_folded: foldedBias(w, bias, -zeroPoint(x), outC, filterH * filterW * filterC, filterH * filterW * filterC, 1),
      },
      scratchBytes: conv2dS8ScratchSize(win, filterC),
    };
  }
  if (x.dtype === 'float32') {
    if (w.dtype !== 'float32') unsupported(g, n, `${w.dtype} filter with float32 input (hybrid quantization)`);
    if (bias && bias.dtype !== 'float32') unsupported(g, n, `${bias.dtype} bias`);
    const range = activationRangeFloat(act);
    return {
      eval: 'tm_eval_conv2d_f32',
      headers: [header],
      sources: ['src/kernels/conv2d_f32.c'],
      paramsType: 'tm_conv2d_f32_params',
      params: {
        win, filter_c: filterC,
        act_min: new CFloat(range.min), act_max: new CFloat(range.max),
        has_bias: hasBias ? 1 : 0,
      },
      scratchBytes: 0,
    };
  }
  return unsupported(g, n, `${x.dtype} input`);
};

export const CONV_2D: OpDef = {
  name: 'CONV_2D',
  options: {
    unionType: 1,
    fields: [
      { name: 'padding', slot: 0, kind: 'i8', dflt: 0 },
      { name: 'strideW', slot: 1, kind: 'i32', dflt: 0 },
      { name: 'strideH', slot: 2, kind: 'i32', dflt: 0 },
      activationField(3),
      { name: 'dilationW', slot: 4, kind: 'i32', dflt: 1 },
      { name: 'dilationH', slot: 5, kind: 'i32', dflt: 1 },
    ],
  },
  spec: {
    inputs: [2, 3],
    constInputs: [1, 2],
    optionalInputs: [2],
    quantInputs: [1],
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
  prepare: prepareConv2D,
  fast: [{ kernels: 'dsp', types: ['int8'], specialize: conv2dDsp }],
};
