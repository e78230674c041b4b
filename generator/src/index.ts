/** The tinyml library API. The CLI (cli/, one file per command) is a thin layer over these. */
export { TinymlError } from './errors';
export { loadModel, loadModelBytes, readModelFile } from './model';
export { inspectModel, formatInspect } from './inspect';
export type { InspectJson } from './inspect';
export { readTflite } from './tflite';
export { buildGraph } from './ir';
export type { Graph, Node, Tensor } from './ir';
export { compile } from './codegen';
export type { ByteCounts, CompileOptions, Compiled } from './codegen';
export { verifyModel } from './verify';
export { generate } from './generate';
export { boardProject, checkFits, defaultStackBytes } from './project';
export { hostProject } from './host';
export { manifestText, readManifest } from './manifest';
export type { ProjectManifest } from './manifest';
