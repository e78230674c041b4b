/**
 * Per-channel data of the DSP kernels (mirrors micro-runtime/include/tinyml/dsp.h,
 * tm_dsp_requant): four int32 per output channel
 *   [0] mult   = 2 * multiplier - 2^32 (the SMMLAR form of TFLM's doubling high multiply)
 *   [1] round  = 2^(e-1), or 0 when e == 0
 *   [2] e | left << 8   (e = right shift, left = left shift of the TFLM shift)
 *   [3] bias'  = bias + input_offset * sum of the channel's weights (exact integer arithmetic,
 *                so the kernels multiply raw int8 inputs and the sums stay bit-identical)
 * and the op flags. Returns null when the fast arithmetic cannot be proved exact for every
 * possible input (then the specializer keeps the reference kernel).
 */
import type { Graph, Node, Tensor } from '../../graph';
import { CArray } from '../types';
import { int32Data, int8Data } from '../util';

export const TM_DSP_CH_WORDS = 4;
export const TM_DSP_RQ_GENERAL = 1;
export const TM_DSP_CLAMP = 2;
export const TM_DSP_OFF_FOLDED = 8;
/** Output zero point -128 without general shifts: the kernels may leave out the sign correction (dsp.h). */
export const TM_DSP_NO_SIGN = 16;

export interface ChannelSpec {
  /** Weight values of output channel c: the k values it multiplies (any order). */
  weights: (c: number) => ArrayLike<number>;
  outC: number;
  bias: Int32Array | null;
  /** -input zero point, as in the reference params. */
  inputOffset: number;
  multipliers: ArrayLike<number>;
  shifts: ArrayLike<number>;
  actMin: number;
  actMax: number;
  /** The output zero point: folded into ROUND (TM_DSP_OFF_FOLDED) when no channel can overflow. */
  outputOffset: number;
}

export interface Channels {
  chan: CArray;
  flags: number;
}

const TWO31 = 2 ** 31;
const TWO30 = 2 ** 30;

/** The per-channel words and flags, or null when some channel is outside what the kernels prove exact. */
export function channelData(s: ChannelSpec): Channels | null {
  const words = new Int32Array(s.outC * TM_DSP_CH_WORDS);
  // the largest |x + input_offset| over int8 x
  const xMax = Math.max(Math.abs(-128 + s.inputOffset), Math.abs(127 + s.inputOffset));
  let general = false;
  let foldable = true;
  for (let c = 0; c < s.outC; c++) {
    const w = s.weights(c);
    let sum = 0;
    let absSum = 0;
    for (let i = 0; i < w.length; i++) {
      sum += w[i];
      absSum += Math.abs(w[i]);
    }
    const b = s.bias ? s.bias[c] : 0;
    const m = s.multipliers[c];
    const shift = s.shifts[c];
    const o = c * TM_DSP_CH_WORDS;
    if (m === 0) {
      // TFLM's zero multiplier: the reference gives 0 whatever the accumulator; exact here only
      // when the accumulator is 0 too (all-zero weights, bias dropped).
      if (absSum !== 0) return null;
      words[o] = -TWO31;
      words[o + 1] = 0;
      words[o + 2] = 0;
      words[o + 3] = 0;
      continue;
    }
    if (!Number.isInteger(m) || m < TWO30 || m >= TWO31) return null;
    if (!Number.isInteger(shift) || shift > 31 || shift < -31) return null;
    const left = Math.max(shift, 0);
    let e = Math.max(-shift, 0);
    // bound of the reference accumulator, then of the requantization's intermediates
    const accMax = Math.abs(b) + absSum * xMax;
    const aMax = accMax * 2 ** left;
    if (aMax >= TWO31) return null;
    const vMax = Math.floor((aMax * m) / TWO31) + 1;
    // A channel whose |v| < 2^(e-1) for every input always rounds to 0 (its output is the
    // offset): any smaller e with the same property gives the same results and keeps the
    // rounding constant small enough to fold the offset into.
    const eQuiet = Math.floor(Math.log2(vMax)) + 2;
    if (e > eQuiet && vMax < 2 ** (eQuiet - 1) && vMax < 2 ** (e - 1)) e = eQuiet;
    const round = e > 0 ? 2 ** (e - 1) : 0;
    if (vMax + round + 1 >= TWO31) return null;
    if (left > 0 || e === 0) general = true;
    const folded = round + s.outputOffset * 2 ** e;
    if (Math.abs(folded) >= TWO31 || vMax + Math.abs(folded) + 1 >= TWO31) foldable = false;
    words[o] = (2 * m - 2 ** 32) | 0;
    words[o + 1] = round;
    words[o + 2] = e | (left << 8);
    words[o + 3] = (b + s.inputOffset * sum) | 0;
  }
  let flags = general ? TM_DSP_RQ_GENERAL : 0;
  if (foldable) {
    flags |= TM_DSP_OFF_FOLDED;
    for (let c = 0; c < s.outC; c++) {
      const o = c * TM_DSP_CH_WORDS;
      const e = words[o + 2] & 0xff;
      words[o + 1] = words[o + 1] + s.outputOffset * 2 ** e;
    }
  }
  if (s.actMin > -128 || s.actMax < 127) flags |= TM_DSP_CLAMP;
  if (!general && s.outputOffset === -128) flags |= TM_DSP_NO_SIGN;
  if (s.actMin < -128 || s.actMax > 127 || s.actMin > s.actMax) return null;
  return { chan: new CArray('int32_t', words), flags };
}

