/*
 * The few Armv7E-M DSP-extension instructions the fast int8 kernels use, as static inline
 * functions. With __ARM_FEATURE_DSP (Cortex-M4, M7, M33, M55) they are the real instructions;
 * elsewhere (the host build, Cortex-M0+/M3) a portable C version with identical results, so the
 * same kernels build and are tested on the host.
 *
 * Lane conventions: a "q15 pair" is a 32-bit word holding two int16 values, lane 0 in bits 15:0
 * and lane 1 in bits 31:16. Four int8 values b0 b1 b2 b3 (b0 at the lowest address) unpack into
 * the pairs (b0, b2) = tm_sxtb16(w) and (b1, b3) = tm_sxtb16_ror8(w). The kernels unpack both
 * operands of a dot product this same way, so the lanes line up without any PKHBT.
 *
 * Also here: the exact requantization every DSP kernel shares (tm_dsp_requant), see below.
 */
#ifndef TINYML_DSP_H
#define TINYML_DSP_H

#include <stdint.h>
#include <string.h>

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
#define TM_DSP_NATIVE 1
#else
#define TM_DSP_NATIVE 0
#endif

#if defined(__GNUC__)
#define TM_DSP_INLINE static inline __attribute__((always_inline))
#else
#define TM_DSP_INLINE static inline
#endif

/* 32-bit load and store at any alignment (LDR/STR on Cortex-M4/M7/M33, which allow it). */
TM_DSP_INLINE uint32_t tm_load32(const void *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

TM_DSP_INLINE void tm_store32(void *p, uint32_t v) { memcpy(p, &v, 4); }

#if TM_DSP_NATIVE

/* (sext(byte0), sext(byte2)) */
TM_DSP_INLINE uint32_t tm_sxtb16(uint32_t x) {
  uint32_t r;
  __asm__("sxtb16 %0, %1" : "=r"(r) : "r"(x));
  return r;
}

/* (sext(byte1), sext(byte3)) */
TM_DSP_INLINE uint32_t tm_sxtb16_ror8(uint32_t x) {
  uint32_t r;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
  return r;
}

/* acc + x.lo * y.lo + x.hi * y.hi (wrapping modulo 2^32) */
TM_DSP_INLINE int32_t tm_smlad(uint32_t x, uint32_t y, int32_t acc) {
  int32_t r;
  __asm__("smlad %0, %1, %2, %3" : "=r"(r) : "r"(x), "r"(y), "r"(acc));
  return r;
}

/* (acc * 2^32 + a * b + 2^31) >> 32 */
TM_DSP_INLINE int32_t tm_smmlar(int32_t a, int32_t b, int32_t acc) {
  int32_t r;
  __asm__("smmlar %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
  return r;
}

/* Saturate to [-128, 127]. */
TM_DSP_INLINE int32_t tm_ssat8(int32_t x) {
  int32_t r;
  __asm__("ssat %0, #8, %1" : "=r"(r) : "r"(x));
  return r;
}

/* Saturate to [-32768, 32767]. */
TM_DSP_INLINE int32_t tm_ssat16(int32_t x) {
  int32_t r;
  __asm__("ssat %0, #16, %1" : "=r"(r) : "r"(x));
  return r;
}

/* Lane-wise 16-bit add, wrapping: (x.lo + y.lo, x.hi + y.hi). */
TM_DSP_INLINE uint32_t tm_sadd16(uint32_t x, uint32_t y) {
  uint32_t r;
  __asm__("sadd16 %0, %1, %2" : "=r"(r) : "r"(x), "r"(y));
  return r;
}

/* (x.lo, y.lo): PKHBT x, y, LSL #16 */
TM_DSP_INLINE uint32_t tm_pack_lo(uint32_t x, uint32_t y) {
  uint32_t r;
  __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(r) : "r"(x), "r"(y));
  return r;
}

/* (x.hi, y.hi): PKHTB y, x, ASR #16 */
TM_DSP_INLINE uint32_t tm_pack_hi(uint32_t x, uint32_t y) {
  uint32_t r;
  __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(r) : "r"(y), "r"(x));
  return r;
}

#else /* portable C, identical results */

TM_DSP_INLINE uint32_t tm_sxtb16(uint32_t x) {
  const uint32_t lo = (uint32_t)(int32_t)(int8_t)(x & 0xffu) & 0xffffu;
  const uint32_t hi = (uint32_t)(int32_t)(int8_t)((x >> 16) & 0xffu) & 0xffffu;
  return lo | (hi << 16);
}

