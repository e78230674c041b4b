/**
 * Ops that are a table walk (tinyml/kernels/table_walk.h: the input offset is one table entry
 * per output axis, summed): MIRROR_PAD (TFLM mirror_pad.cc, GetInputDimension per axis, REFLECT
 * or SYMMETRIC) and BATCH_TO_SPACE_ND (reference_ops::BatchToSpaceND, 3-D or 4-D), and
 * SPACE_TO_BATCH_ND (reference_ops::SpaceToBatchND; its padding is not a sum of per-axis terms,
 * so it has a kernel of its own, tinyml/kernels/space_to_batch_nd.h). float32 and int8, as
 * TFLM's Evals take them. Paddings, block shapes and crops must be constant (TFLM reads them at
 * run time, but the output shapes here are static). Constant inputs fold.
 */
import type { Graph, Node } from '../graph';
import { shp } from './checks';
import { CArray, FoldFn, OpDef, PreparedOp } from './types';
import { elementBytes, extendShape, input, output, unsupported } from './util';
import { constIndices, sameShape, stridesOf } from './walk';

const TYPES = ['float32', 'int8'];

interface TableWalk { dims: number[]; tables: number[][] }

function tableOp(g: Graph, n: Node, w: TableWalk): PreparedOp {
  const x = input(g, n, 0);
  const size = ({ 1: 'b8', 4: 'b32' } as Record<number, string>)[elementBytes(x.dtype)];
  if (!size) unsupported(g, n, `${x.dtype} tensors`);
  return {
    eval: `tm_eval_table_walk_${size}`, headers: ['tinyml/kernels/table_walk.h'], sources: ['src/kernels/table_walk.c'],
    paramsType: 'tm_table_walk_params',
    params: { out_dims: w.dims, table: new CArray('int32_t', w.tables.flat()), in_size: x.elements },
    scratchBytes: 0,
  };
}

function foldTable(walkOf: (g: Graph, n: Node) => TableWalk): FoldFn {
  return (g, n) => {
    const x = input(g, n, 0);
    if (!x.data) return null;
    const w = walkOf(g, n);
    const e = elementBytes(x.dtype);
    const total = w.dims.reduce((a, b) => a * b, 1);
    const out = new Uint8Array(total * e);
    const i = [0, 0, 0, 0, 0];
    for (let k = 0; k < total; k++) {
      let r = k;
      for (let d = 4; d >= 0; d--) { i[d] = r % w.dims[d]; r = Math.floor(r / w.dims[d]); }
      const at = i.reduce((a, v, d) => a + w.tables[d][v], 0);
      if (at < 0 || at >= x.elements) return null;
      out.set(x.data.subarray(at * e, at * e + e), k * e);
    }
    return [out];
  };
}

/** Pads a walk of fewer than 5 axes on the left (size 1, table [0]). */
function pad5(dims: number[], tables: number[][]): TableWalk {
  const p = 5 - dims.length;
  return { dims: [...new Array(p).fill(1), ...dims], tables: [...new Array(p).fill(0).map(() => [0]), ...tables] };
}

// MIRROR_PAD -------------------------------------------------------------------------------------

/** TFLM mirror_pad.cc GetInputDimension. */
function inputDimension(p: number, left: number, size: number, offset: number): number {
  if (p < left) {
    const orig = left + offset - 1;
    return orig - Math.min(p, orig - offset);
  }
  p -= left;
  if (p >= size) {
    p -= size;
    const orig = size - (1 + offset);
    return orig - Math.min(p, orig);
  }
  return p;
}

function mirrorWalk(g: Graph, n: Node): TableWalk {
  const x = input(g, n, 0), y = output(g, n), pm = input(g, n, 1);
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  const rank = x.shape.length;
  if (pm.shape.length !== 2 || pm.shape[0] !== rank || pm.shape[1] !== 2) unsupported(g, n, `paddings of shape ${shp(pm)} for a rank ${rank} input`);
  if (rank > 5) unsupported(g, n, `rank ${rank}`);
  const pads = constIndices(g, n, 1, 'paddings');
  const mode = n.options.mode as number;
  if (mode !== 0 && mode !== 1) unsupported(g, n, `mirror padding mode ${mode}`);
  const offset = mode === 0 ? 1 : 0; // REFLECT skips the edge, SYMMETRIC repeats it
  const st = stridesOf(x.shape);
  const tables = x.shape.map((size, d) => {
    const [l, r] = [pads[2 * d], pads[2 * d + 1]];
    if (l < 0 || r < 0 || l > size - offset || r > size - offset) unsupported(g, n, `paddings [${l}, ${r}] on an axis of ${size} (${mode === 0 ? 'REFLECT' : 'SYMMETRIC'})`);
    if (y.shape[d] !== size + l + r) unsupported(g, n, `output ${shp(y)} for input ${shp(x)} padded by [${pads}]`);
    return Array.from({ length: y.shape[d] }, (_, i) => inputDimension(i, l, size, offset) * st[d]);
  });
  if (y.shape.length !== rank) unsupported(g, n, `output ${shp(y)} for input ${shp(x)}`);
  return pad5(y.shape, tables);
}

export const MIRROR_PAD: OpDef = {
  name: 'MIRROR_PAD',
  options: { unionType: 77, fields: [{ name: 'mode', slot: 0, kind: 'i8', dflt: 0 }] },
  spec: { bytesOnly: true, inputs: [2, 2], types: TYPES, macs: () => 0 },
  prepare: (g, n) => tableOp(g, n, mirrorWalk(g, n)),
  fold: foldTable(mirrorWalk),
};