/** A constant int8 tensor's values, or null. */
export function constInt8(t: Tensor | null): Int8Array | null {
  return t && t.data && t.dtype === 'int8' ? int8Data(t) : null;
}

/** A constant int32 tensor's values, or null. */
export function constInt32(t: Tensor | null): Int32Array | null {
  return t && t.data && t.dtype === 'int32' ? int32Data(t) : null;
}

/** Tensor k of node n, or null when absent. */
export function tensorAt(g: Graph, n: Node, k: number): Tensor | null {
  const i = n.inputs[k];
  return i === undefined || i < 0 ? null : g.tensors[i];
}

/** Values of a CArray field of reference params. */
export function arrayValues(v: unknown): ArrayLike<number> | null {
  return v instanceof CArray ? v.values : null;
}

export const TM_DSP_WQ_ALL = 4;

const MIN_BUDGET = 4096;
const MAX_BUDGET = 16384;
/** Largest unpacked copy of all weights kept for a whole op (bytes). */
const WQ_ALL_MAX = 8192;

const liveCache = new WeakMap<Graph, { live: number[]; peak: number }>();

/**
 * Activation bytes alive at each op (made before or by it, read by it or later) and their
 * maximum: the arena's lower bound. An op's scratch up to (peak - live) leaves that bound as it is.
 */
function liveness(g: Graph): { live: number[]; peak: number } {
  let r = liveCache.get(g);
  if (r) return r;
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const end = g.nodes.length;
  for (const t of g.inputs) first.set(t, -1);
  g.nodes.forEach((n, i) => {
    for (const t of n.outputs) if (t >= 0 && !first.has(t)) first.set(t, i);
    for (const t of n.inputs) if (t >= 0 && !g.tensors[t].data) last.set(t, Math.max(last.get(t) ?? i, i));
  });
  for (const t of g.outputs) last.set(t, end);
  const live = new Array(end).fill(0);
  for (const [t, f] of first) {
    const l = last.get(t) ?? f;
    for (let i = Math.max(f, 0); i <= Math.min(l, end - 1); i++) live[i] += g.tensors[t].bytes;
  }
  r = { live, peak: Math.max(0, ...live) };
  liveCache.set(g, r);
  return r;
}

/** Scratch bytes op n may use without raising the arena's lower bound (within [4 KB, 16 KB]). */
export function scratchBudget(g: Graph, n: Node): number {
  const { live, peak } = liveness(g);
  // TINYML_DSP_SCRATCH (bytes) fixes the budget: the tests use it to force many small tiles
  const fixed = Number(process.env.TINYML_DSP_SCRATCH ?? NaN);
  if (fixed > 0) return fixed;
  return Math.min(MAX_BUDGET, Math.max(MIN_BUDGET, peak - live[n.index]));
}

export interface GemmPlan {
  tile: number;
  /** TM_DSP_WQ_ALL or 0 */
  flags: number;
  bytes: number;
}

/**
 * Tile and weight unpacking for the matrix-product core (mirrors tm_dsp_gemm_scratch_size):
 * every weight row unpacked once when that is small, else one pair per tile; then as many
 * pixels per tile as the budget allows (at least 8, or all), spread evenly. `extra` is the
 * kernel's own scratch (the im2col patch).
 */
export function gemmPlan(pixels: number, k: number, outC: number, budget: number, extra = 0): GemmPlan {
  const kc = Math.ceil(k / 4);
  const perPixel = kc * 8;
  const allBytes = kc * 8 * outC;
  const all = pixels > 1 && allBytes <= WQ_ALL_MAX && allBytes <= budget / 2;
  const wqBytes = all ? allBytes : kc * 16;
  let tile = Math.max(8, Math.floor((budget - wqBytes - extra) / perPixel));
  if (tile >= pixels) {
    tile = pixels;
  } else {
    const tiles = Math.ceil(pixels / tile);
    tile = Math.ceil(pixels / tiles);
    if (tile % 2 === 1 && tile < pixels) tile += 1;
  }
  return { tile, flags: all ? TM_DSP_WQ_ALL : 0, bytes: tile * perPixel + wqBytes + extra };
}

export const TM_DSP_X2 = 16;

/**
 * TM_DSP_X2 (dsp_gemm.h) when the GEMM may run on doubled weights: every row unpacked once
 * (TM_DSP_WQ_ALL), folded offset, not general, no clamp, an even number of channels, and
 * |2 * accumulator| < 2^31 for every int8 input (the kernels multiply raw int8 values, so
 * |acc| <= |bias'| + 128 * sum |w|). Else 0.
 */
export function x2Flag(chan: CArray, weights: (c: number) => ArrayLike<number>, outC: number, flags: number): number {
  const need = TM_DSP_WQ_ALL | TM_DSP_OFF_FOLDED;
  if ((flags & (need | TM_DSP_RQ_GENERAL | TM_DSP_CLAMP)) !== need || outC % 2 !== 0) return 0;
  for (let c = 0; c < outC; c++) {
    const w = weights(c);
    let absSum = 0;
    for (let i = 0; i < w.length; i++) absSum += Math.abs(w[i]);
    const bias = chan.values[c * TM_DSP_CH_WORDS + 3];
    if (2 * (Math.abs(bias) + 128 * absSum) >= TWO31) return 0;
  }
  return TM_DSP_X2;
}

/** Bytes of the general convolution's im2col patch (mirrors tm_conv2d_s8_dsp_scratch_size). */
export function patchBytes(k: number): number {
  return Math.ceil(k / 4) * 4 + 4;
}
