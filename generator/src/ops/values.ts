/**
 * Element values of constant tensors as plain numbers, and back to little-endian bytes: what the
 * op modules' `fold` functions compute with. int64 values beyond 2^53 are refused (null) rather
 * than rounded. Used only at generation time.
 */
import type { Tensor } from '../graph';

/** The tensor's constant values, or null (no data, or a type or value folding does not handle). */
export function constValues(t: Tensor): number[] | null {
  if (!t.data) return null;
  const d = new Uint8Array(t.data); // aligned copy
  const v = new DataView(d.buffer);
  const n = t.elements;
  const out = new Array<number>(n);
  switch (t.dtype) {
    case 'int8': for (let i = 0; i < n; i++) out[i] = v.getInt8(i); break;
    case 'uint8': case 'bool': for (let i = 0; i < n; i++) out[i] = v.getUint8(i); break;
    case 'int16': for (let i = 0; i < n; i++) out[i] = v.getInt16(2 * i, true); break;
    case 'uint16': for (let i = 0; i < n; i++) out[i] = v.getUint16(2 * i, true); break;
    case 'int32': for (let i = 0; i < n; i++) out[i] = v.getInt32(4 * i, true); break;
    case 'uint32': for (let i = 0; i < n; i++) out[i] = v.getUint32(4 * i, true); break;
    case 'float32': for (let i = 0; i < n; i++) out[i] = v.getFloat32(4 * i, true); break;
    case 'int64':
      for (let i = 0; i < n; i++) {
        const x = Number(v.getBigInt64(8 * i, true));
        if (!Number.isSafeInteger(x)) return null;
        out[i] = x;
      }
      break;
    default: return null;
  }
  return out;
}

/** Integer types and the range of each (values outside wrap as C's conversion does on two's complement). */
const INT_BITS: Record<string, { bits: number; signed: boolean }> = {
  int8: { bits: 8, signed: true }, uint8: { bits: 8, signed: false }, int16: { bits: 16, signed: true },
  uint16: { bits: 16, signed: false }, int32: { bits: 32, signed: true }, uint32: { bits: 32, signed: false },
};

export function isIntegerType(dtype: string): boolean {
  return dtype in INT_BITS || dtype === 'int64';
}

/** Wraps an integer into a C integer type's range (two's complement). */
export function wrapInt(dtype: string, x: number): number {
  const t = INT_BITS[dtype];
  if (!t) return x;
  const m = 2 ** t.bits;
  let r = ((x % m) + m) % m;
  if (t.signed && r >= m / 2) r -= m;
  return r;
}

/** Little-endian bytes of `values` as `dtype`, or null for a type (or int64 value) not handled. */
export function valuesBytes(dtype: string, values: number[]): Uint8Array | null {
  const size: Record<string, number> = { int8: 1, uint8: 1, bool: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, float32: 4, int64: 8 };
  const s = size[dtype];
  if (!s) return null;
  const out = new Uint8Array(values.length * s);
  const v = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    switch (dtype) {
      case 'int8': v.setInt8(i, x); break;
      case 'uint8': v.setUint8(i, x); break;
      case 'bool': v.setUint8(i, x ? 1 : 0); break;
      case 'int16': v.setInt16(2 * i, x, true); break;
      case 'uint16': v.setUint16(2 * i, x, true); break;
      case 'int32': v.setInt32(4 * i, x, true); break;
      case 'uint32': v.setUint32(4 * i, x, true); break;
      case 'float32': v.setFloat32(4 * i, x, true); break;
      case 'int64':
        if (!Number.isSafeInteger(x)) return null;
        v.setBigInt64(8 * i, BigInt(x), true);
        break;
    }
  }
  return out;
}

/**
 * Gathers elements by a 5-D walk: output element (i0..i4) < count reads input element
 * offset + sum(i_d * step_d), as the strided-slice and transpose kernels do.
 */
export function gather5(values: number[], count: number[], step: number[], offset: number): number[] {
  const out: number[] = [];
  for (let a = 0; a < count[0]; a++)
    for (let b = 0; b < count[1]; b++)
      for (let c = 0; c < count[2]; c++)
        for (let d = 0; d < count[3]; d++)
          for (let e = 0; e < count[4]; e++) {
            out.push(values[offset + a * step[0] + b * step[1] + c * step[2] + d * step[3] + e * step[4]]);
          }
  return out;
}

/** Concatenates byte runs: `outer` times, run k (runs[k] bytes) of each input k in turn. */
export function concatBytes(outer: number, runs: number[], inputs: Uint8Array[]): Uint8Array {
  const total = runs.reduce((a, b) => a + b, 0) * outer;
  const out = new Uint8Array(total);
  let at = 0;
  for (let o = 0; o < outer; o++) {
    inputs.forEach((x, k) => {
      out.set(x.subarray(o * runs[k], (o + 1) * runs[k]), at);
      at += runs[k];
    });
  }
  return out;
}

/** The numbers a CStruct field holds (a number array or a CArray's values). */
export function fieldNumbers(v: unknown): number[] {
  if (Array.isArray(v)) return v.map(Number);
  if (v && typeof v === 'object' && 'values' in v) return Array.from((v as { values: ArrayLike<number> }).values);
  throw new Error('not a number array');
}
