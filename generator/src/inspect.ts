/** `tinyml inspect`: what a model is made of, as a JSON contract and a readable table. */
import { Graph, Tensor } from './ir';
import { LoadedModel } from './model';
import { nodeMacs } from './ops';

export interface IoJson {
  name: string;
  shape: number[];
  dtype: string;
  scale: number;
  zeroPoint: number;
}

export interface OpJson {
  index: number;
  type: string;
  inputs: { tensor: number; shape: number[]; dtype: string }[];
  outputs: { tensor: number; shape: number[]; dtype: string }[];
  macs: number;
}

export interface InspectJson {
  model: string;
  inputs: IoJson[];
  outputs: IoJson[];
  ops: OpJson[];
  opCounts: Record<string, number>;
  macs: number;
  weightsBytes: number;
  unsupportedOps: string[];
  /** Ops computed at generation time (constant folding), no longer in `ops`. */
  folded: { index: number; type: string; outputs: { tensor: number; shape: number[]; dtype: string }[] }[];
  subgraphs: number;
  arena?: { bytes: number; lowerBound: number; tflm?: number | null };
}

function io(t: Tensor): IoJson {
  return {
    name: t.name,
    shape: t.shape,
    dtype: t.dtype,
    scale: t.quant ? t.quant.scale[0] : 0,
    zeroPoint: t.quant ? t.quant.zeroPoint[0] : 0,
  };
}

/** Bytes of constant tensor data referenced by the main subgraph (each buffer once). */
export function weightsBytes(g: Graph): number {
  const seen = new Set<Uint8Array>();
  let total = 0;
  for (const t of g.tensors) {
    if (t.data && !seen.has(t.data)) {
      seen.add(t.data);
      total += t.data.length;
    }
  }
  return total;
}

export function inspectModel(m: LoadedModel): InspectJson {
  const g = m.graph;
  const opCounts: Record<string, number> = {};
  const ops: OpJson[] = g.nodes.map((n) => {
    opCounts[n.op] = (opCounts[n.op] ?? 0) + 1;
    const ref = (i: number) => ({ tensor: i, shape: i >= 0 ? g.tensors[i].shape : [], dtype: i >= 0 ? g.tensors[i].dtype : 'none' });
    return { index: n.index, type: n.op, inputs: n.inputs.map(ref), outputs: n.outputs.map(ref), macs: nodeMacs(g, n) };
  });
  return {
    model: g.label,
    inputs: g.inputs.map((i) => io(g.tensors[i])),
    outputs: g.outputs.map((i) => io(g.tensors[i])),
    ops,
    opCounts,
    macs: ops.reduce((a, o) => a + o.macs, 0),
    weightsBytes: weightsBytes(g),
    unsupportedOps: m.validation.unsupported.map((u) => u.op),
    folded: g.folded.map((f) => ({ index: f.index, type: f.op, outputs: f.outputs.map((i) => ({ tensor: i, shape: g.tensors[i].shape, dtype: g.tensors[i].dtype })) })),
    subgraphs: g.raw.subgraphs.length,
  };
}

function fmtShape(s: number[]): string {
  return `[${s.join(',')}]`;
}

export function fmtCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(n);
}

/** Renders rows as an aligned text table. */
export function table(header: string[], rows: (string | number)[][], rightAlign: boolean[] = []): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((x, c) => (rightAlign[c] ? x.padStart(widths[c]) : x.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function formatInspect(j: InspectJson): string {
  const out: string[] = [];
  out.push(`model ${j.model}: ${j.ops.length} ops, ${fmtCount(j.macs)} MACs, ${j.weightsBytes} weight bytes${j.subgraphs > 1 ? `, ${j.subgraphs} subgraphs (only the first is compiled)` : ''}`);
  out.push('');
  const ioRow = (kind: string, x: IoJson, i: number) => [`${kind} ${i}`, x.name, x.dtype, fmtShape(x.shape), x.scale ? x.scale.toPrecision(6) : '-', x.scale ? x.zeroPoint : '-'];
  out.push(table(['io', 'name', 'type', 'shape', 'scale', 'zero point'], [...j.inputs.map((x, i) => ioRow('input', x, i)), ...j.outputs.map((x, i) => ioRow('output', x, i))]));
  out.push('');
  const rows = j.ops.map((o) => [
    o.index,
    o.type,
    o.inputs.filter((x) => x.tensor >= 0).map((x) => `${x.dtype}${fmtShape(x.shape)}`).join(' '),
    o.outputs.map((x) => `${x.dtype}${fmtShape(x.shape)}`).join(' '),
    o.macs,
  ]);
  out.push(table(['#', 'op', 'inputs', 'outputs', 'MACs'], rows, [true, false, false, false, true]));
  out.push('');
  out.push(table(['op', 'count'], Object.entries(j.opCounts).map(([k, v]) => [k, v]), [false, true]));
  if (j.folded.length) {
    out.push('');
    out.push(`folded at generation time (${j.folded.length} ops, now constants): ${j.folded.map((f) => `#${f.index} ${f.type} -> ${f.outputs.map((x) => `${x.dtype}${fmtShape(x.shape)}`).join(' ')}`).join(', ')}`);
  }
  if (j.arena) {
    out.push('');
    out.push(`arena: ${j.arena.bytes} bytes (lower bound ${j.arena.lowerBound}${j.arena.tflm ? `, TFLM ${j.arena.tflm}` : ''})`);
  }
  out.push('');
  out.push(j.unsupportedOps.length ? `unsupported ops: ${j.unsupportedOps.join(', ')}` : 'unsupported ops: none');
  return out.join('\n');
}

/** Renders rows as a Markdown table. */
export function mdTable(header: string[], rows: (string | number)[][], rightAlign: boolean[] = []): string {
  const sep = header.map((_, c) => (rightAlign[c] ? '---:' : '---'));
  return [header, sep, ...rows.map((r) => r.map(String))].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
