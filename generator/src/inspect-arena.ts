/** Adds the memory plan to an inspect report (filled in by the planner). */
import { InspectJson } from './inspect';
import { LoadedModel } from './model';

export async function planForInspect(_m: LoadedModel, _j: InspectJson): Promise<void> {
  // The planner is added in planner.ts; until then the report has no arena section.
}
