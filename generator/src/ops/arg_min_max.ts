/**
 * ARG_MAX and ARG_MIN prepare (TFLM arg_min_max.cc, which has no Prepare: its Eval takes int8 or
 * float32 input, an int32 axis and only an int32 output). The axis must be constant here (one
 * value, negative counting from the end); the output has the input's shape without that axis.
 */
import { Q, shp } from './checks';
import { OpDef, OpSpec, PrepareFn, PreparedOp } from './types';
import { input, int32Data, output, product, unsupported } from './util';

function prepareArg(kind: 'max' | 'min'): PrepareFn {
  return (g, n): PreparedOp => {
    const x = input(g, n, 0);
    const axisT = input(g, n, 1);
    const y = output(g, n);
    if (y.dtype !== 'int32') unsupported(g, n, `a ${y.dtype} output (TFLM supports int32 only)`);
    if (axisT.dtype !== 'int32' || !axisT.data || axisT.elements < 1) unsupported(g, n, 'an axis that is not a constant int32 tensor');
    const rank = x.shape.length;
    if (rank < 1) unsupported(g, n, 'a scalar input');
    let axis = int32Data(axisT)[0];
    if (axis < 0) axis += rank;
    if (!(axis >= 0 && axis < rank)) unsupported(g, n, `axis ${int32Data(axisT)[0]} for rank ${rank}`);
    const expected = x.shape.filter((_, i) => i !== axis);
    if (y.shape.length !== expected.length || y.shape.some((d, i) => d !== expected[i])) {
      unsupported(g, n, `output ${shp(y)} for input ${shp(x)} reduced over axis ${axis}`);
    }
    if (x.elements === 0) unsupported(g, n, 'an empty input');
    const sx = x.dtype === 'int8' ? 's8' : x.dtype === 'float32' ? 'f32' : unsupported(g, n, `${x.dtype} input`);
    return {
      eval: `tm_eval_arg_${kind}_${sx}`, headers: ['tinyml/kernels/arg_min_max.h'], sources: [`src/kernels/arg_min_max_${sx}.c`],
      paramsType: 'tm_arg_min_max_params',
      params: { outer: product(x.shape.slice(0, axis)), axis_size: x.shape[axis], inner: product(x.shape.slice(axis + 1)) },
      scratchBytes: 0,
    };
  };
}

const argSpec: OpSpec = { inputs: [2, 2], constInputs: [1], types: Q, outputTypes: ['int32'], macs: (_n, t) => t(0)!.elements };

export const ARG_MAX: OpDef = {
  name: 'ARG_MAX', options: { unionType: 40, fields: [{ name: 'outputType', slot: 0, kind: 'i8', dflt: 0 }] },
  spec: argSpec, prepare: prepareArg('max'),
};
export const ARG_MIN: OpDef = {
  name: 'ARG_MIN', options: { unionType: 57, fields: [{ name: 'outputType', slot: 0, kind: 'i8', dflt: 0 }] },
  spec: argSpec, prepare: prepareArg('min'),
};
