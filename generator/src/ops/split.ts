/**
 * SPLIT, SPLIT_V and UNPACK (TFLM split.cc, split_v.cc, unpack.cc): several outputs, each a run
 * of the input along an axis. For each outer index (the dims before the axis) the input's next
 * run goes to each output in turn: the split kernel (tinyml/kernels/split.h), on bytes, for
 * float32, int8, int16 and int32 as TFLM's Evals take them. TFLM takes the run lengths from the
 * output shapes (SPLIT_V's size_splits is never read); the axis must be constant (TFLM's
 * Prepare). Constant inputs fold.
 */
import type { Graph, Node } from '../graph';
import { shp } from './checks';
import { FoldFn, OpDef, PreparedOp } from './types';
import { CArray } from './types';
import { elementBytes, input, output, product, unsupported } from './util';
import { constIndices, sameShape } from './walk';

const TYPES = ['float32', 'int8', 'int16', 'int32'];

interface Layout { data: number; outer: number; bytes: number[] }

/** Checks each output against the input split along `axis` and returns the byte runs. */
function layout(g: Graph, n: Node, data: number, axis: number, squeeze: boolean): Layout {
  const x = input(g, n, data);
  const rank = x.shape.length;
  if (axis < 0) axis += rank;
  if (!(axis >= 0 && axis < rank)) unsupported(g, n, `axis ${axis} for a rank ${rank} input`);
  const esz = elementBytes(x.dtype);
  let total = 0;
  const bytes = n.outputs.map((_, k) => {
    const y = output(g, n, k);
    if (y.dtype !== x.dtype) unsupported(g, n, `output ${k} of type ${y.dtype} with a ${x.dtype} input`);
    const along = squeeze ? 1 : y.shape[axis];
    const expected = squeeze ? [...x.shape.slice(0, axis), ...x.shape.slice(axis + 1)] : x.shape.map((d, i) => (i === axis ? along : d));
    if (!sameShape(y.shape, expected)) unsupported(g, n, `output ${k} ${shp(y)} for input ${shp(x)} split on axis ${axis}`);
    total += along;
    return along * product(x.shape.slice(axis + 1)) * esz;
  });
  if (total !== x.shape[axis]) unsupported(g, n, `outputs that add up to ${total} of the ${x.shape[axis]} along axis ${axis}`);
  return { data, outer: product(x.shape.slice(0, axis)), bytes };
}

function splitLayout(g: Graph, n: Node): Layout {
  const axis = constIndices(g, n, 0, 'an axis', ['int32']);
  if (axis.length !== 1) unsupported(g, n, `an axis of ${axis.length} values`);
  const num = n.options.numSplits as number;
  if (num !== n.outputs.length) unsupported(g, n, `num_splits ${num} with ${n.outputs.length} outputs`);
  const l = layout(g, n, 1, axis[0], false);
  if (l.bytes.some((b) => b !== l.bytes[0])) unsupported(g, n, 'outputs of different sizes');
  return l;
}

function splitVLayout(g: Graph, n: Node): Layout {
  const axis = constIndices(g, n, 2, 'an axis', ['int32']);
  if (axis.length !== 1) unsupported(g, n, `an axis of ${axis.length} values`);
  return layout(g, n, 0, axis[0], false);
}

function unpackLayout(g: Graph, n: Node): Layout {
  const num = n.options.num as number;
  if (num !== n.outputs.length) unsupported(g, n, `num ${num} with ${n.outputs.length} outputs`);
  return layout(g, n, 0, n.options.axis as number, true);
}

function prepareWith(l: Layout, n: Node): PreparedOp {
  return {
    eval: 'tm_eval_split',
    headers: ['tinyml/kernels/split.h'],
    sources: ['src/kernels/split.c'],
    paramsType: 'tm_split_params',
    params: { input: l.data, n_outputs: n.outputs.length, outer: l.outer, bytes: new CArray('int32_t', l.bytes) },
    scratchBytes: 0,
  };
}

function foldWith(layoutOf: (g: Graph, n: Node) => Layout): FoldFn {
  return (g, n) => {
    const l = layoutOf(g, n);
    const x = input(g, n, l.data);
    if (!x.data) return null;
    const outs = l.bytes.map((b) => new Uint8Array(b * l.outer));
    let at = 0;
    for (let o = 0; o < l.outer; o++) {
      l.bytes.forEach((b, k) => {
        outs[k].set(x.data!.subarray(at, at + b), o * b);
        at += b;
      });
    }
    return outs;
  };
}

export const SPLIT: OpDef = {
  name: 'SPLIT',
  options: { unionType: 35, fields: [{ name: 'numSplits', slot: 0, kind: 'i32', dflt: 0 }] },
  spec: { bytesOnly: true, inputs: [2, 2], outputs: [1, 64], typedInput: 1, types: TYPES, constInputs: [0], macs: () => 0 },
  prepare: (g, n) => prepareWith(splitLayout(g, n), n),
  fold: foldWith(splitLayout),
};

export const SPLIT_V: OpDef = {
  name: 'SPLIT_V',
  options: { unionType: 79, fields: [{ name: 'numSplits', slot: 0, kind: 'i32', dflt: 0 }] },
  spec: { bytesOnly: true, inputs: [3, 3], outputs: [1, 64], types: TYPES, constInputs: [2], macs: () => 0 },
  prepare: (g, n) => prepareWith(splitVLayout(g, n), n),
  fold: foldWith(splitVLayout),
};

export const UNPACK: OpDef = {
  name: 'UNPACK',
  options: { unionType: 64, fields: [{ name: 'num', slot: 0, kind: 'i32', dflt: 0 }, { name: 'axis', slot: 1, kind: 'i32', dflt: 0 }] },
  spec: { bytesOnly: true, inputs: [1, 1], outputs: [1, 64], types: TYPES, macs: () => 0 },
  prepare: (g, n) => prepareWith(unpackLayout(g, n), n),
  fold: foldWith(unpackLayout),
};
