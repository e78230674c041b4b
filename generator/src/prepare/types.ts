/**
 * The contract between an op's prepare step (TypeScript, run by the generator) and its C kernel.
 *
 * prepare(graph, node, ctx) does what a TFLM kernel's Prepare does (multipliers, shifts, zero
 * points, activation ranges, padding, fixed-point tables) and returns a PreparedOp: which C eval
 * function to call, the const op-data struct to emit, and the sources to compile. The codegen
 * (codegen.ts) turns `params` into a C designated initializer: numbers and booleans become
 * literals, CArray becomes a separate `static const` array referenced by pointer, CExpr is
 * emitted verbatim, nested objects become nested initializers.
 */
import { Graph, Node } from '../ir';

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
