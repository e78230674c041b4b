/**
 * Where every tensor lives at run time, decided in one place: an offset in the one arena, a
 * constant array in flash (an alias of a constant, e.g. a RESHAPE of weights, is that constant's
 * array), or nowhere (a constant no kernel reads, or an absent optional input).
 */
import { TinymlError } from './errors';
import { Graph } from './ir';
import { MemoryPlan } from './planner';
import { PreparedOp } from './ops/types';

export type TensorPlace =
  /** Computed at run time, at this offset in the arena. */
  | { kind: 'arena'; offset: number }
  /** A constant array: `source` is the constant tensor whose data it holds (the tensor itself, or the constant an alias chain starts from). */
  | { kind: 'const'; cname: string; source: number }
  /** Not present at run time. */
  | { kind: 'none' };

export interface Layout {
  /** Place of tensor i, for every tensor of the graph. */
  places: TensorPlace[];
  /** The constant tensors emitted as arrays (those a kernel reads), in tensor order. */
  constants: number[];
  /** Arena offset per computed tensor (as the memory plan placed it). */
  offsets: Map<number, number>;
  /** Scratch offset in the arena per op index (ops with scratch only). */
  scratch: Map<number, number>;
}

/** The C name of a constant tensor's array. */
export function constName(ti: number): string {
  return `tm_const_t${ti}`;
}

export function layoutTensors(g: Graph, prepared: PreparedOp[], plan: MemoryPlan): Layout {
  // Constants that a kernel reads (an alias of a constant counts as its source).
  const constSource = new Map<number, number>();
  g.nodes.forEach((n, i) => {
    if (prepared[i].alias && n.inputs[0] >= 0 && g.tensors[n.inputs[0]].data) {
      constSource.set(n.outputs[0], constSource.get(n.inputs[0]) ?? n.inputs[0]);
    }
  });
  const used = new Set<number>();
  g.nodes.forEach((n, i) => {
    if (prepared[i].alias) return;
    n.inputs.forEach((t) => {
      const src = constSource.get(t) ?? t;
      if (src >= 0 && g.tensors[src].data) used.add(src);
    });
  });
  const constants = [...used].sort((a, b) => a - b);
  const places: TensorPlace[] = g.tensors.map((_, ti) => {
    const off = plan.tensorOffset.get(ti);
    return off !== undefined ? { kind: 'arena', offset: off } : { kind: 'none' };
  });
  for (const ti of constants) places[ti] = { kind: 'const', cname: constName(ti), source: ti };
  // Alias outputs of constants point at the constant.
  for (const [t, src] of constSource) {
    if (used.has(src)) places[t] = { kind: 'const', cname: constName(src), source: src };
  }
  return { places, constants, offsets: plan.tensorOffset, scratch: plan.scratchOffset };
}

/** The C pointer expression of a tensor: NULL, its constant array, or `tm_arena + offset`. */
export function tensorPointer(layout: Layout, ti: number): string {
  if (ti < 0) return 'NULL';
  const p = layout.places[ti];
  if (p.kind === 'const') return p.cname;
  if (p.kind === 'arena') return `tm_arena + ${p.offset}`;
  throw new Error(`tensor ${ti} has no place in the arena`);
}

/** Where a tensor lives, as the op comments in model.c say it. */
export function placeText(layout: Layout, ti: number): string {
  const p = layout.places[ti];
  if (p.kind === 'const') return p.cname;
  if (p.kind === 'arena') return `arena +${p.offset}`;
  return '(constant, not needed at run time)';
}

/** The arena offset of a model input or output (which must be computed, not constant). */
export function ioOffset(g: Graph, layout: Layout, ti: number): number {
  const off = layout.offsets.get(ti);
  if (off === undefined) throw new TinymlError(`${g.label}: model input/output tensor ${ti} is constant; only computed inputs and outputs are supported`);
  return off;
}
