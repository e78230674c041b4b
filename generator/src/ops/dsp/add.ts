/**
 * ADD int8 (same shapes) → the DSP kernel (micro-runtime/include/tinyml/kernels/dsp_add.h).
 *
 * TFLM's ADD rescales each input alone: s_k(x) = MultiplyByQuantizedMultiplierSmallerThanOneExp(
 * (x + offset_k) << 20, ...), a function of one int8 value, then requantizes s1 + s2. The input
 * with the larger scale has the multiplier 1/2 exactly, so its term is (x + offset) << 19; the
 * other one's 256 values go in a table. The kernel computes, per element, with t the table
 * input's byte and y the other input's:
 *   s2 = table[t & 0xff] + (y << 20)          (= 2 * (s1 + s2); the table holds 2 * s_t + offset_y << 20)
 *   v  = SMMLAR(s2, mult, round)              (= round + SaturatingRoundingDoublingHighMul(s, mult))
 *   r  = (v [+ (s2 >> 31)]) >> shift           (RoundingDivideByPOT with the offset folded in round)
 *   out = clamp(ssat8(r))
 * Every output is checked here against the reference arithmetic for all 65536 input pairs
 * (BigInt), once without the sign correction (TM_DSP_NO_SIGN) and once with it; when neither
 * matches everywhere the reference kernel is kept. The reference is also kept for broadcasting,
 * and when output_offset * 2^shift does not fit an int32 (an output scale some 16 times the
 * inputs' or more).
 */
import { CArray, CStruct, PreparedOp, Specializer } from '../types';
import { TM_DSP_CLAMP, TM_DSP_NO_SIGN } from './channels';

const B31 = 1n << 31n;

/** TFLM SaturatingRoundingDoublingHighMul (no saturation case: b > 0). */
function srdhm(a: bigint, b: bigint): bigint {
  const ab = a * b;
  const nudge = ab >= 0n ? 1n << 30n : 1n - (1n << 30n);
  return (ab + nudge) / B31; // BigInt division truncates, as C's
}

/** TFLM RoundingDivideByPOT. */
function rdbpot(x: bigint, e: number): bigint {
  const mask = (1n << BigInt(e)) - 1n;
  const rem = x & mask;
  const threshold = (mask >> 1n) + (x < 0n ? 1n : 0n);
  return (x >> BigInt(e)) + (rem > threshold ? 1n : 0n);
}

/** MultiplyByQuantizedMultiplierSmallerThanOneExp (shift <= 0). */
function rescale(x: bigint, m: number, shift: number): bigint {
  return rdbpot(srdhm(x, BigInt(m)), -shift);
}

const int32 = (v: bigint): boolean => v >= -B31 && v < B31;

/** Mirrors the TM_DSP_ADD_* flags of dsp_add.h. */
export const TM_DSP_ADD_SWAP = 1;

/** The int8 reference kernel (tm_eval_add_s8) → its DSP kernel, or the reference kept. */
export const addDsp: Specializer = (p, g, n): PreparedOp => {
  if (g.tensors[n.inputs[0]].dtype !== 'int8') return p;
  const params = p.params as CStruct;
  const bc = params.bc as CStruct;
  if (bc.broadcast !== 0) return p; // broadcasting: the reference walk
  const ls = BigInt(params.left_shift as number);
  const outShift = params.output_shift as number;
  const outMult = params.output_multiplier as number;
  const actMin = params.act_min as number, actMax = params.act_max as number;
  const outOff = params.output_offset as number;
  if (actMin < -128 || actMax > 127 || actMin > actMax) return p;
  if (outShift > 0 || outShift < -31 || outMult < 2 ** 30 || outMult >= 2 ** 31) return p;
  const term = (k: 1 | 2) => {
    const off = params[`input${k}_offset`] as number;
    const m = params[`input${k}_multiplier`] as number;
    const sh = params[`input${k}_shift`] as number;
    return Array.from({ length: 256 }, (_, i) => rescale((BigInt(i - 128) + BigInt(off)) << ls, m, sh));
  };
  const s1 = term(1), s2 = term(2);
  // the linear input: its term is (y + offset) << 19 for every y
  const linear = (s: bigint[]) => {
    const off = s[128] >> 19n;
    return s.every((v, i) => v === (BigInt(i - 128) + off) << 19n) ? off : null;
  };
  const lin2 = linear(s2), lin1 = linear(s1);
  const swap = lin2 === null;
  if (swap && lin1 === null) return p;
  const [st, linOff] = swap ? [s2, lin1!] : [s1, lin2!];
  // table indexed by the table input's byte (x & 0xff)
  const table = new Int32Array(256);
  for (let u = 0; u < 256; u++) {
    const v = 2n * st[(u + 128) & 255] + (linOff << 20n);
    if (!int32(v)) return p;
    table[u] = Number(v);
  }
  const e = -outShift;
  const round = (e > 0 ? 1n << BigInt(e - 1) : 0n) + (BigInt(outOff) << BigInt(e));
  if (!int32(round)) return p;
  const mult = BigInt(outMult);
  const ref = new Int8Array(65536);
  for (let i = 0; i < 256; i++) {
    for (let j = 0; j < 256; j++) {
      const raw = Number(rescale(s1[i] + s2[j], outMult, outShift)) + outOff;
      ref[i * 256 + j] = Math.min(Math.max(raw, actMin), actMax);
    }
  }
  const fast = (sign: boolean): boolean => {
    for (let t = 0; t < 256; t++) {
      const tv = BigInt(table[(t + 128) & 255]);
      for (let y = 0; y < 256; y++) {
        const s = tv + (BigInt(y - 128) << 20n);
        if (!int32(s)) return false;
        // SMMLAR: (round * 2^32 + s * mult + 2^31) >> 32, modulo 2^64
        const v = BigInt.asIntN(64, (round << 32n) + s * mult + B31) >> 32n;
        // ADD (wrapping), ASR
        const r = BigInt.asIntN(32, v + (sign && s < 0n ? -1n : 0n)) >> BigInt(e);
        let o = Number(r);
        o = o < -128 ? -128 : o > 127 ? 127 : o;
        o = Math.min(Math.max(o, actMin), actMax);
        const [i1, i2] = swap ? [y, t] : [t, y];
        if (ref[i1 * 256 + i2] !== o) return false;
      }
    }
    return true;
  };
  let flags = 0;
  if (fast(false)) flags |= TM_DSP_NO_SIGN;
  else if (!fast(true)) return p;
  if (swap) flags |= TM_DSP_ADD_SWAP;
  if (actMin > -128 || actMax < 127) flags |= TM_DSP_CLAMP;
  return {
    ...p,
    eval: 'tm_eval_add_s8_dsp',
    headers: ['tinyml/kernels/dsp_add.h'],
    sources: ['src/kernels/dsp/add_s8_dsp.c'],
    paramsType: 'tm_add_s8_dsp_params',
    params: { ref: params, table: new CArray('int32_t', table), mult: Number(BigInt.asIntN(32, mult)), round: Number(round), shift: e, flags },
    scratchBytes: 0,
  };
};
