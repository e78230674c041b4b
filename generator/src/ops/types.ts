/**
 * What an op module declares (OpDef: options decoding, spec, prepare, fast variants), and the
 * contract between an op's prepare step (TypeScript, run by the generator) and its C kernel.
 *
 * prepare(graph, node, ctx) does what a TFLM kernel's Prepare does (multipliers, shifts, zero
 * points, activation ranges, padding, fixed-point tables) and returns a PreparedOp: which C eval
 * function to call, the const op-data struct to emit, and the sources to compile. The codegen
 * (codegen.ts) turns `params` into a C designated initializer: numbers and booleans become
 * literals, CArray becomes a separate `static const` array referenced by pointer, CExpr is
 * emitted verbatim, nested objects become nested initializers.
 */
import type { Graph, Node, Tensor } from '../graph';
import type { ScalarKind } from '../flatbuf';

export type CScalarType = 'int8_t' | 'uint8_t' | 'int16_t' | 'uint16_t' | 'int32_t' | 'uint32_t' | 'float';

/** A const array emitted beside the params struct; the field holds a pointer to it. */
export class CArray {
  constructor(readonly ctype: CScalarType, readonly values: ArrayLike<number>) {}
}

/** A C expression emitted verbatim (e.g. an enum constant). */
export class CExpr {
  constructor(readonly code: string) {}
}

/** A float literal (emitted with enough digits to round-trip a float32). */
export class CFloat {
  constructor(readonly value: number) {}
}

export type CValue = number | boolean | CArray | CExpr | CFloat | CStruct | CValue[];
export interface CStruct {
  [field: string]: CValue;
}

export interface PreparedOp {
  /** C eval function (a tm_eval_fn), e.g. 'tm_eval_fully_connected_s8'. */
  eval: string;
  /** Headers under micro-runtime/include, e.g. 'tinyml/kernels/fully_connected.h'. */
  headers: string[];
  /** Sources under micro-runtime/, e.g. 'src/kernels/fully_connected_s8.c'. */
  sources: string[];
  /** The op-data struct type and its fields; null when the kernel takes no params. */
  paramsType: string | null;
  params: CStruct | null;
  /** Arena bytes of scratch the kernel needs while it runs (mirrors its C *_scratch_size). */
  scratchBytes: number;
  /** The output may be written over input k (element-wise ops where input k dies here). */
  inPlaceInput?: number;
  /** The output is input 0's bytes reinterpreted (RESHAPE, SQUEEZE, EXPAND_DIMS): no kernel runs. */
  alias?: boolean;
  /** Set by the generator when a specializer replaced the reference kernel (--kernels dsp). */
  specialized?: boolean;
}

export interface PrepareContext {
  /** Which kernel family to use: the portable reference kernels or the DSP-extension ones. */
  kernels: 'ref' | 'dsp';
}

export type PrepareFn = (g: Graph, n: Node, ctx: PrepareContext) => PreparedOp;

/**
 * A fast variant swaps a reference kernel for a faster one with the same op data (for example
 * the DSP-extension kernels on Cortex-M4/M7/M33), when the generator is asked for that kernel
 * family. It returns the reference PreparedOp unchanged when the node is outside what the fast
 * kernel handles exactly. It may change eval, sources, headers and scratch, and add params, never
 * the arithmetic.
 */
export type Specializer = (p: PreparedOp, g: Graph, n: Node, ctx: PrepareContext) => PreparedOp;

export interface FastVariant {
  /** The kernel family that selects it (`--kernels dsp`). */
  kernels: 'dsp';
  /** The tensor types (of input 0) it can take; outside them the reference kernel runs. */
  types: string[];
  specialize: Specializer;
}

/** One field of a builtin-options table (slots follow generator/schema/tflite.fbs). */
export type OptionField =
  | { name: string; slot: number; kind: Exclude<ScalarKind, 'i64' | 'u64'>; dflt: number }
  | { name: string; slot: number; kind: 'i32[]' };

export interface OptionsSpec {
  /** BuiltinOptions union index of the expected options table. */
  unionType: number;
  fields: OptionField[];
}

/** A tensor getter for one node: input k, or null when absent. */
export type TensorAt = (k: number) => Tensor | null;

/** What validateGraph checks for an op before prepare runs. */
export interface OpSpec {
  /** Least and most inputs. */
  inputs: [number, number];
  /** Indices of inputs that must be constant data. */
  constInputs?: number[];
  /** Inputs that may be absent (tensor index -1), e.g. a bias. */
  optionalInputs?: number[];
  /** Inputs besides input 0 that must carry quantization parameters when integer (e.g. weights). */
  quantInputs?: number[];
  /** The kernel only moves bytes and TFLM's kernel reads no quantization parameters (SPLIT,
   *  GATHER, CAST, ...): int8 and int16 tensors need none. */
  bytesOnly?: boolean;
  /** Least and most outputs; [1, 1] when absent. */
  outputs?: [number, number];
  /** Allowed dtypes of the typed input (and of the output, unless outputTypes says otherwise). */
  types: string[];
  /** The input whose dtype `types` lists and that needs quantization when integer: 0 unless set
   *  (TRANSPOSE_CONV's data is input 2; its input 0 is the output shape). */
  typedInput?: number;
  /** Allowed output dtypes: 'any' when prepare decides (QUANTIZE, DEQUANTIZE). */
  outputTypes?: string[] | 'any';
  /** Returns a problem description, or null. */
  check?: (n: Node, t: TensorAt, out: Tensor) => string | null;
  /** MACs (or element operations) of one node. */
  macs?: (n: Node, t: TensorAt, out: Tensor) => number;
}

/** Everything about one builtin op; generator/src/ops/index.ts lists them all. */
export interface OpDef {
  /** The TFLite BuiltinOperator name, e.g. 'CONV_2D'. */
  name: string;
  /** Its builtin options; absent for ops whose options table is empty. */
  options?: OptionsSpec;
  spec: OpSpec;
  prepare: PrepareFn;
  /** Faster kernels for the same op data, tried in order when their family is asked for. */
  fast?: FastVariant[];
  /**
   * Computes the node's outputs at generation time (constant folding: generator/src/fold.ts),
   * one little-endian byte array per output, or null when it cannot (an input computed at run
   * time, a type it does not fold). Arithmetic must be the kernel's, bit for bit.
   */
  fold?: FoldFn;
  /** The op has no kernel: it runs only when it folds (e.g. RANGE, which TFLM lacks). */
  foldOnly?: boolean;
}

/** See OpDef.fold. May throw; any error means "not folded". */
export type FoldFn = (g: Graph, n: Node) => Uint8Array[] | null;
