/**
 * compile(model, options) → files: the model as C (model/model.c, model.h, test_input.c) plus
 * the micro-runtime sources it needs (runtime/**). View-models are built here; the Handlebars
 * templates in templates/model only lay them out.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TinymlError } from './errors';
import { FileSet, IoSummary, ModelSummary } from './files';
import { Graph, Tensor } from './ir';
import { LoadedModel } from './model';
import { inputSlots, nodeMacs, prepareAll, requireSupported } from './ops';
import { MemoryPlan, checkPlan, planMemory } from './planner';
import { CArray, CExpr, CFloat, CStruct, CValue, PrepareContext, PreparedOp } from './ops/types';
import { repoRoot } from './root';
import { GENERATOR_VERSION } from './version';
import { weightsBytes } from './inspect';
import { Layout, ioOffset, layoutTensors, placeText, tensorPointer } from './layout';
import { renderTemplate } from './render';
import { ConstantView, IoView, ModelView, OpArrayView, OpView, TableEntryView, TestInputView, VariableView } from './views';

export { renderTemplate };

export const RUNTIME_ABI_VERSION = 2;

export interface CompileOptions {
  kernels?: 'ref' | 'dsp';
  /** Seed of the built-in test input. */
  testInputSeed?: number;
}

/** Bytes of flash the generated model's data takes, as compile() emitted it (for the fit check). */
export interface ByteCounts {
  /** Each constant tensor array (weights, biases): its C name and bytes. */
  constants: { cname: string; bytes: number }[];
  /** Each array hoisted out of an op's parameters (e.g. per-channel multipliers and shifts). */
  opArrays: { cname: string; bytes: number }[];
  /** Entries of the op table and the input and output tables (the fit estimate counts 4 bytes each). */
  tableEntries: number;
  /** The built-in test input the firmware carries, all inputs together. */
  testInput: number;
}

export interface Compiled {
  files: FileSet;
  summary: ModelSummary;
  plan: MemoryPlan;
  prepared: PreparedOp[];
  /** Where every tensor lives. */
  layout: Layout;
  bytes: ByteCounts;
}

/** Bytes of one element of a C array type, as the fit estimate counts it (4 for anything else). */
export function ctypeBytes(ctype: string): number {
  const sizes: Record<string, number> = { int8_t: 1, uint8_t: 1, int16_t: 2, uint16_t: 2, int32_t: 4, uint32_t: 4, float: 4, int64_t: 8 };
  return sizes[ctype] ?? 4;
}

/** Bytes of constant data the firmware carries for a compiled model: weights, op data and tables, test input. */
export function constDataBytes(b: ByteCounts): number {
  const sum = (xs: { bytes: number }[]) => xs.reduce((a, x) => a + x.bytes, 0);
  return sum(b.constants) + sum(b.opArrays) + 4 * b.tableEntries + b.testInput;
}

const CTYPES: Record<string, string> = {
  float32: 'float', int8: 'int8_t', uint8: 'uint8_t', int16: 'int16_t', int32: 'int32_t', int64: 'int64_t', bool: 'uint8_t',
  uint16: 'uint16_t', uint32: 'uint32_t',
};
const DTYPE_ENUM: Record<string, string> = {
  float32: 'TM_DT_FLOAT32', int8: 'TM_DT_INT8', uint8: 'TM_DT_UINT8', int16: 'TM_DT_INT16', int32: 'TM_DT_INT32',
  int64: 'TM_DT_INT64', bool: 'TM_DT_BOOL',
};

/** A float32 literal that round-trips. */
export function cFloat(v: number): string {
  if (v === Infinity) return 'INFINITY';
  if (v === -Infinity) return '-INFINITY';
  if (Number.isNaN(v)) return 'NAN';
  const f = Math.fround(v);
  if (Math.abs(f) >= 3.4028234663852886e38) return f < 0 ? '-3.40282347e+38f' : '3.40282347e+38f';
  let s = f.toPrecision(9);
  if (!/[.e]/.test(s)) s += '.0';
  return `${s}f`;
}

function cInt(v: number): string {
  if (!Number.isInteger(v)) throw new Error(`non-integer ${v} where C needs an integer`);
  // INT32_MIN cannot be written as a literal directly.
  if (v === -2147483648) return '(-2147483647 - 1)';
  return String(v);
}

/** Formats numbers as C initializer lines, `perLine` per line. */
export function formatValues(values: ArrayLike<number>, ctype: string, perLine: number, indent = '  '): string {
  const out: string[] = [];
  let line: string[] = [];
  for (let i = 0; i < values.length; i++) {
    line.push(ctype === 'float' ? cFloat(values[i]) : cInt(values[i]));
    if (line.length === perLine) {
      out.push(indent + line.join(', ') + ',');
      line = [];
    }
  }
  if (line.length) out.push(indent + line.join(', ') + ',');
  return out.join('\n');
}

