/**
 * MEAN prepare (TFLM PrepareMeanOrSumHelper / EvalMeanHelper / reference_ops::QuantizedMeanOrSum),
 * any axes, up to 5-D. int8 and int16 (QuantizedMeanOrSum<int16_t>, the same arithmetic): the
 * int32 sums, less zero point * count, are requantized with QuantizeMultiplier(in/out) folded
 * with 1/count, even when input and output share scale and zero point (older TFLM sources divide
 * by the count in that case; the pinned tflite-micro package rounds through the multiplier,
 * checked against it). The integer kernels need one int32 of scratch per output element.
 */
import { quantizeMultiplier } from '../quant';
import { Q } from './checks';
import type { Graph, Node } from '../graph';
import { OpDef, PrepareFn, PreparedOp } from './types';
import { extendShape, input, int32Data, output, product, scale, unsupported, zeroPoint } from './util';

/** Mirrors tm_mean_s8_scratch_size(). */
export function meanS8ScratchSize(outSize: number): number {
  return outSize > 0 ? outSize * 4 : 0;
}

/** TFLM's 1/count folding: shift by floor(log2(count)) (at most 32 and 31 + shift), integer divide. */
export function foldMeanMultiplier(multiplier: number, shift: number, count: number): { multiplier: number; shift: number } {
  let s = Math.floor(Math.log2(count));
  while (2 ** (s + 1) <= count) s++;
  while (2 ** s > count) s--;
  s = Math.min(s, 32, 31 + shift);
  const m = (BigInt(multiplier) << BigInt(s)) / BigInt(count);
  return { multiplier: Number(BigInt.asIntN(32, m)), shift: shift - s };
}

/**
 * The geometry every reduction shares (TFLM ResolveAxis and the reference Reduce walk): a constant
 * int32 axis tensor (negative axes count from the end, repeats ignored), up to 5-D, the input dims
 * padded to 5 and each dim's output stride (0 on reduced dims), the output size and how many
 * inputs go into each output.
 */
export function reduceGeometry(g: Graph, n: Node): { in_dims: number[]; out_strides: number[]; out_size: number; count: number } {
  const x = input(g, n, 0);
  const axisT = input(g, n, 1);
  const y = output(g, n);
  const rank = x.shape.length;
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  if (rank < 1 || rank > 5) unsupported(g, n, `rank ${rank}`);
  if (!axisT.data || axisT.dtype !== 'int32') unsupported(g, n, 'axes that are not a constant int32 tensor');
  const axes = new Set<number>();
  for (const a of Array.from(int32Data(axisT))) {
    const r = a < 0 ? a + rank : a;
    if (!(r >= 0 && r < rank)) unsupported(g, n, `axis ${a} for rank ${rank}`);
    axes.add(r);
  }
  const kept = x.shape.map((d, i) => (axes.has(i) ? 1 : d));
  const outSize = product(kept);
  if (y.elements !== outSize) unsupported(g, n, `output shape [${y.shape}] for input [${x.shape}] reduced over [${[...axes]}]`);
  const count = product([...axes].map((a) => x.shape[a]));
  if (x.elements === 0 || count === 0) unsupported(g, n, 'an empty input');
  const strides: number[] = new Array(rank).fill(0);
  let st = 1;
  for (let d = rank - 1; d >= 0; d--) {
    strides[d] = axes.has(d) ? 0 : st;
    st *= kept[d];
  }
  return {
    in_dims: extendShape(x.shape, 5),
    out_strides: [...new Array(5 - rank).fill(0), ...strides],
    out_size: outSize,
    count,
  };
}

const prepareMean: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const y = output(g, n);
  const shape = reduceGeometry(g, n);
  const { out_size: outSize, count } = shape;
  const header = 'tinyml/kernels/mean.h';
  if (x.dtype === 'float32') {
    return {
      eval: 'tm_eval_mean_f32', headers: [header], sources: ['src/kernels/mean_f32.c'],
      paramsType: 'tm_mean_f32_params', params: shape, scratchBytes: 0,
    };
  }
  if (x.dtype !== 'int8' && x.dtype !== 'int16') return unsupported(g, n, `${x.dtype} input`);
  if (!x.quant || !y.quant) unsupported(g, n, `${x.dtype} tensors without quantization`);
  const sx = x.dtype === 'int8' ? 's8' : 's16';
  const q = quantizeMultiplier(scale(x) / scale(y));
  const folded = foldMeanMultiplier(q.multiplier, q.shift, count);
  return {
    eval: `tm_eval_mean_${sx}`, headers: [header], sources: [`src/kernels/mean_${sx}.c`],
    paramsType: 'tm_mean_s8_params',
    params: {
      ...shape,
      input_zero_point: zeroPoint(x),
      output_zero_point: zeroPoint(y),
      multiplier: folded.multiplier,
      shift: folded.shift,
    },
    scratchBytes: meanS8ScratchSize(outSize),
  };
};

export const MEAN: OpDef = {
  name: 'MEAN',
  options: { unionType: 27, fields: [{ name: 'keepDims', slot: 0, kind: 'bool', dflt: 0 }] },
  spec: { inputs: [2, 2], constInputs: [1], types: [...Q, 'int16'], macs: (_n, t) => t(0)!.elements },
  prepare: prepareMean,
};
