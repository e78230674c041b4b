/** Prepare functions by op name. Each op module registers its own. */
import { Graph, Node } from '../ir';
import { PrepareContext, PrepareFn, PreparedOp } from './types';

export const PREPARE: Record<string, PrepareFn> = {};

export function registerPrepare(ops: string | string[], fn: PrepareFn): void {
  for (const op of Array.isArray(ops) ? ops : [ops]) PREPARE[op] = fn;
}

/**
 * A specializer swaps a reference kernel for a faster one with the same op data (for example
 * the DSP-extension kernels on Cortex-M4/M7/M33), keyed by the reference eval function name.
 * It may change eval, sources, headers and scratch, and add params, never the arithmetic.
 */
export type Specializer = (p: PreparedOp, g: Graph, n: Node, ctx: PrepareContext) => PreparedOp;
export const SPECIALIZERS: Record<string, Specializer> = {};

export function registerSpecializer(referenceEval: string, fn: Specializer): void {
  SPECIALIZERS[referenceEval] = fn;
}
