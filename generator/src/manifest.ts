/**
 * tinyml.json, the manifest every generated project carries: one schema, one writer
 * (manifestText) and one reader (readManifest). build, sim and flash read the board, the example
 * and the model summary from it; `gen` replaces only folders that have one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TinymlError } from './errors';
import { ModelSummary } from './files';

export interface ProjectManifest {
  /** The tinyml version that wrote the project. */
  generator: string;
  /** Board id, or "host". */
  board: string;
  /** The model file, as an absolute path. */
  model: string;
  /** Board projects only: the kernels chosen and the stack reserved. */
  kernels?: 'ref' | 'dsp';
  stackBytes?: number;
  /** The example the project was made from. */
  example?: string;
  summary: ModelSummary;
}

export const MANIFEST_FILE = 'tinyml.json';

/** The manifest as written into the project (keys in schema order, absent ones left out). */
export function manifestText(m: ProjectManifest): string {
  const ordered = {
    generator: m.generator,
    board: m.board,
    model: m.model,
    ...(m.kernels !== undefined ? { kernels: m.kernels } : {}),
    ...(m.stackBytes !== undefined ? { stackBytes: m.stackBytes } : {}),
    ...(m.example !== undefined ? { example: m.example } : {}),
    summary: m.summary,
  };
  return JSON.stringify(ordered, null, 2) + '\n';
}

/** Reads and checks DIR/tinyml.json; a missing or malformed one is a one-line TinymlError. */
export function readManifest(dir: string): ProjectManifest {
  const p = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(p)) throw new TinymlError(`${dir}: not a tinyml project (no tinyml.json); make one with \`tinyml gen\``);
  let m: Partial<ProjectManifest>;
  try {
    m = JSON.parse(fs.readFileSync(p, 'utf8')) as Partial<ProjectManifest>;
  } catch {
    throw new TinymlError(`${p}: unreadable project manifest`);
  }
  if (typeof m !== 'object' || m === null || typeof m.board !== 'string' || typeof m.summary !== 'object' || m.summary === null) {
    throw new TinymlError(`${p}: unreadable project manifest`);
  }
  return m as ProjectManifest;
}
