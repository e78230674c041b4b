/**
 * `tinyml gen`: a project for a board (firmware), for the host, or an example's firmware. One
 * entry point returning a report; the CLI only prints it.
 */
import * as path from 'path';
import { Board } from './boards';
import { compile } from './codegen';
import { TinymlError } from './errors';
import { exampleFiles, loadExample } from './examples';
import { generateProject } from './firmware';
import { hostProject, writeFilesAtomically } from './host';
import { loadModel } from './model';

export interface GenerateOptions {
  board: string;
  model?: string;
  example?: string;
  out: string;
  kernels?: 'ref' | 'dsp';
}

interface GenCommon {
  out: string;
  /** Files written. */
  files: number;
  arenaBytes: number;
  weightsBytes: number;
  /** "DSP kernels for N of M ops" or "reference kernels". */
  kernelNote: string;
}

export type GenerateReport =
  | (GenCommon & { kind: 'host' })
  | (GenCommon & { kind: 'board'; board: Board })
  | (GenCommon & { kind: 'example'; board: Board; example: string; defaultInput: string | null });

function kernelNote(c: { prepared: { specialized?: boolean }[] }): string {
  const fast = c.prepared.filter((p) => p.specialized).length;
  return fast ? `DSP kernels for ${fast} of ${c.prepared.length} ops` : 'reference kernels';
}

export function generate(o: GenerateOptions): GenerateReport {
  if (!!o.model === !!o.example) throw new TinymlError('give exactly one of --model MODEL and --example NAME');
  if (o.example) {
    if (o.board === 'host') throw new TinymlError('examples are firmware: give a board (e.g. --board nano33)');
    const ex = loadExample(o.example);
    const r = generateProject({
      board: o.board, model: ex.modelPath, out: o.out, kernels: o.kernels, example: ex.spec.name,
      extraFiles: exampleFiles(ex), extraRamBytes: ex.spec.ramExtraBytes ?? 0,
    });
    return {
      kind: 'example', out: o.out, files: r.files.size, board: r.board, example: ex.spec.name,
      defaultInput: ex.spec.input.default ? path.join('examples', ex.spec.name, ex.spec.input.default) : null,
      arenaBytes: r.compiled.plan.arenaBytes, weightsBytes: r.compiled.summary.weightsBytes, kernelNote: kernelNote(r.compiled),
    };
  }
  const model = o.model as string;
  if (o.board === 'host') {
    const c = compile(loadModel(model), { kernels: o.kernels });
    const { files } = hostProject(c, model);
    writeFilesAtomically(o.out, files);
    return { kind: 'host', out: o.out, files: files.size, arenaBytes: c.plan.arenaBytes, weightsBytes: c.summary.weightsBytes, kernelNote: kernelNote(c) };
  }
  const r = generateProject({ board: o.board, model, out: o.out, kernels: o.kernels });
  return {
    kind: 'board', out: o.out, files: r.files.size, board: r.board,
    arenaBytes: r.compiled.plan.arenaBytes, weightsBytes: r.compiled.summary.weightsBytes, kernelNote: kernelNote(r.compiled),
  };
}