TM_DSP_INLINE uint32_t tm_sxtb16_ror8(uint32_t x) { return tm_sxtb16((x >> 8) | (x << 24)); }

TM_DSP_INLINE int32_t tm_smlad(uint32_t x, uint32_t y, int32_t acc) {
  const int32_t p0 = (int32_t)(int16_t)(x & 0xffffu) * (int32_t)(int16_t)(y & 0xffffu);
  const int32_t p1 = (int32_t)(int16_t)(x >> 16) * (int32_t)(int16_t)(y >> 16);
  return (int32_t)((uint32_t)acc + (uint32_t)p0 + (uint32_t)p1);
}

TM_DSP_INLINE int32_t tm_smmlar(int32_t a, int32_t b, int32_t acc) {
  /* modulo 2^64, then bits 63:32, exactly as the instruction */
  const uint64_t v = ((uint64_t)(uint32_t)acc << 32) + (uint64_t)((int64_t)a * b) + 0x80000000u;
  return (int32_t)(uint32_t)(v >> 32);
}

TM_DSP_INLINE int32_t tm_ssat8(int32_t x) { return x < -128 ? -128 : (x > 127 ? 127 : x); }

TM_DSP_INLINE int32_t tm_ssat16(int32_t x) {
  return x < -32768 ? -32768 : (x > 32767 ? 32767 : x);
}

TM_DSP_INLINE uint32_t tm_sadd16(uint32_t x, uint32_t y) {
  return ((x + y) & 0xffffu) | (((x >> 16) + (y >> 16)) << 16);
}

TM_DSP_INLINE uint32_t tm_pack_lo(uint32_t x, uint32_t y) { return (x & 0xffffu) | (y << 16); }

TM_DSP_INLINE uint32_t tm_pack_hi(uint32_t x, uint32_t y) { return (x >> 16) | (y & 0xffff0000u); }

#endif

/* Arithmetic shift right of a signed value (what every supported compiler does for >>). */
TM_DSP_INLINE int32_t tm_asr(int32_t x, int s) { return x >> s; }

/*
 * Exact requantization in four instructions (SMMLAR, ADD, ADD with ASR #31, ASR).
 *
 * The reference (quant.h) computes, for an accumulator a (already shifted left when the shift
 * is positive) and a multiplier m in [2^30, 2^31):
 *   v = SaturatingRoundingDoublingHighMul(a, m) = floor((a*m + 2^30) / 2^31)
 *       (the nudge and truncating division of the reference both round this way; the saturating
 *        case needs m = INT32_MIN and cannot happen)
 *   r = RoundingDivideByPOT(v, e) = floor((v + 2^(e-1) - [v < 0]) / 2^e)       (e >= 1)
 * With mult = 2m - 2^32 (which fits an int32), a*2m = a*mult + a*2^32, so
 *   v = (a*2^32 + a*mult + 2^31) >> 32 = SMMLAR(a, mult, a)
 * and [v < 0] = [a < 0] for every m in [2^30, 2^31) (the one exception, a = -1 with m = 2^30,
 * gives v = 0 where either correction rounds to the same result).
 *
 * Per output channel the generator stores four int32 (TM_DSP_CH_* word indices):
 *   MULT   2m - 2^32
 *   ROUND  2^(e-1) (0 when e == 0)
 *   SHIFT  e | left << 8
 *   BIAS   the accumulator's start: bias + input_offset * sum of the channel's weights, so the
 *          kernels multiply raw int8 inputs (padding taps hold the input zero point)
 * The generator only uses these kernels when it has proved that no intermediate overflows
 * (|v| + round < 2^31 for every possible accumulator); otherwise it keeps the reference kernel.
 * A channel with multiplier 0 (all-zero weights) gets bias 0, so a = v = 0 as required.
 *
 * `general` (a constant at each call site) adds the positive-shift case: a = acc << left, and
 * for e == 0 no sign correction.
 */
#define TM_DSP_CH_WORDS 4
#define TM_DSP_CH_MULT 0
#define TM_DSP_CH_ROUND 1
#define TM_DSP_CH_SHIFT 2
#define TM_DSP_CH_BIAS 3

