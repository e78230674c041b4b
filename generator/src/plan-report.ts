/** The memory plan as a readable table and as an SVG timeline (op step across, arena offset down). */
import { Graph } from './ir';
import { table } from './inspect';
import { MemoryPlan } from './planner';

function bufferLabel(g: Graph, b: MemoryPlan['buffers'][number]): string {
  if (b.scratchOf !== null) return `scratch of op ${b.scratchOf} (${g.nodes[b.scratchOf].op})`;
  return b.tensors.map((t) => `t${t}`).join('=');
}

export function planTable(g: Graph, plan: MemoryPlan): string {
  const rows = [...plan.buffers]
    .sort((a, b) => a.offset - b.offset || a.first - b.first)
    .map((b) => [bufferLabel(g, b), b.bytes, b.offset, b.offset + b.bytes, `${b.first}..${b.last}`]);
  const head = `arena plan: ${plan.arenaBytes} bytes, lower bound ${plan.lowerBound} (${plan.lowerBound ? ((plan.arenaBytes / plan.lowerBound - 1) * 100).toFixed(1) : '0'}% over), placement: ${plan.strategy}`;
  return `${head}\n${table(['buffer', 'bytes', 'offset', 'end', 'ops'], rows, [false, true, true, true, false])}`;
}

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An SVG of the plan: one rectangle per buffer, spanning the ops it is alive for. */
export function planSvg(g: Graph, plan: MemoryPlan): string {
  const steps = Math.max(plan.steps, 1);
  const W = 900, H = 420, left = 80, top = 50, right = 20, bottom = 60;
  const pw = W - left - right, ph = H - top - bottom;
  const sx = (s: number) => left + (s / steps) * pw;
  const sy = (o: number) => top + (o / Math.max(plan.arenaBytes, 1)) * ph;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${left}" y="20" font-size="14" font-weight="bold">${esc(g.label)}: arena ${plan.arenaBytes} bytes (lower bound ${plan.lowerBound})</text>`);
  parts.push(`<text x="${left}" y="36" fill="#555">each box is a buffer: across, the ops it is alive for; down, its place in the arena</text>`);
  parts.push(`<rect x="${left}" y="${top}" width="${pw}" height="${ph}" fill="#f7f7f7" stroke="#999"/>`);
  plan.buffers.forEach((b, i) => {
    const x = sx(b.first), w = Math.max(sx(b.last + 1) - x, 1);
    const y = sy(b.offset), h = Math.max(sy(b.offset + b.bytes) - y, 1);
    const color = b.scratchOf !== null ? '#999' : PALETTE[i % PALETTE.length];
    const label = bufferLabel(g, b);
    parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${color}" fill-opacity="0.75" stroke="#333" stroke-width="0.5"><title>${esc(`${label}: ${b.bytes} bytes at ${b.offset}, ops ${b.first}..${b.last}`)}</title></rect>`);
    if (h > 12 && w > 40) parts.push(`<text x="${(x + 3).toFixed(1)}" y="${(y + 11).toFixed(1)}" fill="#fff">${esc(label.length > 18 ? `${label.slice(0, 17)}…` : label)}</text>`);
  });
  const tickEvery = Math.max(1, Math.ceil(steps / 20));
  for (let s = 0; s < steps; s += tickEvery) {
    parts.push(`<text x="${(sx(s) + (sx(s + 1) - sx(s)) / 2).toFixed(1)}" y="${top + ph + 14}" text-anchor="middle">${s}</text>`);
  }
  parts.push(`<text x="${left + pw / 2}" y="${H - 20}" text-anchor="middle">op step</text>`);
  for (let k = 0; k <= 4; k++) {
    const o = Math.round((plan.arenaBytes * k) / 4);
    parts.push(`<text x="${left - 6}" y="${(sy(o) + 4).toFixed(1)}" text-anchor="end">${o}</text>`);
  }
  parts.push(`<text x="16" y="${top + ph / 2}" transform="rotate(-90 16 ${top + ph / 2})" text-anchor="middle">arena offset (bytes)</text>`);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
