/**
 * SPACE_TO_DEPTH and DEPTH_TO_SPACE (TFLM space_to_depth.cc, depth_to_space.cc; the index maps
 * of reference_ops::SpaceToDepth/DepthToSpace), 4-D NHWC, float32 and int8 (bytes move, no
 * rescaling). Each is one strided walk over the input in output order (ops/walk.ts): batch and
 * the coarse row merge into one axis, then the coarse column, the two block offsets and the
 * channels. Constant inputs fold.
 */
import { shp } from './checks';
import { OpDef } from './types';
import { Walk, foldWalk, sameShape, walk5, walkOp } from './walk';
import { input, output, unsupported } from './util';
import type { Graph, Node } from '../graph';

function blockOf(g: Graph, n: Node): number {
  const x = input(g, n, 0), y = output(g, n);
  if (x.shape.length !== 4) unsupported(g, n, `a rank ${x.shape.length} input (TFLM wants 4-D)`);
  if (x.dtype !== y.dtype) unsupported(g, n, `${x.dtype} input with ${y.dtype} output`);
  const bs = n.options.blockSize as number;
  if (!(bs > 0)) unsupported(g, n, `block size ${bs}`);
  return bs;
}

function spaceToDepthWalk(g: Graph, n: Node): Walk {
  const bs = blockOf(g, n);
  const [b, h, w, c] = input(g, n, 0).shape;
  const y = output(g, n);
  const oh = Math.floor(h / bs), ow = Math.floor(w / bs);
  if (oh * bs !== h || ow * bs !== w) unsupported(g, n, `a ${h}x${w} input with block size ${bs} (not a multiple)`);
  if (!sameShape(y.shape, [b, oh, ow, c * bs * bs])) unsupported(g, n, `output ${shp(y)} (expected [${[b, oh, ow, c * bs * bs]}])`);
  return walk5([b * oh, ow, bs, bs, c], [bs * w * c, bs * c, w * c, c, 1], 0);
}

function depthToSpaceWalk(g: Graph, n: Node): Walk {
  const bs = blockOf(g, n);
  const [b, h, w, c] = input(g, n, 0).shape;
  const y = output(g, n);
  const oc = Math.floor(c / bs / bs);
  if (oc * bs * bs !== c) unsupported(g, n, `${c} input channels with block size ${bs} (not a multiple of ${bs * bs})`);
  if (!sameShape(y.shape, [b, h * bs, w * bs, oc])) unsupported(g, n, `output ${shp(y)} (expected [${[b, h * bs, w * bs, oc]}])`);
  return walk5([b * h, bs, w, bs, oc], [w * c, bs * oc, c, oc, 1], 0);
}

export const SPACE_TO_DEPTH: OpDef = {
  name: 'SPACE_TO_DEPTH',
  options: { unionType: 19, fields: [{ name: 'blockSize', slot: 0, kind: 'i32', dflt: 0 }] },
  spec: { bytesOnly: true, inputs: [1, 1], types: ['float32', 'int8'], macs: () => 0 },
  prepare: (g, n) => walkOp(g, n, 0, spaceToDepthWalk(g, n)),
  fold: foldWalk(0, spaceToDepthWalk),
};

export const DEPTH_TO_SPACE: OpDef = {
  name: 'DEPTH_TO_SPACE',
  options: { unionType: 94, fields: [{ name: 'blockSize', slot: 0, kind: 'i32', dflt: 0 }] },
  spec: { bytesOnly: true, inputs: [1, 1], types: ['float32', 'int8'], macs: () => 0 },
  prepare: (g, n) => walkOp(g, n, 0, depthToSpaceWalk(g, n)),
  fold: foldWalk(0, depthToSpaceWalk),
};
