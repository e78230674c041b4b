/*
 * The int8 matrix-product core of the DSP kernels (CONV_2D 1x1 and general, FULLY_CONNECTED):
 *   out[p][c] = requant_c( chan[c].bias + sum_k x[p][k] * w[c][k] )
 * for a tile of n pixels whose inputs were unpacked to q15 (dsp.h) in the layout below, and int8
 * weights [out_c][k] read straight from the model's filter tensor.
 *
 * Tile layout: k is cut into chunks of four (the last one zero-padded); a chunk of one pixel is
 * two words ((x0, x2), (x1, x3)). Pixels go in pairs, the pair's chunks interleaved:
 *   pair i, chunk j: words [4j .. 4j+3] of the pair = p0 (x0,x2) (x1,x3), p1 (x0,x2) (x1,x3)
 * and an odd last pixel alone (two words per chunk). The weight rows are unpacked the same way
 * (channel pairs interleaved) into `wq`: all of them once per op when TM_DSP_WQ_ALL is set (small
 * filters), else each pair once per tile. The inner loop is then loads and SMLADs only:
 * 2 pixels x 2 channels x 4 values = 16 MACs per 2 LDM and 8 SMLAD (on Arm one assembly loop
 * over every pixel pair of a channel pair, gemm_s8_dsp.c; the inline assembly needs
 * optimization, at -O0 the portable C runs).
 */
#ifndef TINYML_KERNELS_DSP_GEMM_H
#define TINYML_KERNELS_DSP_GEMM_H

#include "tinyml/dsp.h"
#include "tinyml/tinyml.h"

typedef struct {
  int32_t k;             /* values per dot product */
  int32_t out_c;         /* output channels = weight rows */
  const int8_t *w;       /* [out_c][k] */
  const int32_t *chan;   /* TM_DSP_CH_WORDS per channel (dsp.h) */
  int32_t output_offset;
  int32_t act_min;
  int32_t act_max;
  int32_t flags;         /* TM_DSP_RQ_GENERAL, TM_DSP_CLAMP, TM_DSP_WQ_ALL */
} tm_dsp_gemm;

#define TM_DSP_WQ_ALL 4      /* wq holds every weight row unpacked (tm_dsp_gemm_unpack_all) */
/*
 * With TM_DSP_WQ_ALL, not general, no clamp, folded offset and an even out_c: the unpacked
 * weights are doubled, so the accumulators hold A = 2a (the generator proved |2a| < 2^31 for every
 * input), and the requantization takes one instruction less: with mult = 2m - 2^32,
 *   SMMLAR(A, m, ROUND) = ROUND + floor((a * 2m + 2^31) / 2^32) = ROUND + v
 * (tm_dsp_requant's v), and A < 0 exactly when a < 0, so
 *   r = (SMMLAR(A, m, ROUND) + (A >> 31)) >> e
 * is tm_dsp_requant(a) bit for bit (tm_dsp_requant_x2).
 */
#define TM_DSP_X2 16

/* Whether g runs with TM_DSP_X2 (the flag and every condition it needs). */
static inline int tm_dsp_gemm_x2(const tm_dsp_gemm *g) {
  return (g->flags & (TM_DSP_X2 | TM_DSP_WQ_ALL | TM_DSP_OFF_FOLDED | TM_DSP_RQ_GENERAL |
                      TM_DSP_CLAMP)) == (TM_DSP_X2 | TM_DSP_WQ_ALL | TM_DSP_OFF_FOLDED) &&
         (g->out_c & 1) == 0;
}

/* m from the MULT word (2m - 2^32, m in [2^30, 2^31); the zero channel's -2^31 gives 2^30). */
TM_DSP_INLINE int32_t tm_dsp_x2_mult(int32_t mult) {
  return (int32_t)((uint32_t)tm_asr(mult, 1) + 0x80000000u);
}

/* tm_dsp_requant (not general) of a = A / 2, from A. */
TM_DSP_INLINE int32_t tm_dsp_requant_x2(int32_t acc2, const int32_t *ch) {
  const int32_t v = tm_smmlar(acc2, tm_dsp_x2_mult(ch[TM_DSP_CH_MULT]), ch[TM_DSP_CH_ROUND]);
  return tm_asr(v + tm_asr(acc2, 31), ch[TM_DSP_CH_SHIFT]);
}