function typedValues(t: Tensor): ArrayLike<number> {
  const d = t.data!;
  const buf = new Uint8Array(d).buffer; // aligned copy
  switch (t.dtype) {
    case 'int8': return new Int8Array(buf);
    case 'uint8': case 'bool': return new Uint8Array(buf);
    case 'int16': return new Int16Array(buf);
    case 'uint16': return new Uint16Array(buf);
    case 'int32': return new Int32Array(buf);
    case 'uint32': return new Uint32Array(buf);
    case 'float32': return new Float32Array(buf);
    case 'int64': {
      const v = new BigInt64Array(buf);
      return Array.from(v, (x) => {
        const n = Number(x);
        if (!Number.isSafeInteger(n)) throw new TinymlError(`tensor ${t.index} (${t.name}) holds an int64 value too large to emit`);
        return n;
      });
    }
    default: throw new TinymlError(`tensor ${t.index} (${t.name}): constant ${t.dtype} data is not supported`);
  }
}


/** Serializes a CStruct to a designated initializer, hoisting arrays into `arrays`. */
function cInit(v: CValue, prefix: string, arrays: OpArrayView[], indent: string): string {
  if (typeof v === 'number') return cInt(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof CFloat) return cFloat(v.value);
  if (v instanceof CExpr) return v.code;
  if (v instanceof CArray) {
    const cname = `${prefix}`;
    const values = Array.from(v.values);
    const body = values.length <= 12
      ? formatValues(values, v.ctype, 12, '').replace(/,$/, '')
      : `\n${formatValues(values, v.ctype, 12, '  ')}\n`;
    arrays.push({ ctype: v.ctype, cname, count: Math.max(values.length, 1), body: values.length ? body : '0' });
    return cname;
  }
  if (Array.isArray(v)) {
    return `{ ${v.map((x, i) => cInit(x, `${prefix}_${i}`, arrays, indent)).join(', ')} }`;
  }
  const s = v as CStruct;
  const inner = indent + '  ';
  const fields = Object.keys(s).map((k) => `${inner}.${k} = ${cInit(s[k], `${prefix}_${k}`, arrays, inner)}`);
  return `{\n${fields.join(',\n')}\n${indent}}`;
}

function shapeText(shape: number[]): string {
  return shape.join(',');
}

/** Deterministic pseudo-random bytes (xorshift32) for the built-in test input. */
export function testInputValues(t: Tensor, seed: number): number[] {
  let s = (seed ^ (t.index * 2654435761)) >>> 0 || 1;
  const next = () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
  const out: number[] = [];
  for (let i = 0; i < t.elements; i++) {
    const r = next();
    switch (t.dtype) {
      case 'int8': out.push((r & 0xff) - 128); break;
      case 'uint8': case 'bool': out.push(r & 0xff); break;
      case 'int16': out.push((r & 0xffff) - 32768); break;
      case 'int32': out.push((r & 0xffff) - 32768); break;
      case 'float32': out.push(Math.fround((r / 4294967296) * 2 - 1)); break;
      default: out.push(0);
    }
  }
  return out;
}

export function ioSummary(t: Tensor): IoSummary {
  return {
    name: t.name,
    dtype: t.dtype as IoSummary['dtype'],
    shape: t.shape,
    bytes: t.bytes,
    scale: t.quant ? t.quant.scale[0] : 0,
    zeroPoint: t.quant ? t.quant.zeroPoint[0] : 0,
  };
}