TM_DSP_INLINE int32_t tm_dsp_requant(int32_t acc, const int32_t *ch, int general) {
  if (!general) {
    const int32_t v = tm_smmlar(acc, ch[TM_DSP_CH_MULT], acc);
    return tm_asr(v + ch[TM_DSP_CH_ROUND] + tm_asr(acc, 31), ch[TM_DSP_CH_SHIFT]);
  } else {
    const int e = ch[TM_DSP_CH_SHIFT] & 0xff;
    const int32_t a = (int32_t)((uint32_t)acc << (ch[TM_DSP_CH_SHIFT] >> 8));
    const int32_t v = tm_smmlar(a, ch[TM_DSP_CH_MULT], a);
    return tm_asr(v + ch[TM_DSP_CH_ROUND] + (e != 0 ? tm_asr(a, 31) : 0), e);
  }
}

/* Op flags shared by the DSP kernels' params (set by the generator). */
#define TM_DSP_RQ_GENERAL 1 /* some channel shifts left or has e == 0 with a multiplier */
#define TM_DSP_OFF_FOLDED 8 /* ROUND includes output_offset << e (the kernels add no offset) */
#define TM_DSP_CLAMP 2      /* the activation range is narrower than [-128, 127] */
/* The output zero point is -128 and no shift is general: then the sign correction can be left
 * out. For a < 0 (so v <= 0) both roundings give r <= 0, and r + (-128) saturates to -128 either
 * way; for a >= 0 the correction is 0. */
#define TM_DSP_NO_SIGN 16

/* requantized value + output offset, clamped to [act_min, act_max] */
TM_DSP_INLINE int32_t tm_dsp_out(int32_t r, int32_t offset, int32_t lo, int32_t hi, int clamp) {
  int32_t t = tm_ssat8(r + offset);
  if (clamp) {
    if (t < lo) t = lo;
    if (t > hi) t = hi;
  }
  return t;
}

/*
 * int8 -> q15 unpacking of one row of k values into chunks of four: each chunk becomes the two
 * words (b0, b2), (b1, b3), written at dst[0], dst[1], then dst advances by `step` words (2 for a
 * plain row, 4 when two rows are interleaved chunk by chunk). The last chunk is padded with
 * `pad` bytes.
 */
#if TM_DSP_NATIVE && defined(__thumb2__) && defined(__OPTIMIZE__)
/* n >= 1 chunks, dst advancing `bytes` (8 or 16) per chunk. */
#define TM_DSP_Q15_LOOP(bytes)                                                                  \
  __asm__ volatile(                                                                             \
      "tst %[n], #1\n\t"                                                                        \
      "beq 1f\n\t"                                                                              \
      "ldr %[u], [%[s]], #4\n\t"                                                                \
      "sxtb16 %[a], %[u]\n\t"                                                                   \
      "sxtb16 %[b], %[u], ror #8\n\t"                                                           \
      "strd %[a], %[b], [%[d]], #" #bytes "\n"                                                  \
      "1:\n\t"                                                                                  \
      "lsrs %[n], %[n], #1\n\t"                                                                 \
      "beq 3f\n"                                                                                \
      "2:\n\t"                                                                                  \
      "ldr %[u], [%[s]], #4\n\t"                                                                \
      "ldr %[v], [%[s]], #4\n\t"                                                                \
      "sxtb16 %[a], %[u]\n\t"                                                                   \
      "sxtb16 %[b], %[u], ror #8\n\t"                                                           \
      "strd %[a], %[b], [%[d]], #" #bytes "\n\t"                                                \
      "sxtb16 %[a], %[v]\n\t"                                                                   \
      "sxtb16 %[b], %[v], ror #8\n\t"                                                           \
      "strd %[a], %[b], [%[d]], #" #bytes "\n\t"                                                \
      "subs %[n], %[n], #1\n\t"                                                                 \
      "bne 2b\n"                                                                                \
      "3:\n"                                                                                    \
      : [s] "+r"(src), [d] "+r"(dst), [n] "+r"(i), [u] "=&r"(u), [v] "=&r"(v), [a] "=&r"(a), \
        [b] "=&r"(b)                                                                            \
      :                                                                                         \
      : "cc", "memory")
#endif

TM_DSP_INLINE void tm_dsp_q15_row(const int8_t *src, int32_t k, uint32_t *dst, int32_t step,
                                  int8_t pad) {
  int32_t i = k >> 2;
#if TM_DSP_NATIVE && defined(__thumb2__) && defined(__OPTIMIZE__)
  if (i > 0) {
    uint32_t u, v, a, b;
    if (step == 4) TM_DSP_Q15_LOOP(16); else TM_DSP_Q15_LOOP(8);
  }
#else
  while (i-- > 0) {
    const uint32_t w = tm_load32(src);
    src += 4;
    dst[0] = tm_sxtb16(w);
    dst[1] = tm_sxtb16_ror8(w);
    dst += step;
  }
#endif
  if (k & 3) {
    uint8_t b4[4];
    int32_t j;
    for (j = 0; j < 4; ++j) b4[j] = (uint8_t)(j < (k & 3) ? src[j] : pad);
    {
      const uint32_t w = tm_load32(b4);
      dst[0] = tm_sxtb16(w);
      dst[1] = tm_sxtb16_ror8(w);
    }
  }
}

