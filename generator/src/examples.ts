/**
 * Examples (examples/NAME/example.json): an int8 model trained here plus the application C that
 * feeds it (pre-processing, post-processing, a firmware main). `tinyml gen --example NAME` makes
 * the example's firmware: the model's project with the example's C as its app/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TinymlError } from './errors';
import { FileSet } from './files';
import { rootPath } from './paths';

export interface ExampleSpec {
  name: string;
  model: string;
  input: { kind: string; default?: string };
  sources: string[];
  firmware: string[];
  ramExtraBytes?: number;
  /** "list": results is the list of result lines; "single": the one result object. */
  results?: 'list' | 'single';
  description?: string;
}

export interface Example {
  dir: string;
  spec: ExampleSpec;
  modelPath: string;
}

export function listExamples(): string[] {
  const dir = rootPath('examples');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, 'example.json'))).sort();
}

export function loadExample(name: string): Example {
  const dir = rootPath('examples', name);
  const file = path.join(dir, 'example.json');
  if (!/^[\w-]+$/.test(name) || !fs.existsSync(file)) {
    throw new TinymlError(`unknown example '${name}' (valid: ${listExamples().join(', ') || 'none'})`);
  }
  let spec: ExampleSpec;
  try {
    spec = JSON.parse(fs.readFileSync(file, 'utf8')) as ExampleSpec;
  } catch {
    throw new TinymlError(`${file}: not valid JSON`);
  }
  const modelPath = path.join(dir, spec.model);
  if (!fs.existsSync(modelPath)) throw new TinymlError(`example ${name}: ${spec.model} is missing`);
  return { dir, spec, modelPath };
}

/**
 * The example's C as app/ files: its firmware (whose main.c replaces the generic app) and its
 * sources, with every header beside them, flat in app/ so that "x.h" includes resolve.
 */
export function exampleFiles(ex: Example): FileSet {
  const files: FileSet = new Map();
  const dirs = new Set<string>();
  for (const rel of [...ex.spec.sources, ...ex.spec.firmware]) {
    const abs = path.join(ex.dir, rel);
    if (!fs.existsSync(abs)) throw new TinymlError(`example ${ex.spec.name}: ${rel} is missing`);
    const base = path.basename(rel);
    if (files.has(`app/${base}`)) throw new TinymlError(`example ${ex.spec.name}: two files named ${base}`);
    files.set(`app/${base}`, fs.readFileSync(abs));
    dirs.add(path.dirname(abs));
  }
  for (const d of dirs) {
    for (const h of fs.readdirSync(d).filter((f) => f.endsWith('.h'))) {
      if (!files.has(`app/${h}`)) files.set(`app/${h}`, fs.readFileSync(path.join(d, h)));
    }
  }
  if (!files.has('app/main.c')) throw new TinymlError(`example ${ex.spec.name}: its firmware has no main.c`);
  return files;
}
