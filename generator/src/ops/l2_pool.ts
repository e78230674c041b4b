/**
 * L2_POOL_2D prepare (TFLM l2_pool_2d.cc L2Prepare): float32 only (TFLM refuses other types),
 * 4-D NHWC, the pooling ops' window geometry (ComputePaddingHeightWidth) and fused activation.
 * No TensorFlow op converts to it; test/ops-nn.test.ts builds its models.
 */
import { activationRangeFloat } from '../quant';
import { activationField, checkWindow, shp } from './checks';
import { CFloat, OpDef, PrepareFn, PreparedOp } from './types';
import { input, output, unsupported } from './util';
import { windowParams } from './window';

const prepareL2Pool: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const y = output(g, n);
  if (x.dtype !== 'float32' || y.dtype !== 'float32') unsupported(g, n, `${x.dtype} input (TFLM supports float32 only)`);
  const win = windowParams(g, n, x, y, {
    filterH: n.options.filterH as number, filterW: n.options.filterW as number, outputC: x.shape[3], dilated: false,
  });
  const range = activationRangeFloat(n.options.activation as number);
  return {
    eval: 'tm_eval_l2_pool_f32', headers: ['tinyml/kernels/l2_pool.h'], sources: ['src/kernels/l2_pool_f32.c'],
    paramsType: 'tm_pool_f32_params',
    params: { win, act_min: new CFloat(range.min), act_max: new CFloat(range.max) },
    scratchBytes: 0,
  };
};

export const L2_POOL_2D: OpDef = {
  name: 'L2_POOL_2D',
  options: {
    unionType: 5,
    fields: [
      { name: 'padding', slot: 0, kind: 'i8', dflt: 0 },
      { name: 'strideW', slot: 1, kind: 'i32', dflt: 0 },
      { name: 'strideH', slot: 2, kind: 'i32', dflt: 0 },
      { name: 'filterW', slot: 3, kind: 'i32', dflt: 0 },
      { name: 'filterH', slot: 4, kind: 'i32', dflt: 0 },
      activationField(5),
    ],
  },
  spec: {
    inputs: [1, 1],
    types: ['float32'],
    check: (n, t, out) => {
      if (out.shape.length === 4 && t(0)!.shape[3] !== out.shape[3]) return `pooling changes channels ${shp(t(0))} -> ${shp(out)}`;
      return checkWindow(n, t(0)!, out, n.options.filterH as number, n.options.filterW as number);
    },
    macs: (n, _t, out) => out.elements * (n.options.filterH as number) * (n.options.filterW as number),
  },
  prepare: prepareL2Pool,
};
