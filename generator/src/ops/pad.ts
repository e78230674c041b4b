/**
 * PAD and PADV2 prepare (TFLM PadPrepare/PadEval): constant padding, up to 5-D. The pad value is
 * the output zero point for int8 (0 for float32/int32) unless PADV2's constant_values is given.
 * One kernel per element size: pad_b8 (int8), pad_b32 (float32, int32).
 */
import type { Tensor } from '../graph';
import { OpSpec } from './types';
import { Q, shp } from './checks';
import { OpDef, PrepareFn, PreparedOp } from './types';
import { extendShape, input, int8Data, optionalInput, output, scale, unsupported, zeroPoint } from './util';

/** Integer values of a constant int32 or int64 tensor. */
function intValues(t: Tensor): number[] {
  const d = new Uint8Array(t.data!);
  const dv = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const out: number[] = [];
  if (t.dtype === 'int32') for (let i = 0; i < t.elements; i++) out.push(dv.getInt32(4 * i, true));
  else if (t.dtype === 'int64') for (let i = 0; i < t.elements; i++) out.push(Number(dv.getBigInt64(8 * i, true)));
  else throw new Error(`${t.dtype} is not an integer index type`);
  return out;
}

const preparePad: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const padT = input(g, n, 1);
  const cv = optionalInput(g, n, 2);
  const y = output(g, n);
  const rank = x.shape.length;
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  if (rank > 5 || y.shape.length !== rank) unsupported(g, n, `input rank ${rank} / output rank ${y.shape.length}`);
  if (!padT.data || (padT.dtype !== 'int32' && padT.dtype !== 'int64')) unsupported(g, n, 'paddings that are not a constant int32 tensor');
  const pads = intValues(padT);
  if (pads.length !== 2 * rank) unsupported(g, n, `${pads.length} padding values for rank ${rank}`);
  for (let d = 0; d < rank; d++) {
    if (pads[2 * d] < 0 || pads[2 * d + 1] < 0) unsupported(g, n, 'negative paddings');
    if (y.shape[d] !== x.shape[d] + pads[2 * d] + pads[2 * d + 1]) {
      unsupported(g, n, `output shape [${y.shape}] for input [${x.shape}] with paddings [${pads}]`);
    }
  }
  if (cv && (!cv.data || cv.dtype !== x.dtype || cv.elements !== 1)) unsupported(g, n, 'constant_values that is not a constant scalar of the input type');
  let value = 0;
  let size: 'b8' | 'b32';
  if (x.dtype === 'int8') {
    size = 'b8';
    if (cv) {
      if (zeroPoint(cv) !== zeroPoint(y) || scale(cv) !== scale(y)) {
        unsupported(g, n, 'int8 constant_values quantized differently from the output (TFLM requires the same)');
      }
      value = int8Data(cv)[0] & 0xff;
    } else {
      value = zeroPoint(y) & 0xff;
    }
  } else if (x.dtype === 'float32' || x.dtype === 'int32') {
    size = 'b32';
    if (cv) value = new DataView(new Uint8Array(cv.data!).buffer).getUint32(0, true);
  } else {
    return unsupported(g, n, `${x.dtype} tensors`);
  }
  const left: number[] = [];
  for (let d = 0; d < rank; d++) left.push(pads[2 * d]);
  return {
    eval: `tm_eval_pad_${size}`,
    headers: ['tinyml/kernels/pad.h'],
    sources: [`src/kernels/pad_${size}.c`],
    paramsType: 'tm_pad_params',
    params: {
      in_dims: extendShape(x.shape, 5),
      out_dims: extendShape(y.shape, 5),
      left: [...new Array(5 - rank).fill(0), ...left],
      value,
    },
    scratchBytes: 0,
  };
};

const padSpec: OpSpec = {
  inputs: [2, 3],
  constInputs: [1, 2],
  types: Q,
  check: (_n, t, out) => {
    const p = t(1)!;
    if (p.shape.length !== 2 || p.shape[0] !== t(0)!.shape.length || p.shape[1] !== 2) return `paddings ${shp(p)} do not fit input ${shp(t(0))}`;
    return out.shape.length === t(0)!.shape.length ? null : `output rank differs from input`;
  },
  macs: () => 0,
};

export const PAD: OpDef = { name: 'PAD', spec: padSpec, prepare: preparePad };
/** PAD with a constant_values input. */
export const PADV2: OpDef = { name: 'PADV2', spec: { ...padSpec, inputs: [3, 3] }, prepare: preparePad };
