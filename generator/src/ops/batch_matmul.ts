/**
 * BATCH_MATMUL prepare (TFLM batch_matmul.cc BatchMatMulPrepare): int8, int16 or float32 lhs,
 * rhs and output of one type, each of rank 2 to 5; batch dims broadcast (a 1 repeats), extended on the
 * left to the larger rank; adj_x / adj_y transpose the last two dims of lhs / rhs; the output
 * must hold broadcast batches x M x N elements (TFLM reshapes it and checks the count). int8:
 * per-tensor quantization, the multiplier from GetQuantizedConvolutionMultipler (the two input
 * scales multiplied in float32, then divided by the output scale in double), activation range
 * the full int8 range. int16: zero points 0 (TFLM checks), int64 sums and TFLM's 64-bit
 * MultiplyByQuantizedMultiplier.
 */
import { quantizeMultiplier } from '../quant';
import { Q, shp } from './checks';
import { OpDef, PrepareFn, PreparedOp } from './types';
import { extendShape, input, output, product, scale, unsupported, zeroPoint } from './util';

const prepareBatchMatmul: PrepareFn = (g, n): PreparedOp => {
  const lhs = input(g, n, 0);
  const rhs = input(g, n, 1);
  const y = output(g, n);
  if (lhs.dtype !== rhs.dtype || lhs.dtype !== y.dtype) unsupported(g, n, `${lhs.dtype} x ${rhs.dtype} -> ${y.dtype} (TFLM needs one type)`);
  const lr = lhs.shape.length, rr = rhs.shape.length;
  if (lr < 2 || lr > 5 || rr < 2 || rr > 5) unsupported(g, n, `lhs ${shp(lhs)} and rhs ${shp(rhs)} (TFLM needs ranks 2 to 5)`);
  const adjX = !!n.options.adjX, adjY = !!n.options.adjY;
  const rank = Math.max(lr, rr);
  const L = extendShape(lhs.shape, rank), R = extendShape(rhs.shape, rank);
  const M = adjX ? L[rank - 1] : L[rank - 2];
  const KL = adjX ? L[rank - 2] : L[rank - 1];
  const KR = adjY ? R[rank - 1] : R[rank - 2];
  const N = adjY ? R[rank - 2] : R[rank - 1];
  if (KL !== KR) unsupported(g, n, `lhs ${shp(lhs)} and rhs ${shp(rhs)} with adj_x ${adjX}, adj_y ${adjY} (accumulation depths ${KL} and ${KR} differ)`);
  const lb = L.slice(0, rank - 2), rb = R.slice(0, rank - 2);
  const outBatch = lb.map((d, i) => {
    if (d !== rb[i] && d !== 1 && rb[i] !== 1) unsupported(g, n, `batch dims of lhs ${shp(lhs)} and rhs ${shp(rhs)} that do not broadcast`);
    return d === 1 ? rb[i] : d;
  });
  if (y.elements !== product(outBatch) * M * N) unsupported(g, n, `output ${shp(y)} for lhs ${shp(lhs)} x rhs ${shp(rhs)}`);
  if ([M, N, KL].some((d) => !(d > 0)) || lhs.elements === 0 || rhs.elements === 0) unsupported(g, n, 'an empty tensor');
  // Batch dims padded to 3 on the left; strides in elements, 0 where a dim of 1 broadcasts.
  const b3 = extendShape(outBatch, 3), l3 = extendShape(lb, 3), r3 = extendShape(rb, 3);
  const strides = (dims: number[], matrix: number): number[] =>
    dims.map((d, i) => (d === 1 ? 0 : product(dims.slice(i + 1)) * matrix));
  const geo = {
    batches: b3,
    lhs_strides: strides(l3, M * KL),
    rhs_strides: strides(r3, KL * N),
    rows: M, cols: N, depth: KL,
    adj_x: adjX ? 1 : 0, adj_y: adjY ? 1 : 0,
  };
  const header = 'tinyml/kernels/batch_matmul.h';
  if (lhs.dtype === 'float32') {
    return {
      eval: 'tm_eval_batch_matmul_f32', headers: [header], sources: ['src/kernels/batch_matmul_f32.c'],
      paramsType: 'tm_batch_matmul_params',
      params: { ...geo, lhs_offset: 0, rhs_offset: 0, output_offset: 0, multiplier: 0, shift: 0, act_min: 0, act_max: 0 },
      scratchBytes: 0,
    };
  }
  if (lhs.dtype !== 'int8' && lhs.dtype !== 'int16') return unsupported(g, n, `${lhs.dtype} input`);
  if (!lhs.quant || !rhs.quant || !y.quant) unsupported(g, n, `${lhs.dtype} tensors without quantization`);
  const int16 = lhs.dtype === 'int16';
  if (int16 && (zeroPoint(lhs) !== 0 || zeroPoint(rhs) !== 0 || zeroPoint(y) !== 0)) {
    unsupported(g, n, 'int16 tensors with non-zero zero points (TFLM requires 0)');
  }
  if (rhs.quant!.scale.length > 1 || lhs.quant!.scale.length > 1) unsupported(g, n, 'per-channel quantization (TFLM reads one scale per tensor)');
  const product32 = Math.fround(scale(lhs) * scale(rhs));
  if (!(product32 >= 0)) unsupported(g, n, `input scales ${scale(lhs)} and ${scale(rhs)}`);
  const q = quantizeMultiplier(product32 / scale(y));
  if (int16 && q.shift > 14) unsupported(g, n, `a rescale of ${product32 / scale(y)} (TFLM's 64-bit requantization shifts right by 15 - shift)`);
  const sx = int16 ? 's16' : 's8';
  return {
    eval: `tm_eval_batch_matmul_${sx}`, headers: [header], sources: [`src/kernels/batch_matmul_${sx}.c`],
    paramsType: 'tm_batch_matmul_params',
    params: {
      ...geo,
      lhs_offset: -zeroPoint(lhs), rhs_offset: -zeroPoint(rhs), output_offset: zeroPoint(y),
      multiplier: q.multiplier, shift: q.shift, act_min: int16 ? -32768 : -128, act_max: int16 ? 32767 : 127,
    },
    scratchBytes: 0,
  };
};

export const BATCH_MATMUL: OpDef = {
  name: 'BATCH_MATMUL',
  options: {
    unionType: 101,
    fields: [
      { name: 'adjX', slot: 0, kind: 'bool', dflt: 0 },
      { name: 'adjY', slot: 1, kind: 'bool', dflt: 0 },
    ],
  },
  spec: {
    inputs: [2, 2],
    quantInputs: [1],
    types: [...Q, 'int16'],
    macs: (n, t, out) => {
      const l = t(0)!.shape;
      return out.elements * (l.length < 2 ? 1 : n.options.adjX ? l[l.length - 2] : l[l.length - 1]);
    },
  },
  prepare: prepareBatchMatmul,
};
