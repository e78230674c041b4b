/**
 * PACK (TFLM pack.cc): N inputs of one shape stacked along a new axis. TFLM has no Prepare for it
 * (no quantization check; int8 bytes are copied as they are) and its Eval copies, for each outer
 * index, each input's inner run in turn: exactly the byte-copying concatenation kernel with a
 * run of product(input shape[axis:]) elements per input. Constant inputs fold.
 */
import type { Graph, Node } from '../graph';
import { shp } from './checks';
import { CArray, FoldFn, OpDef, PrepareFn, PreparedOp } from './types';
import { elementBytes, input, output, product, unsupported } from './util';
import { concatBytes } from './values';

const TYPES = ['float32', 'int8', 'int16', 'int32', 'int64'];

/** The axis in the output's dimensions, and the run of each input. */
function packLayout(g: Graph, n: Node): { outer: number; run: number } {
  const y = output(g, n);
  const x0 = input(g, n, 0);
  let axis = n.options.axis as number;
  if (axis < 0) axis += y.shape.length;
  if (!(axis >= 0 && axis < y.shape.length)) unsupported(g, n, `axis ${n.options.axis} for a rank ${y.shape.length} output`);
  if ((n.options.valuesCount as number) !== n.inputs.length) unsupported(g, n, `values_count ${n.options.valuesCount} with ${n.inputs.length} inputs`);
  const elem = elementBytes(y.dtype);
  if (elem === 0 || !TYPES.includes(y.dtype)) unsupported(g, n, `${y.dtype} tensors`);
  const expected = [...x0.shape.slice(0, axis), n.inputs.length, ...x0.shape.slice(axis)];
  if (expected.length !== y.shape.length || expected.some((d, i) => d !== y.shape[i])) {
    unsupported(g, n, `output ${shp(y)} for ${n.inputs.length} inputs ${shp(x0)} on axis ${axis}`);
  }
  n.inputs.forEach((_, k) => {
    const x = input(g, n, k);
    if (x.dtype !== y.dtype) unsupported(g, n, `input ${k} of type ${x.dtype} with a ${y.dtype} output`);
    if (x.shape.length !== x0.shape.length || x.shape.some((d, i) => d !== x0.shape[i])) unsupported(g, n, `input ${k} ${shp(x)} unlike input 0 ${shp(x0)}`);
  });
  return { outer: product(y.shape.slice(0, axis)), run: product(x0.shape.slice(axis)) * elem };
}

const preparePack: PrepareFn = (g, n): PreparedOp => {
  const { outer, run } = packLayout(g, n);
  return {
    eval: 'tm_eval_concatenation',
    headers: ['tinyml/kernels/concatenation.h'],
    sources: ['src/kernels/concatenation_bytes.c'],
    paramsType: 'tm_concatenation_params',
    params: { n_inputs: n.inputs.length, outer, bytes: new CArray('int32_t', n.inputs.map(() => run)) },
    scratchBytes: 0,
  };
};

const foldPack: FoldFn = (g, n) => {
  const xs = n.inputs.map((i) => g.tensors[i]);
  if (xs.length === 0 || xs.some((x) => !x || !x.data)) return null;
  const { outer, run } = packLayout(g, n);
  return [concatBytes(outer, xs.map(() => run), xs.map((x) => x.data!))];
};

export const PACK: OpDef = {
  name: 'PACK',
  options: {
    unionType: 59,
    fields: [{ name: 'valuesCount', slot: 0, kind: 'i32', dflt: 0 }, { name: 'axis', slot: 1, kind: 'i32', dflt: 0 }],
  },
  spec: { inputs: [1, 64], types: TYPES, macs: () => 0 },
  prepare: preparePack,
  fold: foldPack,
};
