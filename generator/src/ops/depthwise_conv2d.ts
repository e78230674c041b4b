/** DEPTHWISE_CONV_2D prepare (TFLM DepthwiseConvPrepare / CalculateOpDataDepthwiseConv). */
import { activationRangeFloat } from '../quant';
import { Q, activationField, checkWindow, shp } from './checks';
import { depthwiseConv2dDsp } from './dsp/depthwise_conv2d';
import { CFloat, OpDef, PrepareFn, PreparedOp } from './types';
import { input, optionalInput, output, unsupported, zeroPoint } from './util';
import { convQuantParams, foldedBias } from './conv2d';
import { windowParams } from './window';

const prepareDepthwiseConv2D: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const w = input(g, n, 1);
  const bias = optionalInput(g, n, 2);
  const y = output(g, n);
  if (w.shape.length !== 4 || w.shape[0] !== 1) unsupported(g, n, `filter shape [${w.shape.join(',')}]`);
  const [, filterH, filterW, outC] = w.shape;
  const inC = x.shape[3];
  if (x.shape.length !== 4 || !(inC > 0) || outC % inC !== 0) unsupported(g, n, `filter [${w.shape.join(',')}] with input [${x.shape.join(',')}]`);
  // The kernel walks the channels the way the shapes say; TFLM takes the multiplier from the
  // options and only checks it in debug builds, so insist that the two agree.
  const depthMultiplier = outC / inC;
  const optMultiplier = n.options.depthMultiplier as number;
  if (optMultiplier !== depthMultiplier) {
    unsupported(g, n, `depth_multiplier ${optMultiplier} that disagrees with the shapes (${outC} / ${inC} channels)`);
  }
  const win = windowParams(g, n, x, y, { filterH, filterW, outputC: outC, dilated: true });
  const act = n.options.activation as number;
  const header = 'tinyml/kernels/depthwise_conv2d.h';
  const hasBias = bias !== null;
  if (bias && bias.elements !== outC) unsupported(g, n, `a bias of ${bias.elements} values for ${outC} channels`);
  if (x.dtype === 'int8') {
    return {
      eval: 'tm_eval_depthwise_conv2d_s8',
      headers: [header],
      sources: ['src/kernels/depthwise_conv2d_s8.c'],
      paramsType: 'tm_depthwise_conv2d_s8_params',
      params: {
        win, depth_multiplier: depthMultiplier,
        ...convQuantParams(g, n, x, w, y, bias, outC, 3),
        has_bias: hasBias ? 1 : 0,
        // channel c's weights are filter[0, fy, fx, c]: outC apart
        bias_folded: foldedBias(w, bias, -zeroPoint(x), outC, filterH * filterW, 1, outC),
      },
      scratchBytes: 0,
    };
  }
  if (x.dtype === 'float32') {
    if (w.dtype !== 'float32') unsupported(g, n, `${w.dtype} filter with float32 input (hybrid quantization)`);
    if (bias && bias.dtype !== 'float32') unsupported(g, n, `${bias.dtype} bias`);
    const range = activationRangeFloat(act);
    return {
      eval: 'tm_eval_depthwise_conv2d_f32',
      headers: [header],
      sources: ['src/kernels/depthwise_conv2d_f32.c'],
      paramsType: 'tm_depthwise_conv2d_f32_params',
      params: {
        win, depth_multiplier: depthMultiplier,
        act_min: new CFloat(range.min), act_max: new CFloat(range.max),
        has_bias: hasBias ? 1 : 0,
      },
      scratchBytes: 0,
    };
  }
  return unsupported(g, n, `${x.dtype} input`);
};

export const DEPTHWISE_CONV_2D: OpDef = {
  name: 'DEPTHWISE_CONV_2D',
  options: {
    unionType: 2,
    fields: [
      { name: 'padding', slot: 0, kind: 'i8', dflt: 0 },
      { name: 'strideW', slot: 1, kind: 'i32', dflt: 0 },
      { name: 'strideH', slot: 2, kind: 'i32', dflt: 0 },
      { name: 'depthMultiplier', slot: 3, kind: 'i32', dflt: 0 },
      activationField(4),
      { name: 'dilationW', slot: 5, kind: 'i32', dflt: 1 },
      { name: 'dilationH', slot: 6, kind: 'i32', dflt: 1 },
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
      if (w.shape.length !== 4 || w.shape[0] !== 1) return `filter must be [1,h,w,c], got ${shp(w)}`;
      if (x.shape.length === 4 && w.shape[3] % x.shape[3] !== 0) return `filter channels ${w.shape[3]} are not a multiple of input channels ${x.shape[3]}`;
      if (out.shape.length === 4 && out.shape[3] !== w.shape[3]) return `output channels ${out.shape[3]} differ from filter channels ${w.shape[3]}`;
      if (b && b.elements !== w.shape[3]) return `bias has ${b.elements} elements for ${w.shape[3]} output channels`;
      return checkWindow(n, x, out, w.shape[1], w.shape[2]);
    },
    macs: (_n, t, out) => {
      const w = t(1)!;
      return out.elements * w.shape[1] * w.shape[2];
    },
  },
  prepare: prepareDepthwiseConv2D,
  fast: [{ kernels: 'dsp', types: ['int8'], specialize: depthwiseConv2dDsp }],
};
