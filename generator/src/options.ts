/**
 * Builtin options, decoded per op from the Operator's options table. Field slots follow the
 * TFLite schema (generator/schema/tflite.fbs). Ops with empty option tables have no entry.
 */
import { FlatbufferError, ScalarKind, Table } from './flatbuf';

type Field =
  | { name: string; slot: number; kind: Exclude<ScalarKind, 'i64' | 'u64'>; dflt: number }
  | { name: string; slot: number; kind: 'i32[]' };

interface OptionsSpec {
  /** BuiltinOptions union index of the expected options table. */
  unionType: number;
  fields: Field[];
}

const act = (slot: number): Field => ({ name: 'activation', slot, kind: 'i8', dflt: 0 });

const CONV: OptionsSpec = {
  unionType: 1,
  fields: [
    { name: 'padding', slot: 0, kind: 'i8', dflt: 0 },
    { name: 'strideW', slot: 1, kind: 'i32', dflt: 0 },
    { name: 'strideH', slot: 2, kind: 'i32', dflt: 0 },
    act(3),
    { name: 'dilationW', slot: 4, kind: 'i32', dflt: 1 },
    { name: 'dilationH', slot: 5, kind: 'i32', dflt: 1 },
  ],
};
const DEPTHWISE: OptionsSpec = {
  unionType: 2,
  fields: [
    { name: 'padding', slot: 0, kind: 'i8', dflt: 0 },
    { name: 'strideW', slot: 1, kind: 'i32', dflt: 0 },
    { name: 'strideH', slot: 2, kind: 'i32', dflt: 0 },
    { name: 'depthMultiplier', slot: 3, kind: 'i32', dflt: 0 },
    act(4),
    { name: 'dilationW', slot: 5, kind: 'i32', dflt: 1 },
    { name: 'dilationH', slot: 6, kind: 'i32', dflt: 1 },
  ],
};
const POOL: OptionsSpec = {
  unionType: 5,
  fields: [
    { name: 'padding', slot: 0, kind: 'i8', dflt: 0 },
    { name: 'strideW', slot: 1, kind: 'i32', dflt: 0 },
    { name: 'strideH', slot: 2, kind: 'i32', dflt: 0 },
    { name: 'filterW', slot: 3, kind: 'i32', dflt: 0 },
    { name: 'filterH', slot: 4, kind: 'i32', dflt: 0 },
    act(5),
  ],
};

export const OPTIONS: Record<string, OptionsSpec> = {
  CONV_2D: CONV,
  DEPTHWISE_CONV_2D: DEPTHWISE,
  AVERAGE_POOL_2D: POOL,
  MAX_POOL_2D: POOL,
  FULLY_CONNECTED: {
    unionType: 8,
    fields: [act(0), { name: 'weightsFormat', slot: 1, kind: 'i8', dflt: 0 }, { name: 'keepNumDims', slot: 2, kind: 'bool', dflt: 0 }],
  },
  SOFTMAX: { unionType: 9, fields: [{ name: 'beta', slot: 0, kind: 'f32', dflt: 0 }] },
  CONCATENATION: { unionType: 10, fields: [{ name: 'axis', slot: 0, kind: 'i32', dflt: 0 }, act(1)] },
  ADD: { unionType: 11, fields: [act(0), { name: 'potScaleInt16', slot: 1, kind: 'bool', dflt: 1 }] },
  RESHAPE: { unionType: 17, fields: [{ name: 'newShape', slot: 0, kind: 'i32[]' }] },
  MUL: { unionType: 21, fields: [act(0)] },
  SUB: { unionType: 28, fields: [act(0), { name: 'potScaleInt16', slot: 1, kind: 'bool', dflt: 1 }] },
  MEAN: { unionType: 27, fields: [{ name: 'keepDims', slot: 0, kind: 'bool', dflt: 0 }] },
  SQUEEZE: { unionType: 30, fields: [{ name: 'squeezeDims', slot: 0, kind: 'i32[]' }] },
  STRIDED_SLICE: {
    unionType: 32,
    fields: [
      { name: 'beginMask', slot: 0, kind: 'i32', dflt: 0 },
      { name: 'endMask', slot: 1, kind: 'i32', dflt: 0 },
      { name: 'ellipsisMask', slot: 2, kind: 'i32', dflt: 0 },
      { name: 'newAxisMask', slot: 3, kind: 'i32', dflt: 0 },
      { name: 'shrinkAxisMask', slot: 4, kind: 'i32', dflt: 0 },
      { name: 'offset', slot: 5, kind: 'bool', dflt: 0 },
    ],
  },
  LEAKY_RELU: { unionType: 75, fields: [{ name: 'alpha', slot: 0, kind: 'f32', dflt: 0 }] },
};

export function decodeOptions(op: string, unionType: number, table: Table | null): Record<string, number | boolean | number[]> {
  const spec = OPTIONS[op];
  const out: Record<string, number | boolean | number[]> = {};
  if (!spec) return out;
  if (table !== null && unionType !== spec.unionType) {
    throw new FlatbufferError(`options table has union type ${unionType}, expected ${spec.unionType}`);
  }
  for (const f of spec.fields) {
    if (f.kind === 'i32[]') {
      const v = table ? table.scalarVector(f.slot, 'i32', `${op} ${f.name}`) : null;
      if (v) out[f.name] = v;
    } else if (f.kind === 'bool') {
      out[f.name] = (table ? table.scalar(f.slot, 'bool', f.dflt) : f.dflt) !== 0;
    } else {
      out[f.name] = table ? table.scalar(f.slot, f.kind, f.dflt) : f.dflt;
    }
  }
  return out;
}

export const ACTIVATIONS = ['NONE', 'RELU', 'RELU_N1_TO_1', 'RELU6', 'TANH', 'SIGN_BIT'];
export const PADDINGS = ['SAME', 'VALID'];
