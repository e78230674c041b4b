/**
 * TRANSPOSE prepare (TFLM TransposePrepare/TransposeEval), up to 5-D, any permutation. The
 * kernel gathers: output axis d walks input axis perm[d]. One kernel per element size:
 * transpose_b8 (int8), transpose_b32 (float32, int32).
 */
import { Q, shp } from './checks';
import { FoldFn, OpDef, PrepareFn, PreparedOp } from './types';
import { constValues, fieldNumbers, gather5, valuesBytes } from './values';
import { input, int32Data, output, unsupported } from './util';

const prepareTranspose: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const permT = input(g, n, 1);
  const y = output(g, n);
  const rank = x.shape.length;
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  if (rank > 5) unsupported(g, n, `rank ${rank}`);
  if (!permT.data || permT.dtype !== 'int32') unsupported(g, n, 'a permutation that is not a constant int32 tensor');
  const perm = Array.from(int32Data(permT));
  const seen = new Set(perm);
  if (perm.length !== rank || seen.size !== rank || perm.some((p) => !(p >= 0 && p < rank))) {
    unsupported(g, n, `permutation [${perm}] for rank ${rank}`);
  }
  const outShape = perm.map((p) => x.shape[p]);
  if (y.shape.length !== rank || outShape.some((d, i) => d !== y.shape[i])) {
    unsupported(g, n, `output shape [${y.shape}] for input [${x.shape}] and permutation [${perm}]`);
  }
  const inStrides: number[] = new Array(rank).fill(1);
  for (let d = rank - 2; d >= 0; d--) inStrides[d] = inStrides[d + 1] * x.shape[d + 1];
  const pad = 5 - rank;
  let size: string;
  if (x.dtype === 'int8' || x.dtype === 'uint8' || x.dtype === 'bool') size = 'b8';
  else if (x.dtype === 'float32' || x.dtype === 'int32') size = 'b32';
  else return unsupported(g, n, `${x.dtype} tensors`);
  return {
    eval: `tm_eval_transpose_${size}`,
    headers: ['tinyml/kernels/transpose.h'],
    sources: [`src/kernels/transpose_${size}.c`],
    paramsType: 'tm_transpose_params',
    params: {
      out_dims: [...new Array(pad).fill(1), ...outShape],
      in_steps: [...new Array(pad).fill(0), ...perm.map((p) => inStrides[p])],
    },
    scratchBytes: 0,
  };
};

/** A constant input: the kernel's gather, done here. */
const foldTranspose: FoldFn = (g, n) => {
  const x = g.tensors[n.inputs[0]];
  const v = x ? constValues(x) : null;
  if (!v) return null;
  const p = prepareTranspose(g, n, { kernels: 'ref' }).params!;
  const out = valuesBytes(x.dtype, gather5(v, fieldNumbers(p.out_dims), fieldNumbers(p.in_steps), 0));
  return out ? [out] : null;
};

export const TRANSPOSE: OpDef = {
  name: 'TRANSPOSE',
  spec: {
    inputs: [2, 2],
    constInputs: [1],
    types: [...Q, 'int32'],
    check: (_n, t, out) => (t(0)!.elements === out.elements ? null : `input ${shp(t(0))} and output ${shp(out)} differ in size`),
    macs: () => 0,
  },
  prepare: prepareTranspose,
  fold: foldTranspose,
};
