/**
 * Reads a .tflite file (TFLite schema version 3, file identifier "TFL3") into plain objects.
 * Field slots follow TensorFlow's public schema.fbs; generator/schema/tflite.fbs is our copy of
 * the subset we read. Every read is bounds-checked (flatbuf.ts); a malformed file becomes one
 * TinymlError naming the file and the place.
 */
import { FbReader, FlatbufferError, Table } from './flatbuf';
import { TinymlError } from './errors';

/** BuiltinOperator names, indexed by code (0..161). */
export const BUILTIN_NAMES: readonly string[] = [
  'ADD', 'AVERAGE_POOL_2D', 'CONCATENATION', 'CONV_2D', 'DEPTHWISE_CONV_2D', 'DEPTH_TO_SPACE',
  'DEQUANTIZE', 'EMBEDDING_LOOKUP', 'FLOOR', 'FULLY_CONNECTED', 'HASHTABLE_LOOKUP',
  'L2_NORMALIZATION', 'L2_POOL_2D', 'LOCAL_RESPONSE_NORMALIZATION', 'LOGISTIC', 'LSH_PROJECTION',
  'LSTM', 'MAX_POOL_2D', 'MUL', 'RELU', 'RELU_N1_TO_1', 'RELU6', 'RESHAPE', 'RESIZE_BILINEAR',
  'RNN', 'SOFTMAX', 'SPACE_TO_DEPTH', 'SVDF', 'TANH', 'CONCAT_EMBEDDINGS', 'SKIP_GRAM', 'CALL',
  'CUSTOM', 'EMBEDDING_LOOKUP_SPARSE', 'PAD', 'UNIDIRECTIONAL_SEQUENCE_RNN', 'GATHER',
  'BATCH_TO_SPACE_ND', 'SPACE_TO_BATCH_ND', 'TRANSPOSE', 'MEAN', 'SUB', 'DIV', 'SQUEEZE',
  'UNIDIRECTIONAL_SEQUENCE_LSTM', 'STRIDED_SLICE', 'BIDIRECTIONAL_SEQUENCE_RNN', 'EXP', 'TOPK_V2',
  'SPLIT', 'LOG_SOFTMAX', 'DELEGATE', 'BIDIRECTIONAL_SEQUENCE_LSTM', 'CAST', 'PRELU', 'MAXIMUM',
  'ARG_MAX', 'MINIMUM', 'LESS', 'NEG', 'PADV2', 'GREATER', 'GREATER_EQUAL', 'LESS_EQUAL', 'SELECT',
  'SLICE', 'SIN', 'TRANSPOSE_CONV', 'SPARSE_TO_DENSE', 'TILE', 'EXPAND_DIMS', 'EQUAL', 'NOT_EQUAL',
  'LOG', 'SUM', 'SQRT', 'RSQRT', 'SHAPE', 'POW', 'ARG_MIN', 'FAKE_QUANT', 'REDUCE_PROD',
  'REDUCE_MAX', 'PACK', 'LOGICAL_OR', 'ONE_HOT', 'LOGICAL_AND', 'LOGICAL_NOT', 'UNPACK',
  'REDUCE_MIN', 'FLOOR_DIV', 'REDUCE_ANY', 'SQUARE', 'ZEROS_LIKE', 'FILL', 'FLOOR_MOD', 'RANGE',
  'RESIZE_NEAREST_NEIGHBOR', 'LEAKY_RELU', 'SQUARED_DIFFERENCE', 'MIRROR_PAD', 'ABS', 'SPLIT_V',
  'UNIQUE', 'CEIL', 'REVERSE_V2', 'ADD_N', 'GATHER_ND', 'COS', 'WHERE', 'RANK', 'ELU',
  'REVERSE_SEQUENCE', 'MATRIX_DIAG', 'QUANTIZE', 'MATRIX_SET_DIAG', 'ROUND', 'HARD_SWISH', 'IF',
  'WHILE', 'NON_MAX_SUPPRESSION_V4', 'NON_MAX_SUPPRESSION_V5', 'SCATTER_ND', 'SELECT_V2',
  'DENSIFY', 'SEGMENT_SUM', 'BATCH_MATMUL', 'PLACEHOLDER_FOR_GREATER_OP_CODES', 'CUMSUM',
  'CALL_ONCE', 'BROADCAST_TO', 'RFFT2D', 'CONV_3D', 'IMAG', 'REAL', 'COMPLEX_ABS', 'HASHTABLE',
  'HASHTABLE_FIND', 'HASHTABLE_IMPORT', 'HASHTABLE_SIZE', 'REDUCE_ALL', 'CONV_3D_TRANSPOSE',
  'VAR_HANDLE', 'READ_VARIABLE', 'ASSIGN_VARIABLE', 'BROADCAST_ARGS', 'RANDOM_STANDARD_NORMAL',
  'BUCKETIZE', 'RANDOM_UNIFORM', 'MULTINOMIAL', 'GELU', 'DYNAMIC_UPDATE_SLICE', 'RELU_0_TO_1',
  'UNSORTED_SEGMENT_PROD', 'UNSORTED_SEGMENT_MAX', 'UNSORTED_SEGMENT_SUM', 'ATAN2',
  'UNSORTED_SEGMENT_MIN', 'SIGN', 'BITCAST', 'BITWISE_XOR', 'RIGHT_SHIFT',
];

