/**
 * CONCATENATION prepare (TFLM ConcatenationPrepare). TFLM's int8 path is EvalUnquantized<int8_t>,
 * a plain copy without rescaling, and its Prepare requires every int8 input to have the output's
 * scale and zero point (the converter inserts a QUANTIZE where they differ). So every type uses
 * the byte-copying kernel (concatenation_bytes.c).
 */
import { Q, activationField, shp } from './checks';
import { CArray, FoldFn, OpDef, PrepareFn, PreparedOp } from './types';
import { concatBytes, fieldNumbers } from './values';
import { elementBytes, input, output, product, scale, unsupported, zeroPoint } from './util';

const prepareConcatenation: PrepareFn = (g, n): PreparedOp => {
  const y = output(g, n);
  const rank = y.shape.length;
  const elem = elementBytes(y.dtype);
  if (elem === 0) unsupported(g, n, `${y.dtype} tensors`);
  if ((n.options.activation as number | undefined ?? 0) !== 0) unsupported(g, n, 'a fused activation (TFLM requires NONE)');
  let axis = n.options.axis as number;
  if (axis < 0) axis += rank;
  if (!(axis >= 0 && axis < rank)) unsupported(g, n, `axis ${n.options.axis} for rank ${rank}`);
  const bytes: number[] = [];
  let total = 0;
  n.inputs.forEach((_, k) => {
    const x = input(g, n, k);
    if (x.dtype !== y.dtype) unsupported(g, n, `input ${k} of type ${x.dtype} with a ${y.dtype} output`);
    if (x.dtype === 'int8' && (!x.quant || !y.quant || scale(x) !== scale(y) || zeroPoint(x) !== zeroPoint(y))) {
      unsupported(g, n, `int8 input ${k} quantized differently from the output (TFLM requires the same scale and zero point)`);
    }
    if (x.shape.length !== rank) unsupported(g, n, `input ${k} of rank ${x.shape.length} with a rank ${rank} output`);
    for (let d = 0; d < rank; d++) {
      if (d !== axis && x.shape[d] !== y.shape[d]) unsupported(g, n, `input ${k} shape [${x.shape}] against output [${y.shape}]`);
    }
    const run = product(x.shape.slice(axis)) * elem;
    bytes.push(run);
    total += x.shape[axis];
  });
  if (total !== y.shape[axis]) unsupported(g, n, `inputs adding up to ${total} along axis ${axis}, output has ${y.shape[axis]}`);
  return {
    eval: 'tm_eval_concatenation',
    headers: ['tinyml/kernels/concatenation.h'],
    sources: ['src/kernels/concatenation_bytes.c'],
    paramsType: 'tm_concatenation_params',
    params: { n_inputs: n.inputs.length, outer: product(y.shape.slice(0, axis)), bytes: new CArray('int32_t', bytes) },
    scratchBytes: 0,
  };
};

/** Constant inputs: the kernel's byte runs, computed here. */
const foldConcatenation: FoldFn = (g, n) => {
  const xs = n.inputs.map((i) => g.tensors[i]);
  if (xs.some((x) => !x || !x.data)) return null;
  const p = prepareConcatenation(g, n, { kernels: 'ref' }).params!;
  return [concatBytes(p.outer as number, fieldNumbers(p.bytes), xs.map((x) => x.data!))];
};

export const CONCATENATION: OpDef = {
  name: 'CONCATENATION',
  options: { unionType: 10, fields: [{ name: 'axis', slot: 0, kind: 'i32', dflt: 0 }, activationField(1)] },
  spec: {
    inputs: [1, 64],
    types: [...Q, 'int32'],
    check: (n, t, out) => {
      let axis = n.options.axis as number;
      if (axis < 0) axis += out.shape.length;
      if (axis < 0 || axis >= out.shape.length) return `axis ${n.options.axis} is out of range for ${shp(out)}`;
      let sum = 0;
      for (let k = 0; k < n.inputs.length; k++) {
        const x = t(k)!;
        if (x.shape.length !== out.shape.length) return `input ${k} ${shp(x)} has a different rank from output ${shp(out)}`;
        for (let d = 0; d < out.shape.length; d++) if (d !== axis && x.shape[d] !== out.shape[d]) return `input ${k} ${shp(x)} does not match output ${shp(out)} outside axis ${axis}`;
        sum += x.shape[axis];
      }
      return sum === out.shape[axis] ? null : `inputs add up to ${sum} along axis ${axis}, output has ${out.shape[axis]}`;
    },
    macs: () => 0,
  },
  prepare: prepareConcatenation,
  fold: foldConcatenation,
};
