/** The inspect report with the memory plan, when every op of the model can be compiled. */
import { prepareAll } from './ops';
import { TinymlError } from './errors';
import * as fs from 'fs';
import { InspectJson, inspectModel } from './inspect';
import { LoadedModel, loadModel } from './model';
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

export interface InspectOptions {
  /** Add TFLM's arena bytes (runs tflite-micro). */
  tflm?: boolean;
  /** Lay the arena plan out as a table (planTable). */
  plan?: boolean;
  /** Write the arena plan over time as an SVG picture to this file. */
  svg?: string;
}

export interface InspectReport {
  report: InspectJson;
  /** The arena plan as a table, when asked for and the model can be planned. */
  planTable: string | null;
  /** The SVG file written, when asked for. */
  svgFile: string | null;
}

/** `tinyml inspect`: the report of a model file, with its arena plan (and TFLM's arena, a table or an SVG picture of the plan when asked). */
export async function inspectFile(file: string, o: InspectOptions = {}): Promise<InspectReport> {
  const m = loadModel(file);
  const j = inspectModel(m);
  const plan = await planForInspect(m, j);
  if (o.tflm && j.arena) {
    const { oracleAlloc } = await import('./oracle');
    j.arena.tflm = oracleAlloc(file).total;
  }
  let svgFile: string | null = null;
  if (o.svg) {
    if (!plan) throw new TinymlError(`${m.graph.label}: no arena plan (the model has ops tinyml cannot compile)`);
    const { planSvg } = await import('./plan-report');
    fs.writeFileSync(o.svg, planSvg(m.graph, plan));
    svgFile = o.svg;
  }
  let planTable: string | null = null;
  if (plan && o.plan) {
    const { planTable: table } = await import('./plan-report');
    planTable = table(m.graph, plan);
  }
  return { report: j, planTable, svgFile };
}