export function builtinName(code: number): string {
  return BUILTIN_NAMES[code] ?? `BUILTIN_${code}`;
}

export function builtinCode(name: string): number {
  const i = BUILTIN_NAMES.indexOf(name);
  if (i < 0) throw new Error(`unknown builtin op ${name}`);
  return i;
}

/** TensorType names, indexed by code. */
export const TENSOR_TYPES: readonly string[] = [
  'float32', 'float16', 'int32', 'uint8', 'int64', 'string', 'bool', 'int16', 'complex64', 'int8',
  'float64', 'complex128', 'uint64', 'resource', 'variant', 'uint32', 'uint16', 'int4', 'bfloat16',
  'int2', 'uint4', 'float8_e4m3fn', 'float8_e5m2',
];

export function tensorTypeName(code: number): string {
  return TENSOR_TYPES[code] ?? `type${code}`;
}

/** Bytes per element, for the types we can hold in memory. */
export const DTYPE_BYTES: Record<string, number> = {
  float32: 4, float16: 2, int32: 4, uint8: 1, int64: 8, bool: 1, int16: 2, int8: 1, float64: 8,
  uint64: 8, uint32: 4, uint16: 2,
};

export interface RawQuantization {
  min: number[];
  max: number[];
  scale: number[];
  zeroPoint: number[];
  quantizedDimension: number;
  hasDetails: boolean;
}

export interface RawTensor {
  shape: number[];
  shapeSignature: number[] | null;
  type: number;
  buffer: number;
  name: string;
  quantization: RawQuantization | null;
  isVariable: boolean;
  hasSparsity: boolean;
}

export interface RawOperator {
  opcodeIndex: number;
  inputs: number[];
  outputs: number[];
  intermediates: number[];
  builtinOptionsType: number;
  /** The options table, decoded later with the field list of the op's module (options.ts, ops/). */
  builtinOptions: Table | null;
  customOptions: Uint8Array | null;
}

export interface RawOperatorCode {
  deprecatedBuiltinCode: number;
  builtinCode: number;
  /** The effective code, as TFLite computes it: the larger of the two fields. */
  code: number;
  customCode: string | null;
  version: number;
}

export interface RawSubgraph {
  name: string;
  tensors: RawTensor[];
  inputs: number[];
  outputs: number[];
  operators: RawOperator[];
}

export interface RawBuffer {
  /** The bytes, whether stored inside the flatbuffer or by offset and size after it; null when empty. */
  data: Uint8Array | null;
  /** True when the buffer was stored by offset/size after the flatbuffer. */
  external: boolean;
}

