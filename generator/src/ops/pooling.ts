/** AVERAGE_POOL_2D and MAX_POOL_2D prepare (TFLM PoolingPrepare / CalculateOpDataPooling). */
import { activationRangeFloat, activationRangeQuantized } from '../quant';
import { Q, activationField, checkWindow, shp } from './checks';
import { avgPoolDsp } from './dsp/avg_pool';
import { CFloat, OpDef, OpSpec, OptionsSpec, PrepareFn, PreparedOp } from './types';
import { input, output, scale, unsupported, zeroPoint } from './util';
import { windowParams } from './window';

function poolPrepare(kind: 'avg' | 'max'): PrepareFn {
  return (g, n): PreparedOp => {
    const x = input(g, n, 0);
    const y = output(g, n);
    const win = windowParams(g, n, x, y, {
      filterH: n.options.filterH as number, filterW: n.options.filterW as number,
      outputC: x.shape[3], dilated: false,
    });
    const act = n.options.activation as number;
    const header = 'tinyml/kernels/pooling.h';
    if (x.dtype === 'int8') {
      if (y.dtype !== 'int8') unsupported(g, n, `${y.dtype} output with int8 input`);
      // TFLM requires the output to share the input's quantization (no requantization).
      if (Math.abs(scale(x) - scale(y)) > 1e-6 || zeroPoint(x) !== zeroPoint(y)) {
        unsupported(g, n, `an output quantized differently from its input (scale ${scale(x)} zp ${zeroPoint(x)} -> scale ${scale(y)} zp ${zeroPoint(y)})`);
      }
      const range = activationRangeQuantized(act, scale(y), zeroPoint(y));
      return {
        eval: `tm_eval_${kind}_pool_s8`,
        headers: [header],
        sources: [`src/kernels/${kind}_pool_s8.c`],
        paramsType: 'tm_pool_s8_params',
        params: { win, act_min: range.min, act_max: range.max },
        scratchBytes: 0,
      };
    }
    if (x.dtype === 'float32') {
      const range = activationRangeFloat(act);
      return {
        eval: `tm_eval_${kind}_pool_f32`,
        headers: [header],
        sources: [`src/kernels/${kind}_pool_f32.c`],
        paramsType: 'tm_pool_f32_params',
        params: { win, act_min: new CFloat(range.min), act_max: new CFloat(range.max) },
        scratchBytes: 0,
      };
    }
    return unsupported(g, n, `${x.dtype} input`);
  };
}

const poolOptions: OptionsSpec = {
  unionType: 5,
  fields: [
    { name: 'padding', slot: 0, kind: 'i8', dflt: 0 },
    { name: 'strideW', slot: 1, kind: 'i32', dflt: 0 },
    { name: 'strideH', slot: 2, kind: 'i32', dflt: 0 },
    { name: 'filterW', slot: 3, kind: 'i32', dflt: 0 },
    { name: 'filterH', slot: 4, kind: 'i32', dflt: 0 },
    activationField(5),
  ],
};

const poolSpec: OpSpec = {
  inputs: [1, 1],
  types: Q,
  check: (n, t, out) => {
    if (out.shape.length === 4 && t(0)!.shape[3] !== out.shape[3]) return `pooling changes channels ${shp(t(0))} -> ${shp(out)}`;
    return checkWindow(n, t(0)!, out, n.options.filterH as number, n.options.filterW as number);
  },
  macs: (n, _t, out) => out.elements * (n.options.filterH as number) * (n.options.filterW as number),
};

export const AVERAGE_POOL_2D: OpDef = {
  name: 'AVERAGE_POOL_2D', options: poolOptions, spec: poolSpec, prepare: poolPrepare('avg'),
  fast: [{ kernels: 'dsp', types: ['int8'], specialize: avgPoolDsp }],
};
export const MAX_POOL_2D: OpDef = { name: 'MAX_POOL_2D', options: poolOptions, spec: poolSpec, prepare: poolPrepare('max') };
