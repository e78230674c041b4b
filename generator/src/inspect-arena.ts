/** Adds the memory plan to an inspect report, when every op of the model can be compiled. */
import { prepareAll } from './ops';
import { TinymlError } from './errors';
import { InspectJson } from './inspect';
import { LoadedModel } from './model';
import { MemoryPlan, planMemory } from './planner';

export function planOf(m: LoadedModel): MemoryPlan | null {
  if (m.validation.unsupported.length > 0) return null;
  try {
    return planMemory(m.graph, prepareAll(m.graph, { kernels: 'ref' }));
  } catch (e) {
    if (e instanceof TinymlError) return null;
    throw e;
  }
}

export async function planForInspect(m: LoadedModel, j: InspectJson): Promise<MemoryPlan | null> {
  const plan = planOf(m);
  if (plan) j.arena = { bytes: plan.arenaBytes, lowerBound: plan.lowerBound };
  return plan;
}