export interface RawSignature {
  key: string;
  subgraphIndex: number;
  inputs: { name: string; tensorIndex: number }[];
  outputs: { name: string; tensorIndex: number }[];
}

export interface RawModel {
  version: number;
  description: string;
  operatorCodes: RawOperatorCode[];
  subgraphs: RawSubgraph[];
  buffers: RawBuffer[];
  metadata: { name: string; buffer: number }[];
  signatures: RawSignature[];
  /** Decoded "OfflineMemoryAllocation" metadata: per tensor an arena offset, or -1. */
  offlineMemoryAllocation: { subgraph: number; offsets: number[] } | null;
  /** Decoded "min_runtime_version" metadata. */
  minRuntimeVersion: string | null;
}

const MAX_TENSORS = 1 << 20;

function readQuant(t: Table, what: string): RawQuantization {
  const zp = t.bigVector(3, `${what} zero points`) ?? [];
  return {
    min: t.scalarVector(0, 'f32', `${what} min`) ?? [],
    max: t.scalarVector(1, 'f32', `${what} max`) ?? [],
    scale: t.scalarVector(2, 'f32', `${what} scales`) ?? [],
    zeroPoint: zp.map((z) => Number(z)),
    hasDetails: t.scalar(4, 'u8', 0) !== 0,
    quantizedDimension: t.scalar(6, 'i32', 0),
  };
}

function readTensor(t: Table, what: string): RawTensor {
  const q = t.table(4, `${what} quantization`);
  return {
    shape: t.scalarVector(0, 'i32', `${what} shape`) ?? [],
    type: t.scalar(1, 'i8', 0),
    buffer: t.scalar(2, 'u32', 0),
    name: t.string(3, `${what} name`) ?? '',
    quantization: q ? readQuant(q, what) : null,
    isVariable: t.scalar(5, 'bool', 0) !== 0,
    hasSparsity: t.has(6),
    shapeSignature: t.scalarVector(7, 'i32', `${what} shape signature`),
  };
}

function readOperator(t: Table, what: string): RawOperator {
  const optType = t.scalar(3, 'u8', 0);
  return {
    opcodeIndex: t.scalar(0, 'u32', 0),
    inputs: t.scalarVector(1, 'i32', `${what} inputs`) ?? [],
    outputs: t.scalarVector(2, 'i32', `${what} outputs`) ?? [],
    builtinOptionsType: optType,
    builtinOptions: optType !== 0 ? t.table(4, `${what} options`) : null,
    customOptions: t.bytesVector(5, `${what} custom options`),
    intermediates: t.scalarVector(8, 'i32', `${what} intermediates`) ?? [],
  };
}

function readSubgraph(t: Table, what: string): RawSubgraph {
  const tensors = (t.tableVector(0, `${what} tensors`) ?? []);
  if (tensors.length > MAX_TENSORS) throw new FlatbufferError(`${what} has ${tensors.length} tensors`);
  return {
    tensors: tensors.map((x, i) => readTensor(x, `tensor ${i}`)),
    inputs: t.scalarVector(1, 'i32', `${what} inputs`) ?? [],
    outputs: t.scalarVector(2, 'i32', `${what} outputs`) ?? [],
    operators: (t.tableVector(3, `${what} operators`) ?? []).map((x, i) => readOperator(x, `operator ${i}`)),
    name: t.string(4, `${what} name`) ?? '',
  };
}

function readBuffer(fb: FbReader, t: Table, i: number): RawBuffer {
  const what = `buffer ${i}`;
  const inline = t.bytesVector(0, what);
  const offset = t.scalar(1, 'u64', 0n);
  const size = t.scalar(2, 'u64', 0n);
  if (offset > 1n) {
    const off = Number(offset);
    const len = Number(size);
    fb.check(off, len, `${what} (stored after the flatbuffer)`);
    return { data: fb.bytes.subarray(off, off + len), external: true };
  }
  return { data: inline && inline.length > 0 ? inline : null, external: false };
}