// BATCH_TO_SPACE_ND and SPACE_TO_BATCH_ND --------------------------------------------------------

interface Space { inD: number[]; outD: number[]; bh: number; bw: number; top: number; left: number }

/** Shapes extended to 4-D (3-D as [B, H, 1, C]) and the block and crops (or paddings) used. */
function spaceParams(g: Graph, n: Node, toBatch: boolean): Space {
  const x = input(g, n, 0), y = output(g, n);
  const r = x.shape.length;
  if (r < 3 || r > 4 || y.shape.length < 3 || y.shape.length > 4) unsupported(g, n, `input ${shp(x)} and output ${shp(y)} (TFLM wants 3-D or 4-D)`);
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  if (y.shape.length !== r) unsupported(g, n, `input ${shp(x)} and output ${shp(y)} of different ranks`);
  const block = constIndices(g, n, 1, 'a block shape', ['int32']);
  const cp = constIndices(g, n, 2, toBatch ? 'paddings' : 'crops', ['int32']);
  const sp = r - 2;
  if (block.length !== sp || cp.length !== 2 * sp) unsupported(g, n, `block shape [${block}] and ${toBatch ? 'paddings' : 'crops'} [${cp}] for a rank ${r} input`);
  if (block.some((b) => b < 1) || cp.some((c) => c < 0)) unsupported(g, n, `block shape [${block}] with ${toBatch ? 'paddings' : 'crops'} [${cp}]`);
  const ext = (s: number[]) => (s.length === 4 ? s : [s[0], s[1], 1, s[2]]);
  const inD = ext(x.shape), outD = ext(y.shape);
  const bh = block[0], bw = sp === 2 ? block[1] : 1;
  const [t, b] = [cp[0], cp[1]];
  const [l, rr] = sp === 2 ? [cp[2], cp[3]] : [0, 0];
  const expected = toBatch
    ? [inD[0] * bh * bw, (inD[1] + t + b) / bh, (inD[2] + l + rr) / bw, inD[3]]
    : [inD[0] / (bh * bw), inD[1] * bh - t - b, inD[2] * bw - l - rr, inD[3]];
  if (!sameShape(expected, outD)) unsupported(g, n, `output ${shp(y)} for input ${shp(x)}, block [${block}] and ${toBatch ? 'paddings' : 'crops'} [${cp}]`);
  return { inD, outD, bh, bw, top: t, left: l };
}

function batchToSpaceWalk(g: Graph, n: Node): TableWalk {
  const s = spaceParams(g, n, false);
  const [ib, ih, iw, c] = s.inD;
  const [ob, oh, ow] = s.outD;
  const hwc = ih * iw * c;
  const th = Array.from({ length: oh }, (_, h) => { const v = h + s.top; return (v % s.bh) * s.bw * ob * hwc + Math.floor(v / s.bh) * iw * c; });
  const tw = Array.from({ length: ow }, (_, w) => { const v = w + s.left; return (v % s.bw) * ob * hwc + Math.floor(v / s.bw) * c; });
  void ib;
  return pad5([ob, oh, ow, c], [Array.from({ length: ob }, (_, b) => b * hwc), th, tw, Array.from({ length: c }, (_, k) => k)]);
}

export const BATCH_TO_SPACE_ND: OpDef = {
  name: 'BATCH_TO_SPACE_ND',
  spec: { bytesOnly: true, inputs: [3, 3], types: TYPES, macs: () => 0 },
  prepare: (g, n) => tableOp(g, n, batchToSpaceWalk(g, n)),
  fold: foldTable(batchToSpaceWalk),
};

export const SPACE_TO_BATCH_ND: OpDef = {
  name: 'SPACE_TO_BATCH_ND',
  spec: { bytesOnly: true, inputs: [3, 3], types: TYPES, macs: () => 0 },
  prepare: (g, n): PreparedOp => {
    const s = spaceParams(g, n, true);
    const size = ({ 1: 'b8', 4: 'b32' } as Record<number, string>)[elementBytes(input(g, n, 0).dtype)];
    return {
      eval: `tm_eval_space_to_batch_nd_${size}`, headers: ['tinyml/kernels/space_to_batch_nd.h'], sources: ['src/kernels/space_to_batch_nd.c'],
      paramsType: 'tm_space_to_batch_nd_params',
      params: { in_dims: s.inD, out_dims: s.outD, block: [s.bh, s.bw], pad: [s.top, s.left], pad_byte: 0 },
      scratchBytes: 0,
    };
  },
  fold: (g, n) => {
    const x = input(g, n, 0);
    if (!x.data) return null;
    const s = spaceParams(g, n, true);
    const e = elementBytes(x.dtype);
    const [ib, ih, iw, c] = s.inD;
    const [ob, oh, ow] = s.outD;
    const out = new Uint8Array(ob * oh * ow * c * e);
    let at = 0;
    for (let b = 0; b < ob; b++) {
      const sb = b % ib, shw = Math.floor(b / ib) % s.bw, shh = Math.floor(Math.floor(b / ib) / s.bw);
      for (let h = 0; h < oh; h++) {
        const hh = h * s.bh + shh - s.top;
        for (let w = 0; w < ow; w++, at += c * e) {
          const ww = w * s.bw + shw - s.left;
          if (hh >= 0 && hh < ih && ww >= 0 && ww < iw) out.set(x.data.subarray(((sb * ih + hh) * iw + ww) * c * e, ((sb * ih + hh) * iw + ww + 1) * c * e), at);
        }
      }
    }
    return [out];
  },
};
