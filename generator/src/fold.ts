/**
 * Constant folding at generation time: every node whose op module can compute its outputs from
 * constant inputs and static shapes (SHAPE, RANGE, PACK or CONCATENATION of constants, a
 * STRIDED_SLICE of a shape, arithmetic on constants, ...) is computed here, its outputs become
 * constant tensors, and the node leaves the graph. Shape-computing graphs (SHAPE -> STRIDED_SLICE
 * -> PACK -> RESHAPE) thereby become fixed, and ops no kernel exists for (RANGE) still run when
 * they fold. Runs before validation, on the graph as read, so each op's fold checks what it uses
 * and any failure just leaves the node in place for validation to judge.
 */
import type { FoldedNode, Graph, Node } from './ir';
import { opDef } from './ops';

/** Outputs larger than this stay computed at run time (folding must not blow up the flash). */
export const MAX_FOLDED_BYTES = 1024 * 1024;

function foldNode(g: Graph, n: Node, graphOutputs: Set<number>): Uint8Array[] | null {
  const fold = opDef(n.op)?.fold;
  if (!fold || n.outputs.length === 0) return null;
  for (const o of n.outputs) {
    const t = g.tensors[o];
    // A model output stays computed (the runtime hands it out of the arena); so do variables.
    if (!t || graphOutputs.has(o) || t.data || t.isVariable || t.bytes === 0 || t.bytes > MAX_FOLDED_BYTES) return null;
  }
  let outs: Uint8Array[] | null;
  try {
    outs = fold(g, n);
  } catch {
    return null; // whatever the op's fold could not do, validation and prepare judge as usual
  }
  if (!outs || outs.length !== n.outputs.length) return null;
  return outs.every((b, k) => b.length === g.tensors[n.outputs[k]].bytes) ? outs : null;
}

/** Folds what can be folded, in model order (a folded output may let a later node fold). */
export function foldConstants(g: Graph): FoldedNode[] {
  const graphOutputs = new Set(g.outputs);
  const kept: Node[] = [];
  for (const n of g.nodes) {
    const outs = foldNode(g, n, graphOutputs);
    if (!outs) {
      kept.push(n);
      continue;
    }
    n.outputs.forEach((o, k) => { g.tensors[o].data = outs[k]; });
    g.folded.push({ index: n.index, op: n.op, outputs: [...n.outputs] });
  }
  g.nodes = kept;
  return g.folded;
}
