/** CONV_2D int8 → the DSP kernels: 1x1 (pointwise) or general (im2col). */
import { CStruct, PreparedOp, Specializer } from '../types';
import { arrayValues, channelData, constInt32, constInt8, gemmPlan, patchBytes, scratchBudget, tensorAt, x2Flag } from './channels';

/** The int8 reference kernel (tm_eval_conv2d_s8) → its DSP kernel, or the reference kept. */
export const conv2dDsp: Specializer = (p, g, n): PreparedOp => {
  if (g.tensors[n.inputs[0]].dtype !== 'int8') return p;
  const params = p.params as CStruct;
  const win = params.win as CStruct;
  const w = tensorAt(g, n, 1);
  const weights = constInt8(w);
  const biasT = params.has_bias ? tensorAt(g, n, 2) : null;
  const bias = biasT ? constInt32(biasT) : null;
  const multipliers = arrayValues(params.multiplier);
  const shifts = arrayValues(params.shift);
  if (!w || !weights || (biasT && !bias) || !multipliers || !shifts) return p;
  const filterC = params.filter_c as number;
  const inC = win.input_c as number;
  const outC = win.output_c as number;
  if (filterC !== inC) return p; // grouped convolution: reference
  const fh = win.filter_h as number, fw = win.filter_w as number;
  const k = fh * fw * inC;
  if (weights.length !== outC * k) return p;
  const inputOffset = params.input_offset as number;
  if (inputOffset < -127 || inputOffset > 128) return p;
  const ch = channelData({
    weights: (c) => weights.subarray(c * k, (c + 1) * k),
    outC, bias, inputOffset, multipliers, shifts,
    actMin: params.act_min as number, actMax: params.act_max as number,
    outputOffset: params.output_offset as number,
  });
  if (!ch) return p;
  const pixels = (win.batches as number) * (win.output_h as number) * (win.output_w as number);
  const pointwise = fh === 1 && fw === 1 && win.pad_h === 0 && win.pad_w === 0;
  const plan = gemmPlan(pixels, k, outC, scratchBudget(g, n), pointwise ? 0 : patchBytes(k));
  const flags = ch.flags | plan.flags;
  const x2 = x2Flag(ch.chan, (c) => weights.subarray(c * k, (c + 1) * k), outC, flags);
  return {
    eval: pointwise ? 'tm_eval_conv2d_1x1_s8_dsp' : 'tm_eval_conv2d_s8_dsp',
    headers: ['tinyml/kernels/dsp_conv2d.h'],
    sources: [pointwise ? 'src/kernels/dsp/conv2d_1x1_s8_dsp.c' : 'src/kernels/dsp/conv2d_s8_dsp.c', 'src/kernels/dsp/gemm_s8_dsp.c'],
    paramsType: 'tm_conv2d_s8_dsp_params',
    params: { ref: params, chan: ch.chan, tile: plan.tile, flags: flags | x2 },
    scratchBytes: plan.bytes,
  };
};
