/** RESHAPE, SQUEEZE and EXPAND_DIMS: the output is the input's bytes under another shape. */
import { sameCountSpec } from './checks';
import { FoldFn, OpDef, PrepareFn, PreparedOp } from './types';

/** The output's bytes are the constant input's. */
const foldAlias: FoldFn = (g, n) => {
  const x = g.tensors[n.inputs[0]];
  return x && x.data ? [new Uint8Array(x.data)] : null;
};

const prepareAlias: PrepareFn = (): PreparedOp => ({
  eval: '',
  headers: [],
  sources: [],
  paramsType: null,
  params: null,
  scratchBytes: 0,
  alias: true,
});

export const RESHAPE: OpDef = {
  name: 'RESHAPE',
  options: { unionType: 17, fields: [{ name: 'newShape', slot: 0, kind: 'i32[]' }] },
  spec: sameCountSpec(1, 2),
  prepare: prepareAlias,
  fold: foldAlias,
};
export const SQUEEZE: OpDef = {
  name: 'SQUEEZE',
  options: { unionType: 30, fields: [{ name: 'squeezeDims', slot: 0, kind: 'i32[]' }] },
  spec: sameCountSpec(1, 1),
  prepare: prepareAlias,
  fold: foldAlias,
};
export const EXPAND_DIMS: OpDef = { name: 'EXPAND_DIMS', spec: sameCountSpec(2, 2, [1]), prepare: prepareAlias, fold: foldAlias };
