/**
 * L2_NORMALIZATION prepare (TFLM l2norm.cc L2NormPrepare): int8 or float32, input and output of
 * one type and shape, rank at most 4, no fused activation; normalized over the last dim. int8:
 * only the input zero point is read (TFLM's kernel writes 1/128 steps around 0 and does not check
 * the output's quantization).
 */
import { Q, shp } from './checks';
import { OpDef, PrepareFn, PreparedOp } from './types';
import { input, output, unsupported, zeroPoint } from './util';

const prepareL2Norm: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const y = output(g, n);
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  if (x.shape.length < 1 || x.shape.length > 4) unsupported(g, n, `a rank-${x.shape.length} input (TFLM takes 1 to 4)`);
  if (y.shape.length !== x.shape.length || y.shape.some((d, i) => d !== x.shape[i])) unsupported(g, n, `output ${shp(y)} for input ${shp(x)}`);
  if ((n.options.activation as number) !== 0) unsupported(g, n, 'a fused activation (TFLM requires none)');
  const depth = x.shape[x.shape.length - 1];
  if (!(depth > 0) || x.elements === 0) unsupported(g, n, 'an empty input');
  const sx = x.dtype === 'int8' ? 's8' : x.dtype === 'float32' ? 'f32' : unsupported(g, n, `${x.dtype} input`);
  return {
    eval: `tm_eval_l2norm_${sx}`, headers: ['tinyml/kernels/l2norm.h'], sources: [`src/kernels/l2norm_${sx}.c`],
    paramsType: 'tm_l2norm_params',
    params: { outer_size: x.elements / depth, depth, input_zero_point: x.dtype === 'int8' ? zeroPoint(x) : 0 },
    scratchBytes: 0,
  };
};

export const L2_NORMALIZATION: OpDef = {
  name: 'L2_NORMALIZATION',
  options: { unionType: 12, fields: [{ name: 'activation', slot: 0, kind: 'i8', dflt: 0 }] },
  spec: { inputs: [1, 1], types: Q, macs: (_n, t) => 2 * t(0)!.elements },
  prepare: prepareL2Norm,
};