/** Runtime headers a set of sources and headers depend on, copied into the project. */
function runtimeFiles(sources: string[], headers: string[]): FileSet {
  const root = path.join(repoRoot(), 'micro-runtime');
  const files: FileSet = new Map();
  const addHeaderTree = (rel: string) => {
    if (files.has(`runtime/${rel}`)) return;
    const abs = path.join(root, rel);
    if (!fs.existsSync(abs)) throw new Error(`micro-runtime/${rel} is missing`);
    const text = fs.readFileSync(abs, 'utf8');
    files.set(`runtime/${rel}`, text);
    for (const m of text.matchAll(/#include\s+"(tinyml\/[^"]+)"/g)) addHeaderTree(`include/${m[1]}`);
  };
  for (const h of ['tinyml/tinyml.h', 'tinyml/quant.h', ...headers]) addHeaderTree(`include/${h}`);
  for (const s of ['src/interpreter.c', ...sources]) addHeaderTree(s);
  return files;
}

export function compile(model: LoadedModel, options: CompileOptions = {}): Compiled {
  const g = model.graph;
  requireSupported(g, model.validation);
  const ctx: PrepareContext = { kernels: options.kernels ?? 'ref' };
  const prepared = prepareAll(g, ctx);
  const plan = planMemory(g, prepared);
  const problem = checkPlan(plan);
  if (problem) throw new Error(`memory plan is inconsistent: ${problem}`);
  const layout = layoutTensors(g, prepared, plan);

  const banner = `/* Generated by tinyml ${GENERATOR_VERSION} from ${g.label}. Do not edit: regenerate instead. */`;
  const constants = constantViews(g, layout);
  const { ops, table, headers, sources } = opViews(g, prepared, layout);
  const inputs = g.inputs.map((ti) => ioView(g, layout, ti));
  const outputs = g.outputs.map((ti) => ioView(g, layout, ti));
  const wBytes = weightsBytes(g);

  const view: ModelView = {
    banner, name: g.name, numOps: g.nodes.length, arenaBytes: plan.arenaBytes, lowerBound: plan.lowerBound,
    weightsBytes: wBytes, runtimeVersion: RUNTIME_ABI_VERSION, headers: [...headers].sort(), constants, ops, table,
    numTableOps: table.length, opTableLength: Math.max(table.length, 1), emptyTable: table.length === 0, inputs, outputs,
    variables: variableViews(g, layout),
  };
  const testInput = testInputView(g, banner, options.testInputSeed ?? 1);
  const files: FileSet = new Map();
  files.set('model/model.h', renderTemplate('model/model.h.hbs', view));
  files.set('model/model.c', renderTemplate('model/model.c.hbs', view));
  files.set('model/test_input.c', renderTemplate('model/test_input.c.hbs', testInput));
  for (const [k, v] of runtimeFiles([...sources].sort(), [...headers])) files.set(k, v);

  const bytes: ByteCounts = {
    constants: constants.map((c) => ({ cname: c.cname, bytes: ctypeBytes(c.ctype) * c.count })),
    opArrays: ops.flatMap((o) => o.arrays.map((a) => ({ cname: a.cname, bytes: ctypeBytes(a.ctype) * a.count }))),
    tableEntries: view.opTableLength + inputs.length + outputs.length,
    testInput: testInput.inputs.reduce((a, x) => a + ctypeBytes(x.ctype) * x.count, 0),
  };
  const summary: ModelSummary = {
    name: g.name,
    inputs: g.inputs.map((t) => ioSummary(g.tensors[t])),
    outputs: g.outputs.map((t) => ioSummary(g.tensors[t])),
    arenaBytes: plan.arenaBytes,
    weightsBytes: wBytes,
    macs: g.nodes.reduce((a, n) => a + nodeMacs(g, n), 0),
    ops: g.nodes.map((n) => ({ index: n.index, type: n.op })),
    runtimeSources: ['src/interpreter.c', ...[...sources].sort()],
  };
  return { files, summary, plan, prepared, layout, bytes };
}

/** The variable tensors the ops use, each at its persistent arena offset. */
function variableViews(g: Graph, layout: Layout): VariableView[] {
  const out: VariableView[] = [];
  g.tensors.forEach((t, ti) => {
    const place = layout.places[ti];
    if (!t.isVariable || place.kind !== 'arena') return;
    out.push({
      index: ti, offset: place.offset, bytes: t.bytes,
      fill: t.dtype === 'int8' && t.quant ? t.quant.zeroPoint[0] : 0,
      dtype: t.dtype, shapeText: shapeText(t.shape), comment: t.name.replace(/\*\//g, '* /'),
    });
  });
  return out;
}

/** The constant arrays: every constant tensor a kernel reads. */
function constantViews(g: Graph, layout: Layout): ConstantView[] {
  return layout.constants.map((ti) => {
    const t = g.tensors[ti];
    const ctype = CTYPES[t.dtype];
    if (!ctype) throw new TinymlError(`${g.label}: tensor ${ti} (${t.name}): constant ${t.dtype} data is not supported`);
    const values = typedValues(t);
    const place = layout.places[ti];
    return {
      index: ti, dtype: t.dtype, shapeText: shapeText(t.shape), comment: t.name.replace(/\*\//g, '* /'),
      ctype, cname: place.kind === 'const' ? place.cname : '', count: Math.max(values.length, 1),
      body: values.length ? formatValues(values, ctype, ctype === 'float' ? 8 : 16) : '  0',
    };
  });
}

/** Per op its model.c block, and the op table; with the runtime headers and sources the ops need. */
function opViews(g: Graph, prepared: PreparedOp[], layout: Layout): { ops: OpView[]; table: TableEntryView[]; headers: Set<string>; sources: Set<string> } {
  const ptr = (ti: number) => tensorPointer(layout, ti);
  const tensorLine = (kind: string, ti: number) => {
    if (ti < 0) return `${kind}: (none)`;
    const t = g.tensors[ti];
    return `${kind}: t${ti} ${t.dtype}[${shapeText(t.shape)}] ${placeText(layout, ti)}  ${t.name.replace(/\*\//g, '* /')}`;
  };
  const headers = new Set<string>();
  const sources = new Set<string>();
  const ops: OpView[] = [];
  const table: TableEntryView[] = [];
  g.nodes.forEach((n, i) => {
    const p = prepared[i];
    p.headers.forEach((h) => headers.add(h));
    p.sources.forEach((s) => sources.add(s));
    const arrays: OpArrayView[] = [];
    const paramsName = `op${i}_params`;
    const paramsInit = p.params ? cInit(p.params, `op${i}`, arrays, '') : '';
    // Optional trailing inputs the node leaves out (e.g. a bias) are passed as NULL, so a kernel
    // may always read in[k] for every k below its op's maximum arity.
    const maxInputs = inputSlots(n);
    const inPtrs = p.alias ? [] : [...n.inputs.map(ptr), ...new Array(Math.max(0, maxInputs - n.inputs.length)).fill('NULL')];
    const outPtrs = p.alias ? [] : n.outputs.map(ptr);
    const tensorLines = [
      ...n.inputs.map((t, k) => tensorLine(`in${k}`, t)),
      ...n.outputs.map((t, k) => tensorLine(`out${k}`, t)),
      ...(p.scratchBytes ? [`scratch: ${p.scratchBytes} bytes at arena +${layout.scratch.get(i)}`] : []),
    ];
    ops.push({
      index: i, op: n.op, alias: !!p.alias, tensorLines, arrays,
      paramsType: p.paramsType, paramsName, paramsInit,
      inName: `op${i}_in`, outName: `op${i}_out`, inCount: Math.max(inPtrs.length, 1), outCount: outPtrs.length,
      inPtrs: inPtrs.length ? inPtrs.join(', ') : 'NULL', outPtrs: outPtrs.join(', '),
    });
    if (!p.alias) {
      if (!p.eval) throw new Error(`prepare for ${n.op} gave no eval function`);
      const ins = n.inputs.map((t) => (t >= 0 ? `t${t}` : '-')).join(', ');
      table.push({
        index: i, op: n.op, eval: p.eval, params: p.paramsType ? `&${paramsName}` : 'NULL',
        inName: `op${i}_in`, outName: `op${i}_out`,
        scratch: p.scratchBytes ? `tm_arena + ${layout.scratch.get(i)}` : 'NULL',
        code: n.code, inCount: n.inputs.length, outCount: n.outputs.length,
        summary: `${ins} -> ${n.outputs.map((t) => `t${t}`).join(', ')}`,
      });
    }
  });
  return { ops, table, headers, sources };
}

function ioView(g: Graph, layout: Layout, ti: number): IoView {
  const t = g.tensors[ti];
  const off = ioOffset(g, layout, ti);
  const dims = [...t.shape, ...new Array(5 - t.shape.length).fill(0)].slice(0, 5);
  if (t.shape.length > 5) throw new TinymlError(`${g.label}: tensor ${ti} has rank ${t.shape.length}; at most 5 is supported`);
  return {
    name: t.name.replace(/["\\]/g, '_'), offset: off, bytes: t.bytes, dimsInit: dims.join(', '), rank: t.shape.length,
    dtype: t.dtype, shapeText: shapeText(t.shape),
    dtypeEnum: DTYPE_ENUM[t.dtype] ?? 'TM_DT_INT8', scale: cFloat(t.quant ? t.quant.scale[0] : 0), zeroPoint: t.quant ? t.quant.zeroPoint[0] : 0,
  };
}

function testInputView(g: Graph, banner: string, seed: number): TestInputView {
  return {
    banner, seed,
    inputs: g.inputs.map((ti) => {
      const t = g.tensors[ti];
      const ctype = CTYPES[t.dtype];
      return { ctype, count: t.elements, body: formatValues(testInputValues(t, seed), ctype, ctype === 'float' ? 8 : 16) };
    }),
    pointers: g.inputs.map((_, i) => `tm_test_input${i}`).join(', '),
  };
}
