/** Prepare functions by op name. Each op module registers its own. */
import { PrepareFn } from './types';

export const PREPARE: Record<string, PrepareFn> = {};

export function registerPrepare(ops: string | string[], fn: PrepareFn): void {
  for (const op of Array.isArray(ops) ? ops : [ops]) PREPARE[op] = fn;
}
