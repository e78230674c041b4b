/** Loading a model file: read, parse, build the IR, validate. */
import * as fs from 'fs';
import * as path from 'path';
import { TinymlError } from './errors';
import { Graph, buildGraph } from './ir';
import { Validation, validateGraph } from './ops';
import { foldConstants } from './fold';
import { readTflite } from './tflite';

export interface LoadedModel {
  path: string;
  graph: Graph;
  validation: Validation;
}

export function readModelFile(file: string): Buffer {
  const label = path.basename(file);
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new TinymlError(`${file}: no such file`);
  }
  if (st.isDirectory()) throw new TinymlError(`${file}: is a directory, not a model file`);
  if (st.size > 512 * 1024 * 1024) throw new TinymlError(`${label}: ${st.size} bytes is too large for a microcontroller model`);
  return fs.readFileSync(file);
}

/** Parses and validates model bytes. `label` names the model in messages. */
export function loadModelBytes(bytes: Uint8Array, label: string): LoadedModel {
  const raw = readTflite(bytes, path.basename(label));
  const graph = buildGraph(raw, label);
  foldConstants(graph);
  const validation = validateGraph(graph);
  return { path: label, graph, validation };
}

export function loadModel(file: string): LoadedModel {
  return loadModelBytes(readModelFile(file), file);
}
