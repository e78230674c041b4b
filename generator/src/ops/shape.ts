/**
 * Ops that compute from static shapes and constants only, run here at generation time (fold.ts):
 * SHAPE (TFLM shape.cc: the input's dimensions as int32 or int64) and RANGE (TFLite range.cc;
 * TFLM has no RANGE kernel, so it runs here only when it folds).
 */
import { TinymlError } from '../errors';
import type { Graph, Node } from '../graph';
import { FoldFn, OpDef, PreparedOp } from './types';
import { constValues, valuesBytes } from './values';

const ANY = ['float32', 'int8', 'uint8', 'int16', 'int32', 'int64', 'bool'];

function onlyFolded(g: Graph, n: Node, why: string): PreparedOp {
  throw new TinymlError(`${g.label}: operator ${n.index} (${n.op}): ${why} is not supported (tinyml computes this op at generation time, which needs ${n.op === 'SHAPE' ? 'its output to feed other ops' : 'constant inputs'})`);
}

const foldShape: FoldFn = (g, n) => {
  const x = g.tensors[n.inputs[0]];
  const y = g.tensors[n.outputs[0]];
  if (!x || !y || n.inputs.length !== 1 || (y.dtype !== 'int32' && y.dtype !== 'int64') || y.elements !== x.shape.length) return null;
  const b = valuesBytes(y.dtype, x.shape);
  return b ? [b] : null;
};

export const SHAPE: OpDef = {
  name: 'SHAPE',
  options: { unionType: 55, fields: [{ name: 'outType', slot: 0, kind: 'i8', dflt: 0 }] },
  spec: { inputs: [1, 1], types: ANY, outputTypes: ['int32', 'int64'], macs: () => 0 },
  prepare: (g, n) => onlyFolded(g, n, 'a SHAPE whose output is a model output'),
  foldOnly: true,
  fold: foldShape,
};

/** TFLite range.cc: the size from |limit - start| / |delta| (rounded up), values by repeated addition. */
const foldRange: FoldFn = (g, n) => {
  if (n.inputs.length !== 3) return null;
  const [s, l, d] = n.inputs.map((i) => g.tensors[i]);
  const y = g.tensors[n.outputs[0]];
  if (!s || !l || !d || !y || s.elements !== 1 || l.elements !== 1 || d.elements !== 1) return null;
  if (![s, l, d].every((t) => t.dtype === y.dtype) || (y.dtype !== 'int32' && y.dtype !== 'float32' && y.dtype !== 'int64')) return null;
  const [start, limit, delta] = [s, l, d].map((t) => constValues(t)?.[0]);
  if (start === undefined || limit === undefined || delta === undefined || delta === 0) return null;
  if ((start > limit && delta > 0) || (start < limit && delta < 0)) return null;
  const size = y.dtype === 'float32'
    ? Math.ceil(Math.abs(Math.fround(Math.fround(limit - start) / delta)))
    : Math.floor((Math.abs(limit - start) + Math.abs(delta) - 1) / Math.abs(delta));
  if (size !== y.elements) return null;
  const out: number[] = [];
  let v = start;
  for (let i = 0; i < size; i++) {
    out.push(v);
    v = y.dtype === 'float32' ? Math.fround(v + delta) : v + delta;
  }
  const b = valuesBytes(y.dtype, out);
  return b ? [b] : null;
};

export const RANGE: OpDef = {
  name: 'RANGE',
  spec: { inputs: [3, 3], types: ['int32', 'float32', 'int64'], macs: () => 0 },
  prepare: (g, n) => onlyFolded(g, n, 'RANGE with inputs computed at run time'),
  foldOnly: true,
  fold: foldRange,
};
