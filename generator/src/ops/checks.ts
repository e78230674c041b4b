/** Spec pieces shared by op modules: type lists, shape checks, the common unary and binary specs. */
import type { Node, Tensor } from '../graph';
import { OpSpec, OptionField } from './types';

/** int8 and float32: what most kernels take. */
export const Q = ['int8', 'float32'];

/** The fused-activation option field at `slot`. */
export const activationField = (slot: number): OptionField => ({ name: 'activation', slot, kind: 'i8', dflt: 0 });

export function shp(t: Tensor | null): string {
  return t ? `[${t.shape.join(',')}]` : '(none)';
}

function convOut(inSize: number, k: number, stride: number, dilation: number, padding: number): number {
  const eff = (k - 1) * dilation + 1;
  return padding === 0 ? Math.ceil(inSize / stride) : Math.floor((inSize - eff + stride) / stride);
}

/** Strides, dilations, padding and the NHWC output size of a sliding-window op. */
export function checkWindow(n: Node, input: Tensor, out: Tensor, kh: number, kw: number): string | null {
  const o = n.options;
  const sh = o.strideH as number, sw = o.strideW as number;
  const dh = (o.dilationH as number | undefined) ?? 1, dw = (o.dilationW as number | undefined) ?? 1;
  if (!(sh > 0 && sw > 0)) return `strides must be positive (got ${sh}x${sw})`;
  if (!(dh > 0 && dw > 0)) return `dilations must be positive (got ${dh}x${dw})`;
  if (o.padding !== 0 && o.padding !== 1) return `padding ${o.padding} is neither SAME nor VALID`;
  if (input.shape.length !== 4 || out.shape.length !== 4) return `expects 4-D input and output, got ${shp(input)} -> ${shp(out)}`;
  const eh = convOut(input.shape[1], kh, sh, dh, o.padding as number);
  const ew = convOut(input.shape[2], kw, sw, dw, o.padding as number);
  if (out.shape[1] !== eh || out.shape[2] !== ew || out.shape[0] !== input.shape[0]) {
    return `output shape ${shp(out)} does not match input ${shp(input)} with a ${kh}x${kw} window (expected [${input.shape[0]},${eh},${ew},...])`;
  }
  return null;
}

function broadcastable(a: number[], b: number[], out: number[]): boolean {
  const r = Math.max(a.length, b.length);
  if (out.length !== r) return false;
  for (let i = 0; i < r; i++) {
    const x = a[a.length - r + i] ?? 1, y = b[b.length - r + i] ?? 1;
    const o = out[i];
    if (!((x === o || x === 1) && (y === o || y === 1) && (x === o || y === o))) return false;
  }
  return true;
}

/** Two inputs that broadcast to the output, one operation per output element. */
export const binarySpec: OpSpec = {
  inputs: [2, 2],
  types: Q,
  check: (_n, t, out) => {
    const a = t(0)!, b = t(1)!;
    return broadcastable(a.shape, b.shape, out.shape) ? null : `shapes ${shp(a)} and ${shp(b)} do not broadcast to ${shp(out)}`;
  },
  macs: (_n, _t, out) => out.elements,
};

/** One input with the output's element count, one operation per element. */
export const unarySpec = (types = Q, extra: Partial<OpSpec> = {}): OpSpec => ({
  inputs: [1, 1],
  types,
  check: (_n, t, out) => (t(0)!.elements === out.elements ? null : `input ${shp(t(0))} and output ${shp(out)} differ in size`),
  macs: (_n, _t, out) => out.elements,
  ...extra,
});

/** Data movement keeping the element count (RESHAPE, SQUEEZE, EXPAND_DIMS). */
export const sameCountSpec = (min: number, max: number, constInputs: number[] = []): OpSpec => ({
  inputs: [min, max],
  constInputs,
  types: [...Q, 'int16', 'int32', 'uint8', 'bool', 'int64'],
  check: (_n, t, out) => (t(0)!.elements === out.elements ? null : `input ${shp(t(0))} and output ${shp(out)} differ in element count`),
  macs: () => 0,
});
