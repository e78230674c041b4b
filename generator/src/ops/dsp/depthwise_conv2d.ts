/** DEPTHWISE_CONV_2D int8 → the DSP kernel (q15 planes of 4 channels, 3x3 fast paths). */
import { CStruct, PreparedOp, Specializer } from '../types';
import { arrayValues, channelData, constInt32, constInt8, scratchBudget, tensorAt } from './channels';

/** Mirrors tm_dw_dsp_plane_w. */
export function planeWidth(inputW: number, padW: number, outputW: number, strideW: number, filterW: number): number {
  const need = Math.max(Math.ceil(outputW / 4) * 4 * strideW + filterW + 1, padW + inputW);
  return (need + 1) & ~1;
}

/** Mirrors tm_dw_dsp_weight_row. */
export function weightRow(filterH: number, filterW: number, strideW: number): number {
  if (filterH === 3 && filterW === 3 && strideW === 1) return 4;
  if (filterH === 3 && filterW === 3 && strideW === 2) return 2;
  return Math.floor((filterW + 1) / 2) + 1;
}

/** Mirrors tm_depthwise_conv2d_s8_dsp_scratch_size. */
export function dwScratchBytes(group: number, band: number, planeW: number, strideH: number, strideW: number, filterH: number, filterW: number, mult: number): number {
  const bandRows = (band - 1) * strideH + filterH;
  const weightWords = filterH * weightRow(filterH, filterW, strideW);
  return group * bandRows * planeW * 2 + group * mult * weightWords * 4;
}

/** The int8 reference kernel (tm_eval_depthwise_conv2d_s8) → its DSP kernel, or the reference kept. */
export const depthwiseConv2dDsp: Specializer = (p, g, n): PreparedOp => {
  if (g.tensors[n.inputs[0]].dtype !== 'int8') return p;
  const params = p.params as CStruct;
  const win = params.win as CStruct;
  const weights = constInt8(tensorAt(g, n, 1));
  const biasT = params.has_bias ? tensorAt(g, n, 2) : null;
  const bias = biasT ? constInt32(biasT) : null;
  const multipliers = arrayValues(params.multiplier);
  const shifts = arrayValues(params.shift);
  if (!weights || (biasT && !bias) || !multipliers || !shifts) return p;
  if (win.dilation_h !== 1 || win.dilation_w !== 1) return p;
  const inputOffset = params.input_offset as number;
  if (inputOffset < -127 || inputOffset > 128) return p;
  const fh = win.filter_h as number, fw = win.filter_w as number;
  const outC = win.output_c as number, inC = win.input_c as number;
  const mult = params.depth_multiplier as number;
  if (weights.length !== fh * fw * outC || outC !== inC * mult) return p;
  const ch = channelData({
    weights: (c) => {
      const v = new Int8Array(fh * fw);
      for (let t = 0; t < fh * fw; t++) v[t] = weights[t * outC + c];
      return v;
    },
    outC, bias, inputOffset, multipliers, shifts,
    actMin: params.act_min as number, actMax: params.act_max as number,
    outputOffset: params.output_offset as number,
  });
  if (!ch) return p;
  const group = Math.min(4, inC);
  // Rows of planes run along the longer output side (the 3x3 blocks compute 4 outputs of a row).
  const transposed = (win.output_w as number) < (win.output_h as number);
  const [vIH, vIW, vOH, vOW, vFH, vFW, vSH, vSW, vPW] = transposed
    ? [win.input_w, win.input_h, win.output_w, win.output_h, win.filter_w, win.filter_h, win.stride_w, win.stride_h, win.pad_h]
    : [win.input_h, win.input_w, win.output_h, win.output_w, win.filter_h, win.filter_w, win.stride_h, win.stride_w, win.pad_w];
  void vIH;
  const outH = vOH as number;
  const strideH = vSH as number;
  const pw = planeWidth(vIW as number, vPW as number, vOW as number, vSW as number, vFW as number);
  const budget = scratchBudget(g, n);
  let band = 1;
  while (band < outH && dwScratchBytes(group, band + 1, pw, strideH, vSW as number, vFH as number, vFW as number, mult) <= budget) band++;
  if (band < outH) {
    const bands = Math.ceil(outH / band);
    band = Math.ceil(outH / bands);
  }
  return {
    eval: 'tm_eval_depthwise_conv2d_s8_dsp',
    headers: ['tinyml/kernels/dsp_depthwise_conv2d.h'],
    sources: ['src/kernels/dsp/depthwise_conv2d_s8_dsp.c'],
    paramsType: 'tm_depthwise_conv2d_s8_dsp_params',
    params: { ref: params, chan: ch.chan, group, band, plane_w: pw, flags: ch.flags, transposed: transposed ? 1 : 0 },
    scratchBytes: dwScratchBytes(group, band, pw, strideH, vSW as number, vFH as number, vFW as number, mult),
  };
};
