/**
 * Quantization parameters computed the way TensorFlow Lite Micro computes them in its prepare
 * step, so the C kernels (micro-runtime/include/tinyml/quant.h) give bit-identical results.
 * Float32 steps are emulated with Math.fround where TFLM computes in float.
 */

/** std::round: half away from zero. */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** std::frexp: x = m * 2^e with 0.5 <= |m| < 1. */
export function frexp(x: number): { m: number; e: number } {
  if (x === 0 || !Number.isFinite(x)) return { m: x, e: 0 };
  let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
  let m = x * Math.pow(2, -e);
  // Correct for rounding in log2 near powers of two.
  while (Math.abs(m) < 0.5) { m *= 2; e -= 1; }
  while (Math.abs(m) >= 1) { m /= 2; e += 1; }
  return { m, e };
}

/** TFLM QuantizeMultiplier: a double to a Q31 multiplier and a power-of-two shift. */
export function quantizeMultiplier(real: number): { multiplier: number; shift: number } {
  if (real === 0) return { multiplier: 0, shift: 0 };
  const { m, e } = frexp(real);
  let shift = e;
  // m * 2^31 is exact in double (m has 53 bits), so rounding here matches C++.
  let q = roundHalfAway(m * 2147483648);
  if (q > 2147483648) throw new Error(`quantizeMultiplier: ${real} overflowed`);
  if (q === 2147483648) { q /= 2; shift += 1; }
  if (shift < -31) { shift = 0; q = 0; }
  return { multiplier: q, shift };
}

/**
 * TFLM QuantizeMultiplierSmallerThanOneExp: the shift is returned as a (non-positive) left shift.
 * Same numbers as quantizeMultiplier for multipliers below one.
 */
export function quantizeMultiplierSmallerThanOne(real: number): { multiplier: number; shift: number } {
  if (!(real < 1 && real > 0)) throw new Error(`multiplier ${real} is not in (0, 1)`);
  return quantizeMultiplier(real);
}

/** Quantizes one float value the way TFLM's activation-range helper does (float division, std::round). */
export function quantizeValue(f: number, scale: number, zeroPoint: number): number {
  const tmp = roundHalfAway(Math.fround(Math.fround(f) / Math.fround(scale)));
  return zeroPoint + Math.trunc(tmp);
}

export const INT8_RANGE = { min: -128, max: 127 };
export const INT16_RANGE = { min: -32768, max: 32767 };

/** Fused activation codes (ActivationFunctionType). */
export const ACT_NONE = 0, ACT_RELU = 1, ACT_RELU_N1_TO_1 = 2, ACT_RELU6 = 3;

/** TFLM CalculateActivationRangeQuantized, for an int8 (or int16) output. */
export function activationRangeQuantized(
  act: number, scale: number, zeroPoint: number, range = INT8_RANGE,
): { min: number; max: number } {
  const q = (f: number) => quantizeValue(f, scale, zeroPoint);
  switch (act) {
    case ACT_NONE: return { ...range };
    case ACT_RELU: return { min: Math.max(range.min, q(0)), max: range.max };
    case ACT_RELU6: return { min: Math.max(range.min, q(0)), max: Math.min(range.max, q(6)) };
    case ACT_RELU_N1_TO_1: return { min: Math.max(range.min, q(-1)), max: Math.min(range.max, q(1)) };
    default: throw new Error(`fused activation ${act} is not supported`);
  }
}

/** TFLM CalculateActivationRange for float outputs. */
export function activationRangeFloat(act: number): { min: number; max: number } {
  const FLT_MAX = 3.4028234663852886e38;
  switch (act) {
    case ACT_NONE: return { min: -FLT_MAX, max: FLT_MAX };
    case ACT_RELU: return { min: 0, max: FLT_MAX };
    case ACT_RELU6: return { min: 0, max: 6 };
    case ACT_RELU_N1_TO_1: return { min: -1, max: 1 };
    default: throw new Error(`fused activation ${act} is not supported`);
  }
}

/**
 * Per-channel multipliers for CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED
 * (TFLM PopulateConvolutionQuantizationParams: double(input) * double(filter[c]) / double(output)).
 */
export function perChannelMultipliers(
  inputScale: number, filterScales: number[], outputScale: number, channels: number,
): { multipliers: number[]; shifts: number[] } {
  const multipliers: number[] = [];
  const shifts: number[] = [];
  for (let c = 0; c < channels; c++) {
    const fs = filterScales.length > 1 ? filterScales[c] : filterScales[0];
    const q = quantizeMultiplier((inputScale * fs) / outputScale);
    multipliers.push(q.multiplier);
    shifts.push(q.shift);
  }
  return { multipliers, shifts };
}