/*
 * The matrix-product inner loop: 2 pixels x 2 channels over kc chunks of four values.
 * x: a pixel pair's chunks, 4 words each (p0 (x0,x2) (x1,x3), p1 (x0,x2) (x1,x3));
 * w: a channel pair's chunks, 4 words each (c0 (w0,w2) (w1,w3), c1 ...). kc >= 1.
 * a[0] += p0.c0, a[1] += p0.c1, a[2] += p1.c0, a[3] += p1.c1. On Arm: per chunk one LDM, two
 * LDRD and eight SMLAD (16 MACs), two chunks per loop iteration.
 */
TM_DSP_INLINE void tm_dsp_dot_2x2(const uint32_t *x, const uint32_t *w, int32_t kc, int32_t *a) {
#if TM_DSP_NATIVE && defined(__thumb2__) && defined(__OPTIMIZE__)
  int32_t a00 = a[0], a01 = a[1], a10 = a[2], a11 = a[3];
  uint32_t wa, wb;
#define TM_DSP_CHUNK_2X2                            \
  "ldm %[x]!, {r4, r5, r6, r8}\n\t"                 \
  "ldrd %[wa], %[wb], [%[w]], #8\n\t"               \
  "smlad %[a00], r4, %[wa], %[a00]\n\t"             \
  "smlad %[a00], r5, %[wb], %[a00]\n\t"             \
  "smlad %[a10], r6, %[wa], %[a10]\n\t"             \
  "smlad %[a10], r8, %[wb], %[a10]\n\t"             \
  "ldrd %[wa], %[wb], [%[w]], #8\n\t"               \
  "smlad %[a01], r4, %[wa], %[a01]\n\t"             \
  "smlad %[a01], r5, %[wb], %[a01]\n\t"             \
  "smlad %[a11], r6, %[wa], %[a11]\n\t"             \
  "smlad %[a11], r8, %[wb], %[a11]\n\t"
  __asm__ volatile(
      "tst %[n], #1\n\t"
      "beq 1f\n\t"
      TM_DSP_CHUNK_2X2
      "1:\n\t"
      "lsrs %[n], %[n], #1\n\t"
      "beq 3f\n"
      "2:\n\t"
      TM_DSP_CHUNK_2X2
      TM_DSP_CHUNK_2X2
      "subs %[n], %[n], #1\n\t"
      "bne 2b\n"
      "3:\n"
      : [a00] "+r"(a00), [a01] "+r"(a01), [a10] "+r"(a10), [a11] "+r"(a11), [x] "+r"(x),
        [w] "+r"(w), [n] "+r"(kc), [wa] "=&r"(wa), [wb] "=&r"(wb)
      :
      : "r4", "r5", "r6", "r8", "cc", "memory");
#undef TM_DSP_CHUNK_2X2
  a[0] = a00;
  a[1] = a01;
  a[2] = a10;
  a[3] = a11;
#else
  int32_t a00 = a[0], a01 = a[1], a10 = a[2], a11 = a[3];
  do {
    a00 = tm_smlad(x[0], w[0], a00);
    a00 = tm_smlad(x[1], w[1], a00);
    a10 = tm_smlad(x[2], w[0], a10);
    a10 = tm_smlad(x[3], w[1], a10);
    a01 = tm_smlad(x[0], w[2], a01);
    a01 = tm_smlad(x[1], w[3], a01);
    a11 = tm_smlad(x[2], w[2], a11);
    a11 = tm_smlad(x[3], w[3], a11);
    x += 4;
    w += 4;
  } while (--kc);
  a[0] = a00;
  a[1] = a01;
  a[2] = a10;
  a[3] = a11;
#endif
}

/*
 * One whole 2x2 block: the dot products of tm_dsp_dot_2x2 started from the channels' folded
 * biases, requantized (tm_dsp_requant, not general) and stored without clamping beyond int8:
 *   o[0] = p0.c0, o[1] = p0.c1, o[ostride] = p1.c0, o[ostride + 1] = p1.c1.
 * ctx holds ch (the two channels' words, c1 at ch + TM_DSP_CH_WORDS), the output offset and
 * ostride. Returns x past the pair. The portable C of the GEMM pairs loop (on Arm the assembly
 * in gemm_s8_dsp.c runs instead).
 */
