/**
 * The graph IR's types (tensors, nodes, the graph), apart from ir.ts's builder so that the op
 * modules, which ir.ts reaches through options decoding, can name them without an import cycle.
 */
import type { RawModel } from './tflite';

export interface Quant {
  scale: number[];
  zeroPoint: number[];
  axis: number;
}

export interface Tensor {
  index: number;
  name: string;
  dtype: string;
  shape: number[];
  /** Element count (product of shape; 1 for a scalar). */
  elements: number;
  /** Bytes (0 for types we cannot size). */
  bytes: number;
  /** Constant data, or null for an activation. */
  data: Uint8Array | null;
  quant: Quant | null;
  isVariable: boolean;
}

export interface Node {
  index: number;
  /** Builtin op name (CUSTOM ops: "CUSTOM:<code>"). */
  op: string;
  code: number;
  version: number;
  /** Tensor indices; -1 marks an absent optional input. */
  inputs: number[];
  outputs: number[];
  options: Record<string, number | boolean | number[]>;
}

export interface Graph {
  /** The file name, for messages. */
  label: string;
  /** A C identifier made from the file name. */
  name: string;
  tensors: Tensor[];
  nodes: Node[];
  inputs: number[];
  outputs: number[];
  raw: RawModel;
  /** Nodes computed at generation time and removed from `nodes` (fold.ts), in model order. */
  folded: FoldedNode[];
}

/** A node that constant folding computed at generation time; its outputs now carry data. */
export interface FoldedNode {
  index: number;
  op: string;
  outputs: number[];
}
