/** A set of generated files, path (relative, '/'-separated) to content. */
export type FileSet = Map<string, string | Buffer>;

/** What the board/project layer needs to know about a compiled model. */
export interface IoSummary {
  name: string;
  dtype: 'float32' | 'int8' | 'uint8' | 'int16' | 'int32' | 'int64' | 'bool';
  shape: number[];
  bytes: number;
  scale: number;
  zeroPoint: number;
}

export interface ModelSummary {
  /** C identifier-safe model name, e.g. "mlperf_kws_ref_model". */
  name: string;
  inputs: IoSummary[];
  outputs: IoSummary[];
  /** Bytes of the one static arena (activations and scratch). */
  arenaBytes: number;
  /** Bytes of constant data (weights, biases, op parameters) placed in flash. */
  weightsBytes: number;
  macs: number;
  ops: { index: number; type: string }[];
  /** micro-runtime sources the model needs, relative to micro-runtime/ (e.g. "src/kernels/conv2d_s8.c"). */
  runtimeSources: string[];
}