typedef struct {
  const int32_t *ch;
  int32_t offset;
  int32_t ostride;
} tm_dsp_block_ctx;

TM_DSP_INLINE const uint32_t *tm_dsp_block_2x2(const uint32_t *x, const uint32_t *w, int32_t kc,
                                               const tm_dsp_block_ctx *ctx, int8_t *o) {
  int32_t a[4];
  const int32_t *ch = ctx->ch;
  a[0] = a[2] = ch[TM_DSP_CH_BIAS];
  a[1] = a[3] = ch[TM_DSP_CH_WORDS + TM_DSP_CH_BIAS];
  tm_dsp_dot_2x2(x, w, kc, a);
  o[0] = (int8_t)tm_ssat8(tm_dsp_requant(a[0], ch, 0) + ctx->offset);
  o[1] = (int8_t)tm_ssat8(tm_dsp_requant(a[1], ch + TM_DSP_CH_WORDS, 0) + ctx->offset);
  o[ctx->ostride] = (int8_t)tm_ssat8(tm_dsp_requant(a[2], ch, 0) + ctx->offset);
  o[ctx->ostride + 1] =
      (int8_t)tm_ssat8(tm_dsp_requant(a[3], ch + TM_DSP_CH_WORDS, 0) + ctx->offset);
  return x + 4 * kc;
}

/*
 * Transposes `pairs` pixel pairs of four int8 channels (pixel stride `cin` bytes from src) into
 * four q15 plane rows: channel j's two values go to d0 + j * cs_bytes as one word (STR, which
 * these cores allow at any alignment).
 */
TM_DSP_INLINE void tm_dsp_unpack4(const int8_t *src, int32_t cin, int16_t *d0, int32_t cs_bytes,
                                  int32_t pairs) {
#if TM_DSP_NATIVE && defined(__thumb2__)
  if (pairs > 0) {
    uint32_t u, v, a, b, t;
    int16_t *d2 = (int16_t *)((int8_t *)d0 + 2 * cs_bytes);
    __asm__ volatile(
        "1:\n\t"
        "ldr %[u], [%[s]]\n\t"
        "ldr %[v], [%[s], %[cin]]\n\t"
        "add %[s], %[s], %[cin], lsl #1\n\t"
        "sxtb16 %[a], %[u], ror #8\n\t"
        "sxtb16 %[b], %[v], ror #8\n\t"
        "pkhbt %[t], %[a], %[b], lsl #16\n\t"
        "str %[t], [%[d0], %[cs]]\n\t"
        "pkhtb %[t], %[b], %[a], asr #16\n\t"
        "str %[t], [%[d2], %[cs]]\n\t"
        "sxtb16 %[a], %[u]\n\t"
        "sxtb16 %[b], %[v]\n\t"
        "pkhbt %[t], %[a], %[b], lsl #16\n\t"
        "str %[t], [%[d0]], #4\n\t"
        "pkhtb %[t], %[b], %[a], asr #16\n\t"
        "str %[t], [%[d2]], #4\n\t"
        "subs %[n], %[n], #1\n\t"
        "bne 1b\n"
        : [s] "+r"(src), [d0] "+r"(d0), [d2] "+r"(d2), [n] "+r"(pairs), [u] "=&r"(u),
          [v] "=&r"(v), [a] "=&r"(a), [b] "=&r"(b), [t] "=&r"(t)
        : [cin] "r"(cin), [cs] "r"(cs_bytes)
        : "cc", "memory");
  }
#else
  int8_t *q = (int8_t *)d0;
  while (pairs-- > 0) {
    const uint32_t u = tm_load32(src), v = tm_load32(src + cin);
    const uint32_t u02 = tm_sxtb16(u), u13 = tm_sxtb16_ror8(u);
    const uint32_t v02 = tm_sxtb16(v), v13 = tm_sxtb16_ror8(v);
    tm_store32(q, tm_pack_lo(u02, v02));
    tm_store32(q + cs_bytes, tm_pack_lo(u13, v13));
    tm_store32(q + 2 * cs_bytes, tm_pack_hi(u02, v02));
    tm_store32(q + 3 * cs_bytes, tm_pack_hi(u13, v13));
    src += 2 * cin;
    q += 4;
  }
#endif
}

#endif /* TINYML_DSP_H */
