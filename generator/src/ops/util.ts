/** Helpers shared by op modules. */
import { TinymlError } from '../errors';
import type { Graph, Node, Tensor } from '../graph';
import { DTYPE_BYTES } from '../tflite';

export function input(g: Graph, n: Node, k: number): Tensor {
  return g.tensors[n.inputs[k]];
}

export function optionalInput(g: Graph, n: Node, k: number): Tensor | null {
  const i = n.inputs[k];
  return i === undefined || i < 0 ? null : g.tensors[i];
}

export function output(g: Graph, n: Node, k = 0): Tensor {
  return g.tensors[n.outputs[k]];
}

export function scale(t: Tensor): number {
  return t.quant ? t.quant.scale[0] : 0;
}

export function zeroPoint(t: Tensor): number {
  return t.quant ? t.quant.zeroPoint[0] : 0;
}

export function unsupported(g: Graph, n: Node, what: string): never {
  throw new TinymlError(`${g.label}: operator ${n.index} (${n.op}): ${what} is not supported`);
}

/** Typed views of a constant tensor's data (little-endian host assumed, as TFLite does). */
export function int8Data(t: Tensor): Int8Array {
  if (!t.data) throw new Error(`tensor ${t.index} has no data`);
  return new Int8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
}

export function int32Data(t: Tensor): Int32Array {
  if (!t.data) throw new Error(`tensor ${t.index} has no data`);
  const copy = new Uint8Array(t.data);
  return new Int32Array(copy.buffer, 0, copy.byteLength / 4);
}

export function floatData(t: Tensor): Float32Array {
  if (!t.data) throw new Error(`tensor ${t.index} has no data`);
  const copy = new Uint8Array(t.data);
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
}

/** Pads a shape on the left with ones to `rank` dimensions. */
export function extendShape(shape: number[], rank: number): number[] {
  return [...new Array(Math.max(0, rank - shape.length)).fill(1), ...shape];
}

/** Bytes of one element of a dtype (0 for types without a size). */
export function elementBytes(dtype: string): number {
  return DTYPE_BYTES[dtype] ?? 0;
}

/** The product of a shape's dimensions (1 for a scalar). */
export function product(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
