/** AVERAGE_POOL_2D int8 → the DSP kernel (dsp_pooling.h): same params, window sums in 16-bit lanes. */
import { CStruct, PreparedOp, Specializer } from '../types';

/** Mirrors TM_DSP_POOL_MAX_COLS. */
const MAX_COLS = 256;

/** The int8 reference kernel (tm_eval_avg_pool_s8) → its DSP kernel, or the reference kept. */
export const avgPoolDsp: Specializer = (p, g, n): PreparedOp => {
  if (g.tensors[n.inputs[0]].dtype !== 'int8') return p;
  const win = (p.params as CStruct).win as CStruct;
  if ((win.filter_w as number) > MAX_COLS) return p;
  return {
    ...p,
    eval: 'tm_eval_avg_pool_s8_dsp',
    headers: ['tinyml/kernels/dsp_pooling.h'],
    sources: ['src/kernels/dsp/avg_pool_s8_dsp.c'],
  };
};