function decodeOfflinePlan(data: Uint8Array | null): { subgraph: number; offsets: number[] } | null {
  if (!data || data.length < 12 || data.length % 4 !== 0) return null;
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const n = dv.getInt32(8, true);
  if (n < 0 || 12 + 4 * n > data.length) return null;
  const offsets: number[] = [];
  for (let i = 0; i < n; i++) offsets.push(dv.getInt32(12 + 4 * i, true));
  return { subgraph: dv.getInt32(4, true), offsets };
}

/** Parses a .tflite image. `label` (usually the file name) starts every error message. */
export function readTflite(bytes: Uint8Array, label: string): RawModel {
  if (bytes.length === 0) throw new TinymlError(`${label}: the file is empty, not a TFLite model`);
  if (bytes.length < 8) throw new TinymlError(`${label}: ${bytes.length} bytes is too short to be a TFLite model`);
  const fb = new FbReader(bytes);
  const ident = fb.identifier();
  if (ident !== 'TFL3') {
    throw new TinymlError(`${label}: not a TFLite model (file identifier is ${JSON.stringify(ident)}, expected "TFL3")`);
  }
  try {
    const m = fb.root();
    const version = m.scalar(0, 'u32', 0);
    if (version !== 3) throw new FlatbufferError(`schema version ${version} is not supported (expected 3)`);
    const operatorCodes = (m.tableVector(1, 'operator codes') ?? []).map((t, i): RawOperatorCode => {
      const deprecated = t.scalar(0, 'i8', 0);
      const builtin = t.scalar(3, 'i32', 0);
      return {
        deprecatedBuiltinCode: deprecated,
        builtinCode: builtin,
        code: Math.max(deprecated, builtin),
        customCode: t.string(1, `operator code ${i} custom code`),
        version: t.scalar(2, 'i32', 1),
      };
    });
    const subgraphs = (m.tableVector(2, 'subgraphs') ?? []).map((t, i) => readSubgraph(t, `subgraph ${i}`));
    const description = m.string(3, 'description') ?? '';
    const buffers = (m.tableVector(4, 'buffers') ?? []).map((t, i) => readBuffer(fb, t, i));
    const metadata = (m.tableVector(6, 'metadata') ?? []).map((t, i) => ({
      name: t.string(0, `metadata ${i} name`) ?? '',
      buffer: t.scalar(1, 'u32', 0),
    }));
    const signatures = (m.tableVector(7, 'signature defs') ?? []).map((t, i): RawSignature => {
      const maps = (slot: number, kind: string) => (t.tableVector(slot, `signature ${i} ${kind}`) ?? []).map((x, j) => ({
        name: x.string(0, `signature ${i} ${kind} ${j} name`) ?? '',
        tensorIndex: x.scalar(1, 'u32', 0),
      }));
      return {
        inputs: maps(0, 'inputs'),
        outputs: maps(1, 'outputs'),
        key: t.string(2, `signature ${i} key`) ?? '',
        subgraphIndex: t.scalar(4, 'u32', 0),
      };
    });
    const metaBuffer = (name: string): Uint8Array | null => {
      const md = metadata.find((x) => x.name === name);
      if (!md) return null;
      return buffers[md.buffer]?.data ?? null;
    };
    const rv = metaBuffer('min_runtime_version');
    return {
      version,
      description,
      operatorCodes,
      subgraphs,
      buffers,
      metadata,
      signatures,
      offlineMemoryAllocation: decodeOfflinePlan(metaBuffer('OfflineMemoryAllocation')),
      minRuntimeVersion: rv ? Buffer.from(rv).toString('latin1').replace(/\0.*$/s, '') : null,
    };
  } catch (e) {
    if (e instanceof FlatbufferError) throw new TinymlError(`${label}: corrupt or truncated model: ${e.message}`);
    if (e instanceof RangeError) throw new TinymlError(`${label}: corrupt or truncated model: ${e.message}`);
    throw e;
  }
}
