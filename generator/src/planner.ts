/**
 * The offline memory planner: every activation tensor and every op's scratch gets a fixed offset
 * in one arena, so the arena size is a compile-time constant.
 *
 * 1. Buffers. RESHAPE/SQUEEZE/EXPAND_DIMS outputs are aliases of their input (no copy); an
 *    element-wise op may write its output over an input that dies at that op (in place).
 * 2. Lifetimes: a buffer lives from the step that writes it to the last step that reads it;
 *    model inputs from step 0, model outputs to the end.
 * 2b. Variable tensors (TFLite is_variable: state such as SVDF's) live from the first step to
 *    the last, so no other buffer ever shares their bytes and their values persist from one
 *    invocation to the next; no op writes in place over one (an alias of one shares its buffer).
 * 3. Placement: a buffer may not overlap, in address, any buffer alive at the same time. TFLM
 *    places greedily by size; we run several orderings and both first- and best-fit, and keep
 *    the smallest, which is at or near the lower bound (the largest number of bytes alive at
 *    any one step) on the models we have measured.
 */
import { Graph } from './ir';
import { PreparedOp } from './ops/types';

/** Buffer offsets are multiples of this (enough for int32 and float32 accesses). */
export const ARENA_ALIGN = 4;

export interface PlanBuffer {
  id: number;
  /** Tensors stored in this buffer (aliases share one); empty for scratch. */
  tensors: number[];
  /** For scratch buffers: the op that uses it. */
  scratchOf: number | null;
  bytes: number;
  first: number;
  last: number;
  offset: number;
  /** A variable tensor's buffer: alive for the whole invocation and kept across invocations. */
  persistent?: boolean;
}

export interface MemoryPlan {
  buffers: PlanBuffer[];
  /** Arena offset of each activation tensor (undefined for constants and unused tensors). */
  tensorOffset: Map<number, number>;
  /** Arena offset of each op's scratch buffer. */
  scratchOffset: Map<number, number>;
  arenaBytes: number;
  /** Largest sum of live bytes at any step: no placement can use less. */
  lowerBound: number;
  /** Which ordering won. */
  strategy: string;
  steps: number;
}

function align(x: number, a = ARENA_ALIGN): number {
  return Math.ceil(x / a) * a;
}

function overlaps(a: PlanBuffer, b: PlanBuffer): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Places buffers in the given order; each goes at the lowest (first fit) or tightest (best fit) gap. */
function place(order: PlanBuffer[], bestFit: boolean): Map<number, number> {
  const placed: { b: PlanBuffer; off: number }[] = [];
  const offsets = new Map<number, number>();
  for (const b of order) {
    const size = align(b.bytes);
    const busy = placed.filter((p) => overlaps(p.b, b)).map((p) => ({ start: p.off, end: p.off + align(p.b.bytes) }));
    busy.sort((x, y) => x.start - y.start);
    let chosen = -1;
    let chosenGap = Infinity;
    let cursor = 0;
    for (const r of busy) {
      if (r.start - cursor >= size) {
        const gap = r.start - cursor;
        if (!bestFit) { chosen = cursor; break; }
        if (gap < chosenGap) { chosen = cursor; chosenGap = gap; }
      }
      cursor = Math.max(cursor, r.end);
    }
    if (chosen < 0) chosen = cursor;
    offsets.set(b.id, chosen);
    placed.push({ b, off: chosen });
  }
  return offsets;
}