/* Words of a q15 tile of n pixels of k values. */
static inline int32_t tm_dsp_tile_words(int32_t n, int32_t k) { return ((k + 3) >> 2) * 2 * n; }

/* Where pixel p of a tile of n starts, and the word step between its chunks. */
TM_DSP_INLINE uint32_t *tm_dsp_tile_slot(uint32_t *tile, int32_t p, int32_t n, int32_t k,
                                         int32_t *step) {
  const int32_t kw = ((k + 3) >> 2) * 2;
  if ((p | 1) < n) {
    *step = 4;
    return tile + (p >> 1) * 2 * kw + (p & 1) * 2;
  }
  *step = 2;
  return tile + (p >> 1) * 2 * kw;
}

/* Words of weight scratch: every row unpacked (TM_DSP_WQ_ALL), else two rows. */
static inline int32_t tm_dsp_gemm_wq_words(int32_t k, int32_t out_c, int32_t flags) {
  return (flags & TM_DSP_WQ_ALL) ? tm_dsp_tile_words(out_c, k) : ((k + 3) >> 2) * 4;
}

/*
 * `pairs` pairs of rows of k values (k a multiple of 4, the rows contiguous from *src: pixels of
 * a stride-1 1x1 convolution, or weight rows) into the tile layout: per chunk r0 (x0,x2) (x1,x3),
 * r1 (x0,x2) (x1,x3). Advances *src and *dst past them. On Arm per chunk two LDR, four SXTB16
 * and one STM.
 */
TM_DSP_INLINE void tm_dsp_q15_pairs(const int8_t **srcp, int32_t k, int32_t pairs,
                                    uint32_t **dstp) {
  const int8_t *src = *srcp;
  uint32_t *dst = *dstp;
  const int32_t kc = k >> 2;
  if (pairs <= 0) return;
#if TM_DSP_NATIVE && defined(__thumb2__) && defined(__OPTIMIZE__)
  {
    uint32_t u, v;
    int32_t j;
#define TM_Q15P_CHUNK                       \
  "ldr %[v], [%[s], %[k]]\n\t"              \
  "ldr %[u], [%[s]], #4\n\t"                \
  "sxtb16 r4, %[u]\n\t"                     \
  "sxtb16 r5, %[u], ror #8\n\t"             \
  "sxtb16 r6, %[v]\n\t"                     \
  "sxtb16 r8, %[v], ror #8\n\t"             \
  "stm %[d]!, {r4, r5, r6, r8}\n\t"
    __asm__ volatile(
        "1:\n\t"
        "tst %[kc], #1\n\t"
        "beq 2f\n\t"
        TM_Q15P_CHUNK
        "2:\n\t"
        "lsrs %[j], %[kc], #1\n\t"
        "beq 4f\n"
        "3:\n\t"
        TM_Q15P_CHUNK
        TM_Q15P_CHUNK
        "subs %[j], %[j], #1\n\t"
        "bne 3b\n"
        "4:\n\t"
        "add %[s], %[s], %[k]\n\t"
        "subs %[n], %[n], #1\n\t"
        "bne 1b\n"
        : [s] "+r"(src), [d] "+r"(dst), [n] "+r"(pairs), [j] "=&r"(j), [u] "=&r"(u),
          [v] "=&r"(v)
        : [k] "r"(k), [kc] "r"(kc)
        : "r4", "r5", "r6", "r8", "cc", "memory");
#undef TM_Q15P_CHUNK
  }
#else
  do {
    const int8_t *s0 = src, *s1 = src + k;
    int32_t j = kc;
    do {
      const uint32_t u = tm_load32(s0), v = tm_load32(s1);
      s0 += 4;
      s1 += 4;
      dst[0] = tm_sxtb16(u);
      dst[1] = tm_sxtb16_ror8(u);
      dst[2] = tm_sxtb16(v);
      dst[3] = tm_sxtb16_ror8(v);
      dst += 4;
    } while (--j);
    src += 2 * k;
  } while (--pairs);
#endif
  *srcp = src;
  *dstp = dst;
}

/* Unpacks every weight row into wq (the tile layout, channels for pixels). */
void tm_dsp_gemm_unpack_all(const tm_dsp_gemm *g, uint32_t *wq);

/* Computes the n pixels of `tile` (n >= 1); output pixel p at out + p * out_c. */
void tm_dsp_gemm_tile(const tm_dsp_gemm *g, const uint32_t *tile, int32_t n, uint32_t *wq,
                      int8_t *out);

#endif
