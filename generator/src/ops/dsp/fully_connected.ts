/** FULLY_CONNECTED int8 → the DSP kernel. */
import { CStruct, PreparedOp, Specializer } from '../types';
import { arrayValues, channelData, constInt32, constInt8, gemmPlan, scratchBudget, tensorAt } from './channels';

/** The int8 reference kernel (tm_eval_fully_connected_s8) → its DSP kernel, or the reference kept. */
export const fullyConnectedDsp: Specializer = (p, g, n): PreparedOp => {
  if (g.tensors[n.inputs[0]].dtype !== 'int8') return p;
  const params = p.params as CStruct;
  const weights = constInt8(tensorAt(g, n, 1));
  const biasT = tensorAt(g, n, 2);
  const bias = biasT ? constInt32(biasT) : null;
  const multipliers = arrayValues(params.multiplier);
  const shifts = arrayValues(params.shift);
  if (!weights || (biasT && !bias) || !multipliers || !shifts) return p;
  if (params.filter_offset !== 0) return p;
  const k = params.accum_depth as number;
  const outC = params.output_depth as number;
  const batches = params.batches as number;
  if (weights.length !== outC * k || (bias && bias.length < outC)) return p;
  const inputOffset = params.input_offset as number;
  if (inputOffset < -127 || inputOffset > 128) return p;
  const ch = channelData({
    weights: (c) => weights.subarray(c * k, (c + 1) * k),
    outC, bias, inputOffset, multipliers, shifts,
    actMin: params.act_min as number, actMax: params.act_max as number,
    outputOffset: params.output_offset as number,
  });
  if (!ch) return p;
  // one row: the weights are read as int8 on the fly, so only the row's q15 copy is needed
  const plan = batches === 1
    ? { tile: 1, flags: 0, bytes: Math.ceil(k / 4) * 8 }
    : gemmPlan(batches, k, outC, scratchBudget(g, n));
  return {
    eval: 'tm_eval_fully_connected_s8_dsp',
    headers: ['tinyml/kernels/dsp_conv2d.h'],
    sources: ['src/kernels/dsp/fully_connected_s8_dsp.c', 'src/kernels/dsp/gemm_s8_dsp.c'],
    paramsType: 'tm_fully_connected_s8_dsp_params',
    params: { ref: params, chan: ch.chan, tile: plan.tile, flags: ch.flags | plan.flags },
    scratchBytes: plan.bytes,
  };
};