export function planMemory(g: Graph, prepared: PreparedOp[]): MemoryPlan {
  const steps = g.nodes.length;
  // Union-find over tensors for aliases and in-place outputs.
  const parent = new Map<number, number>();
  const find = (t: number): number => {
    let r = t;
    while (parent.has(r)) r = parent.get(r)!;
    return r;
  };
  const isActivation = (t: number) => t >= 0 && !g.tensors[t].data;
  const modelInputs = new Set(g.inputs);
  const modelOutputs = new Set(g.outputs);
  const isVar = (t: number) => t >= 0 && g.tensors[t].isVariable;

  // Last reader of every tensor, before merging.
  const lastUse = new Map<number, number>();
  g.nodes.forEach((n, i) => n.inputs.forEach((t) => { if (isActivation(t)) lastUse.set(t, i); }));

  g.nodes.forEach((n, i) => {
    const p = prepared[i];
    const out = n.outputs[0];
    if (p.alias && isActivation(n.inputs[0])) {
      // (An alias of a variable tensor shares its persistent buffer: touch() below keeps it alive.)
      parent.set(out, find(n.inputs[0]));
    } else if (p.inPlaceInput !== undefined && !isVar(out) && !isVar(n.inputs[p.inPlaceInput])) {
      // (Never in place over a variable tensor: its value must outlive the op.)
      const src = n.inputs[p.inPlaceInput];
      const root = isActivation(src) ? find(src) : -1;
      // Safe only when no later op reads the input (or anything aliased to it) and it is not a
      // model input or output, which the application may still want to read.
      if (root >= 0 && g.tensors[src].bytes === g.tensors[out].bytes) {
        const members = [...new Set([...parent.keys(), root])].filter((t) => find(t) === root);
        const readLater = members.some((t) => (lastUse.get(t) ?? -1) > i || modelInputs.has(t) || modelOutputs.has(t) || isVar(t));
        if (!readLater) parent.set(out, root);
      }
    }
  });

  const byRoot = new Map<number, PlanBuffer>();
  const buffers: PlanBuffer[] = [];
  const touch = (t: number, step: number) => {
    if (!isActivation(t)) return;
    const r = find(t);
    let b = byRoot.get(r);
    if (!b) {
      b = { id: buffers.length, tensors: [], scratchOf: null, bytes: 0, first: step, last: step, offset: 0 };
      byRoot.set(r, b);
      buffers.push(b);
    }
    if (!b.tensors.includes(t)) b.tensors.push(t);
    b.bytes = Math.max(b.bytes, g.tensors[t].bytes);
    b.first = Math.min(b.first, step);
    b.last = Math.max(b.last, step);
    if (isVar(t)) {
      b.persistent = true;
      b.first = 0;
      b.last = Math.max(0, steps - 1);
    }
  };
  for (const t of g.inputs) touch(t, 0);
  g.nodes.forEach((n, i) => {
    n.inputs.forEach((t) => touch(t, i));
    n.outputs.forEach((t) => touch(t, i));
  });
  for (const t of g.outputs) touch(t, Math.max(0, steps - 1));
  prepared.forEach((p, i) => {
    if (p.scratchBytes > 0) {
      buffers.push({ id: buffers.length, tensors: [], scratchOf: i, bytes: p.scratchBytes, first: i, last: i, offset: 0 });
    }
  });

  // Lower bound: the most bytes alive at once.
  let lowerBound = 0;
  for (let s = 0; s < Math.max(steps, 1); s++) {
    const live = buffers.filter((b) => b.first <= s && s <= b.last).reduce((a, b) => a + b.bytes, 0);
    lowerBound = Math.max(lowerBound, live);
  }

  const orders: [string, (a: PlanBuffer, b: PlanBuffer) => number][] = [
    ['size', (a, b) => b.bytes - a.bytes || a.first - b.first],
    ['size*lifetime', (a, b) => b.bytes * (b.last - b.first + 1) - a.bytes * (a.last - a.first + 1) || b.bytes - a.bytes],
    ['lifetime', (a, b) => (b.last - b.first) - (a.last - a.first) || b.bytes - a.bytes],
    ['start', (a, b) => a.first - b.first || b.bytes - a.bytes],
    ['end', (a, b) => b.last - a.last || b.bytes - a.bytes],
  ];
  let best: { offsets: Map<number, number>; size: number; name: string } | null = null;
  for (const [name, cmp] of orders) {
    for (const bestFit of [false, true]) {
      const offsets = place([...buffers].sort(cmp), bestFit);
      const size = buffers.reduce((m, b) => Math.max(m, offsets.get(b.id)! + align(b.bytes)), 0);
      if (!best || size < best.size) best = { offsets, size, name: `${name}, ${bestFit ? 'best' : 'first'} fit` };
    }
  }
  const tensorOffset = new Map<number, number>();
  const scratchOffset = new Map<number, number>();
  for (const b of buffers) {
    b.offset = best!.offsets.get(b.id)!;
    for (const t of b.tensors) tensorOffset.set(t, b.offset);
    if (b.scratchOf !== null) scratchOffset.set(b.scratchOf, b.offset);
  }
  return {
    buffers, tensorOffset, scratchOffset, arenaBytes: Math.max(best?.size ?? 0, ARENA_ALIGN), lowerBound,
    strategy: best?.name ?? 'empty', steps,
  };
}

/** Checks a plan: no two buffers alive at the same step overlap in the arena. */
export function checkPlan(plan: MemoryPlan): string | null {
  const bs = plan.buffers;
  for (let i = 0; i < bs.length; i++) {
    for (let j = i + 1; j < bs.length; j++) {
      const a = bs[i], b = bs[j];
      if (!overlaps(a, b)) continue;
      if (a.offset < b.offset + b.bytes && b.offset < a.offset + a.bytes) {
        return `buffers ${a.id} and ${b.id} overlap in time and space`;
      }
    }
    if (bs[i].offset + bs[i].bytes > plan.arenaBytes) return `buffer ${bs[i].id} runs past the arena`;
  }
  return null;
}
