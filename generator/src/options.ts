/**
 * Builtin options, decoded per op from the Operator's options table with the field list its op
 * module declares (OpDef.options, generator/src/ops). Ops with empty option tables have none.
 */
import { FlatbufferError, Table } from './flatbuf';
import { opDef } from './ops';

export function decodeOptions(op: string, unionType: number, table: Table | null): Record<string, number | boolean | number[]> {
  const spec = opDef(op)?.options;
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
