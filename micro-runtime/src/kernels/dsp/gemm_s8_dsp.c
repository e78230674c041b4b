/* The int8 matrix-product core of the DSP kernels (see tinyml/kernels/dsp_gemm.h). */
#include "tinyml/kernels/dsp_gemm.h"

TM_DSP_INLINE void tm_gemm_put(int8_t *o, int32_t acc, const int32_t *ch, int32_t off, int32_t lo,
                               int32_t hi, const int general, const int clamp) {
  *o = (int8_t)tm_dsp_out(tm_dsp_requant(acc, ch, general), off, lo, hi, clamp);
}

/* The last chunk of an int8 row whose length is not a multiple of four, zero-padded. */
TM_DSP_INLINE uint32_t tm_gemm_tail_word(const int8_t *src, int32_t rem) {
  uint8_t b[4] = {0, 0, 0, 0};
  int32_t j;
  for (j = 0; j < rem; ++j) b[j] = (uint8_t)src[j];
  return tm_load32(b);
}

void tm_dsp_gemm_unpack_all(const tm_dsp_gemm *g, uint32_t *wq) {
  int32_t c;
  if ((g->k & 3) == 0) {
    const int8_t *src = g->w;
    uint32_t *dst = wq;
    tm_dsp_q15_pairs(&src, g->k, g->out_c >> 1, &dst);
    if (g->out_c & 1) tm_dsp_q15_row(src, g->k, dst, 2, 0);
  } else {
    for (c = 0; c < g->out_c; ++c) {
      int32_t step;
      uint32_t *dst = tm_dsp_tile_slot(wq, c, g->out_c, g->k, &step);
      tm_dsp_q15_row(g->w + (size_t)c * g->k, g->k, dst, step, 0);
    }
  }
  if (tm_dsp_gemm_x2(g)) {
    /* doubled weights (|2w| <= 256 fits a lane) */
    int32_t i, nw = tm_dsp_tile_words(g->out_c, g->k);
    for (i = 0; i < nw; ++i) wq[i] = tm_sadd16(wq[i], wq[i]);
  }
}

/* A single pixel (n == 1, e.g. FULLY_CONNECTED): weights unpacked on the fly, two rows at once. */
static void tm_gemm_single(const tm_dsp_gemm *g, const uint32_t *x, int8_t *out, const int general,
                           const int clamp) {
  const int32_t k = g->k, n4 = k >> 2, rem = k & 3, oc_n = g->out_c;
  const int32_t off = g->output_offset, lo = g->act_min, hi = g->act_max;
  int32_t c;
  for (c = 0; c < oc_n; c += 2) {
    const int two = c + 1 < oc_n;
    const int32_t *ch0 = g->chan + c * TM_DSP_CH_WORDS, *ch1 = ch0 + TM_DSP_CH_WORDS;
    const int8_t *w0 = g->w + (size_t)c * k, *w1 = two ? w0 + k : w0;
    const uint32_t *xp = x;
    int32_t a0 = ch0[TM_DSP_CH_BIAS], a1 = two ? ch1[TM_DSP_CH_BIAS] : 0, j;
    j = 0;
#if TM_DSP_NATIVE && defined(__thumb2__) && defined(__OPTIMIZE__)
    if (n4 >= 2) {
      /* two chunks per step: one LDM of the pixel's four words, four LDR of weights (any
       * alignment), eight SXTB16 and eight SMLAD for 16 MACs */
      int32_t n8 = n4 >> 1;
      uint32_t u, v;
      __asm__ volatile(
          "1:\n\t"
          "ldm %[x]!, {r4, r5, r6, r7}\n\t"
          "ldr %[u], [%[w0]], #4\n\t"
          "ldr %[v], [%[w1]], #4\n\t"
          "sxtb16 r8, %[u]\n\t"
          "smlad %[a0], r4, r8, %[a0]\n\t"
          "sxtb16 r8, %[u], ror #8\n\t"
          "smlad %[a0], r5, r8, %[a0]\n\t"
          "sxtb16 r8, %[v]\n\t"
          "smlad %[a1], r4, r8, %[a1]\n\t"
          "sxtb16 r8, %[v], ror #8\n\t"
          "smlad %[a1], r5, r8, %[a1]\n\t"
          "ldr %[u], [%[w0]], #4\n\t"
          "ldr %[v], [%[w1]], #4\n\t"
          "sxtb16 r8, %[u]\n\t"
          "smlad %[a0], r6, r8, %[a0]\n\t"
          "sxtb16 r8, %[u], ror #8\n\t"
          "smlad %[a0], r7, r8, %[a0]\n\t"
          "sxtb16 r8, %[v]\n\t"
          "smlad %[a1], r6, r8, %[a1]\n\t"
          "sxtb16 r8, %[v], ror #8\n\t"
          "smlad %[a1], r7, r8, %[a1]\n\t"
          "subs %[n], %[n], #1\n\t"
          "bne 1b\n"
          : [x] "+r"(xp), [w0] "+r"(w0), [w1] "+r"(w1), [n] "+r"(n8), [a0] "+r"(a0),
            [a1] "+r"(a1), [u] "=&r"(u), [v] "=&r"(v)
          :
          : "r4", "r5", "r6", "r7", "r8", "cc", "memory");
      j = n4 & ~1;
    }
#endif
    for (; j < n4; ++j) {
      const uint32_t xa = xp[0], xb = xp[1];
      const uint32_t u = tm_load32(w0), v = tm_load32(w1);
      w0 += 4;
      w1 += 4;
      xp += 2;
      a0 = tm_smlad(xa, tm_sxtb16(u), a0);
      a0 = tm_smlad(xb, tm_sxtb16_ror8(u), a0);
      a1 = tm_smlad(xa, tm_sxtb16(v), a1);
      a1 = tm_smlad(xb, tm_sxtb16_ror8(v), a1);
    }
    if (rem) {
      const uint32_t u = tm_gemm_tail_word(w0, rem), v = tm_gemm_tail_word(w1, rem);
      a0 = tm_smlad(xp[0], tm_sxtb16(u), a0);
      a0 = tm_smlad(xp[1], tm_sxtb16_ror8(u), a0);
      a1 = tm_smlad(xp[0], tm_sxtb16(v), a1);
      a1 = tm_smlad(xp[1], tm_sxtb16_ror8(v), a1);
    }
    tm_gemm_put(out + c, a0, ch0, off, lo, hi, general, clamp);
    if (two) tm_gemm_put(out + c + 1, a1, ch1, off, lo, hi, general, clamp);
  }
}

/*
 * One pixel against a channel pair: x two words per chunk ((x0,x2), (x1,x3)), w four (c0 then
 * c1, the tile layout), kc >= 1 chunks; a[0] += p.c0, a[1] += p.c1. On Arm per chunk one LDRD,
 * one LDM and four SMLAD, two chunks per loop iteration.
 */
TM_DSP_INLINE void tm_gemm_dot_1x2(const uint32_t *x, const uint32_t *w, int32_t kc, int32_t *a) {
#if TM_DSP_NATIVE && defined(__thumb2__) && defined(__OPTIMIZE__)
  int32_t a0 = a[0], a1 = a[1];
  uint32_t xa, xb;
#define TM_GEMM_CHUNK_1X2                           \
  "ldrd %[xa], %[xb], [%[x]], #8\n\t"               \
  "ldm %[w]!, {r4, r5, r6, r8}\n\t"                 \
  "smlad %[a0], %[xa], r4, %[a0]\n\t"               \
  "smlad %[a0], %[xb], r5, %[a0]\n\t"               \
  "smlad %[a1], %[xa], r6, %[a1]\n\t"               \
  "smlad %[a1], %[xb], r8, %[a1]\n\t"
  __asm__ volatile(
      "tst %[n], #1\n\t"
      "beq 1f\n\t"
      TM_GEMM_CHUNK_1X2
      "1:\n\t"
      "lsrs %[n], %[n], #1\n\t"
      "beq 3f\n"
      "2:\n\t"
      TM_GEMM_CHUNK_1X2
      TM_GEMM_CHUNK_1X2
      "subs %[n], %[n], #1\n\t"
      "bne 2b\n"
      "3:\n"
      : [a0] "+r"(a0), [a1] "+r"(a1), [x] "+r"(x), [w] "+r"(w), [n] "+r"(kc), [xa] "=&r"(xa),
        [xb] "=&r"(xb)
      :
      : "r4", "r5", "r6", "r8", "cc", "memory");
#undef TM_GEMM_CHUNK_1X2
  a[0] = a0;
  a[1] = a1;
#else
  int32_t a0 = a[0], a1 = a[1];
  do {
    a0 = tm_smlad(x[0], w[0], a0);
    a0 = tm_smlad(x[1], w[1], a0);
    a1 = tm_smlad(x[0], w[2], a1);
    a1 = tm_smlad(x[1], w[3], a1);
    x += 2;
    w += 4;
  } while (--kc);
  a[0] = a0;
  a[1] = a1;
#endif
}

/* The odd last pixel (x, two words per chunk) against channels c, c + 1 (w, the tile layout). */
static void tm_gemm_last_1x2(const tm_dsp_gemm *g, const uint32_t *x, const uint32_t *w, int32_t c,
                             int8_t *o, const int general, const int clamp) {
  const int32_t *ch0 = g->chan + c * TM_DSP_CH_WORDS, *ch1 = ch0 + TM_DSP_CH_WORDS;
  int32_t a[2];
  a[0] = ch0[TM_DSP_CH_BIAS];
  a[1] = ch1[TM_DSP_CH_BIAS];
  tm_gemm_dot_1x2(x, w, (g->k + 3) >> 2, a);
  tm_gemm_put(o, a[0], ch0, g->output_offset, g->act_min, g->act_max, general, clamp);
  tm_gemm_put(o + 1, a[1], ch1, g->output_offset, g->act_min, g->act_max, general, clamp);
}

/* tm_gemm_last_1x2 with TM_DSP_X2 (folded: no offset, no clamp). */
static void tm_gemm_last_1x2_x2(const tm_dsp_gemm *g, const uint32_t *x, const uint32_t *w,
                                int32_t c, int8_t *o) {
  const int32_t *ch0 = g->chan + c * TM_DSP_CH_WORDS, *ch1 = ch0 + TM_DSP_CH_WORDS;
  int32_t a[2];
  a[0] = (int32_t)((uint32_t)ch0[TM_DSP_CH_BIAS] << 1);
  a[1] = (int32_t)((uint32_t)ch1[TM_DSP_CH_BIAS] << 1);
  tm_gemm_dot_1x2(x, w, (g->k + 3) >> 2, a);
  o[0] = (int8_t)tm_ssat8(tm_dsp_requant_x2(a[0], ch0));
  o[1] = (int8_t)tm_ssat8(tm_dsp_requant_x2(a[1], ch1));
}

/* The odd last channel c: np pixels (1 or 2, x in the tile layout, `xs` words per chunk) against
 * its weight row (w, two words per chunk). */
static void tm_gemm_edge(const tm_dsp_gemm *g, const uint32_t *x, int32_t xs, int32_t np,
                         const uint32_t *w, int32_t c, int8_t *o, const int general,
                         const int clamp) {
  const int32_t kc = (g->k + 3) >> 2;
  const int32_t *ch = g->chan + c * TM_DSP_CH_WORDS;
  int32_t i;
  for (i = 0; i < np; ++i) {
    int32_t acc = ch[TM_DSP_CH_BIAS], q = kc;
    const uint32_t *xp = x + 2 * i, *wp = w;
    do {
      acc = tm_smlad(xp[0], wp[0], acc);
      acc = tm_smlad(xp[1], wp[1], acc);
      xp += xs;
      wp += 2;
    } while (--q);
    tm_gemm_put(o + i * g->out_c, acc, ch, g->output_offset, g->act_min, g->act_max, general,
                clamp);
  }
}

/*
 * Every pixel pair of a tile against one channel pair, requantized (not general, no clamp) and
 * stored: the 2x2 blocks of tm_dsp_block_2x2 in one loop. On Arm it is one assembly function
 * (every register is the loop's: 4 accumulators, 4 input words, 2 weight words, x, w, the chunk
 * count and o; the rest stays on the stack): per block the biases, a first chunk started from
 * them, a jump into a 4-chunk unrolled loop at the right place for kc - 1 chunks, then the four
 * requantizations. Elsewhere the same blocks through tm_dsp_block_2x2 (its portable C twin).
 */
typedef struct {
  const uint32_t *x;     /* the tile (pixel pairs first) */
  const uint32_t *w;     /* the channel pair's weight chunks */
  const int32_t *ch;     /* the pair's channel words */
  const uint32_t *x_end; /* past the last pixel pair */
  int32_t ostride;       /* output bytes per pixel */
  int32_t kc;            /* chunks per dot product (>= 1) */
  int32_t offset;        /* output offset (when not folded) */
  int8_t *o;             /* the first pair's output (channel c of pixel 0) */
} tm_gemm_pairs_args;

#if TM_DSP_NATIVE && defined(__thumb2__) && defined(__OPTIMIZE__)
#define TM_GEMM_ASM 1
void tm_dsp_gemm_pairs_f(const tm_gemm_pairs_args *a);
void tm_dsp_gemm_pairs_o(const tm_gemm_pairs_args *a);
void tm_dsp_gemm_pairs_x2(const tm_gemm_pairs_args *a);

/* one chunk: 16 MACs in two LDM and eight SMLAD, 40 bytes of code (every instruction 32-bit:
 * the entry jump counts on it). x: r4 r5 (p0), r6 r7 (p1); w: r8 r9 (c0), r10 r11 (c1);
 * accumulators r2 (p0.c0), r3 (p0.c1), r12 (p1.c0), lr (p1.c1). */
#define TM_GEMM_CHUNK                                   \
  "ldm.w r0!, {r4, r5, r6, r7}\n\t"                     \
  "ldm.w r1!, {r8, r9, r10, r11}\n\t"                   \
  "smlad r2, r4, r8, r2\n\t"                            \
  "smlad r2, r5, r9, r2\n\t"                            \
  "smlad r3, r4, r10, r3\n\t"                           \
  "smlad r3, r5, r11, r3\n\t"                           \
  "smlad r12, r6, r8, r12\n\t"                          \
  "smlad r12, r7, r9, r12\n\t"                          \
  "smlad lr, r6, r10, lr\n\t"                           \
  "smlad lr, r7, r11, lr\n\t"
/* dst = requant(acc) with the channel words (mult, round, shift) in m, rd, sh; OFF adds r1 */
#define TM_GEMM_RQ(dst, acc, m, rd, sh, OFF)            \
  "smmlar " dst ", " acc ", " m ", " acc "\n\t"         \
  "add " dst ", " dst ", " rd "\n\t"                    \
  "add " dst ", " dst ", " acc ", asr #31\n\t"          \
  "asr " dst ", " dst ", " sh "\n\t"                    \
  OFF(dst)                                              \
  "ssat " dst ", #8, " dst "\n\t"
#define TM_GEMM_NO_OFF(dst)
#define TM_GEMM_ADD_OFF(dst) "add " dst ", " dst ", r1\n\t"
#define TM_GEMM_RQF(dst, acc, m, rd, sh) TM_GEMM_RQ(dst, acc, m, rd, sh, TM_GEMM_NO_OFF)
#define TM_GEMM_RQO(dst, acc, m, rd, sh) TM_GEMM_RQ(dst, acc, m, rd, sh, TM_GEMM_ADD_OFF)
/* TM_DSP_X2 (dsp_gemm.h): m holds m itself and the accumulator is 2a */
#define TM_GEMM_RQX2(dst, acc, m, rd, sh)               \
  "smmlar " dst ", " acc ", " m ", " rd "\n\t"          \
  "add " dst ", " dst ", " acc ", asr #31\n\t"          \
  "asr " dst ", " dst ", " sh "\n\t"                    \
  "ssat " dst ", #8, " dst "\n\t"
/* the frame's words for TM_DSP_X2: the two biases doubled, MULT -> m */
#define TM_GEMM_XB_X2                                   \
  "lsl r8, r8, #1\n\t"                                  \
  "lsl r9, r9, #1\n\t"
#define TM_GEMM_XFORM_X2                                \
  "asr r1, r1, #1\n\t"                                  \
  "add r1, r1, #0x80000000\n\t"                         \
  "asr r5, r5, #1\n\t"                                  \
  "add r5, r5, #0x80000000\n\t"
#define TM_GEMM_LOAD_OFF "ldr r1, [sp, #44]\n\t"
#define TM_GEMM_CHUNK8                                                          \
  TM_GEMM_CHUNK TM_GEMM_CHUNK TM_GEMM_CHUNK TM_GEMM_CHUNK                       \
  TM_GEMM_CHUNK TM_GEMM_CHUNK TM_GEMM_CHUNK TM_GEMM_CHUNK
/*
 * Stack frame: [sp .. sp + 31] the two channels' words (so one LDM from sp loads the
 * requantization's seven), #32 w, #36 x_end, #40 w_end, #44 offset, #48 entry, #52 the two
 * biases (one LDRD), #60 ostride and o (one LDRD). Every register is the chunk loop's; it ends
 * when w reaches w_end. kc - 1 = m chunks follow the peeled first one: m <= 8 enter a straight
 * run of 8 chunks that falls into the requantization, larger m a loop of 8 chunks (entered part
 * way for m % 8).
 */
#define TM_GEMM_PAIRS_FN(name, RQ, LOAD_OFF, XB, XFORM)                         \
  __asm__(                                                                      \
      "\t.section .text." #name ",\"ax\",%progbits\n\t"                         \
      ".syntax unified\n\t"                                                     \
      ".thumb\n\t"                                                              \
      ".p2align 2\n\t"                                                          \
      ".global " #name "\n\t"                                                   \
      ".thumb_func\n\t"                                                         \
      ".type " #name ", %function\n"                                            \
      #name ":\n\t"                                                             \
      "push {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"                         \
      "ldr r11, [r0, #28]\n\t"                                                  \
      "ldm r0, {r0, r1, r2, r3, r4, r5, r6}\n\t"                                \
      "push {r4, r11}\n\t"                                                      \
      "ldr r8, [r2, #12]\n\t"                                                   \
      "ldr r9, [r2, #28]\n\t"                                                   \
      XB                                                                        \
      "push {r8, r9}\n\t"                                                       \
      "add r9, r1, r5, lsl #4\n\t"                                              \
      "subs r5, r5, #1\n\t"                                                     \
      "rsb r8, r5, #0\n\t"                                                      \
      "and r8, r8, #7\n\t"                                                      \
      "movs r10, #40\n\t"                                                       \
      "cmp r5, #8\n\t"                                                          \
      "bgt 1f\n\t"                                                              \
      "adr.w r7, 6f\n\t"                                                        \
      "rsb r8, r5, #8\n\t"                                                      \
      "b 2f\n"                                                                  \
      "1:\n\t"                                                                  \
      "adr.w r7, 5f\n"                                                          \
      "2:\n\t"                                                                  \
      "mla r7, r8, r10, r7\n\t"                                                 \
      "orr r7, r7, #1\n\t"                                                      \
      "mov r5, r9\n\t"                                                          \
      "push {r1, r3, r5, r6, r7}\n\t"                                           \
      "ldm r2, {r1, r2, r3, r4, r5, r6, r7, r8}\n\t"                            \
      XFORM                                                                     \
      "push {r1, r2, r3, r4, r5, r6, r7, r8}\n"                                 \
      "3:\n\t"                                                                  \
      "ldr r1, [sp, #32]\n\t"                                                   \
      "ldrd r2, r3, [sp, #52]\n\t"                                              \
      "ldm.w r0!, {r4, r5, r6, r7}\n\t"                                         \
      "ldm.w r1!, {r8, r9, r10, r11}\n\t"                                       \
      "smlad r12, r6, r8, r2\n\t"                                               \
      "smlad r12, r7, r9, r12\n\t"                                              \
      "smlad lr, r6, r10, r3\n\t"                                               \
      "smlad lr, r7, r11, lr\n\t"                                               \
      "smlad r2, r4, r8, r2\n\t"                                                \
      "smlad r2, r5, r9, r2\n\t"                                                \
      "smlad r3, r4, r10, r3\n\t"                                               \
      "smlad r3, r5, r11, r3\n\t"                                               \
      "ldr pc, [sp, #48]\n"                                                     \
      "5:\n\t"                                                                  \
      TM_GEMM_CHUNK8                                                            \
      "ldr r4, [sp, #40]\n\t"                                                   \
      "cmp r1, r4\n\t"                                                          \
      "bne 5b\n\t"                                                              \
      "b 9f\n"                                                                  \
      "6:\n\t"                                                                  \
      TM_GEMM_CHUNK8                                                            \
      "9:\n\t"                                                                  \
      "ldm sp, {r4, r5, r6, r7, r8, r9, r10}\n\t"                               \
      LOAD_OFF                                                                  \
      RQ("r7", "r2", "r4", "r5", "r6")                                          \
      RQ("r2", "r3", "r8", "r9", "r10")                                         \
      RQ("r3", "r12", "r4", "r5", "r6")                                         \
      RQ("r12", "lr", "r8", "r9", "r10")                                        \
      "ldrd r11, r1, [sp, #60]\n\t"                                             \
      "strb r7, [r1]\n\t"                                                       \
      "strb r2, [r1, #1]\n\t"                                                   \
      "add r1, r1, r11\n\t"                                                     \
      "strb r3, [r1]\n\t"                                                       \
      "strb r12, [r1, #1]\n\t"                                                  \
      "add r1, r1, r11\n\t"                                                     \
      "str r1, [sp, #64]\n\t"                                                   \
      "ldr r1, [sp, #36]\n\t"                                                   \
      "cmp r0, r1\n\t"                                                          \
      "bne 3b\n\t"                                                              \
      "add sp, sp, #68\n\t"                                                     \
      "pop {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t"                          \
      ".size " #name ", . - " #name "\n\t"                                      \
      ".text\n")
TM_GEMM_PAIRS_FN(tm_dsp_gemm_pairs_f, TM_GEMM_RQF, "", "", "");
TM_GEMM_PAIRS_FN(tm_dsp_gemm_pairs_o, TM_GEMM_RQO, TM_GEMM_LOAD_OFF, "", "");
TM_GEMM_PAIRS_FN(tm_dsp_gemm_pairs_x2, TM_GEMM_RQX2, "", TM_GEMM_XB_X2, TM_GEMM_XFORM_X2);
#else
#define TM_GEMM_ASM 0
#endif

/* TM_DSP_X2 pairs (folded): the accumulators start at twice the biases. */
static void tm_gemm_pairs_x2(const tm_gemm_pairs_args *a) {
#if TM_GEMM_ASM
  tm_dsp_gemm_pairs_x2(a);
#else
  const int32_t *ch0 = a->ch, *ch1 = a->ch + TM_DSP_CH_WORDS;
  const uint32_t *xp = a->x;
  int8_t *o = a->o;
  const int32_t os = a->ostride;
  while (xp != a->x_end) {
    int32_t acc[4];
    acc[0] = acc[2] = (int32_t)((uint32_t)ch0[TM_DSP_CH_BIAS] << 1);
    acc[1] = acc[3] = (int32_t)((uint32_t)ch1[TM_DSP_CH_BIAS] << 1);
    tm_dsp_dot_2x2(xp, a->w, a->kc, acc);
    xp += 4 * a->kc;
    o[0] = (int8_t)tm_ssat8(tm_dsp_requant_x2(acc[0], ch0));
    o[1] = (int8_t)tm_ssat8(tm_dsp_requant_x2(acc[1], ch1));
    o[os] = (int8_t)tm_ssat8(tm_dsp_requant_x2(acc[2], ch0));
    o[os + 1] = (int8_t)tm_ssat8(tm_dsp_requant_x2(acc[3], ch1));
    o += 2 * os;
  }
#endif
}

static void tm_gemm_pairs(const tm_gemm_pairs_args *a, const int folded) {
#if TM_GEMM_ASM
  if (folded) tm_dsp_gemm_pairs_f(a); else tm_dsp_gemm_pairs_o(a);
#else
  tm_dsp_block_ctx ctx;
  const uint32_t *xp = a->x;
  int8_t *o = a->o;
  (void)folded; /* the offset is 0 when it is folded */
  ctx.ch = a->ch;
  ctx.offset = a->offset;
  ctx.ostride = a->ostride;
  while (xp != a->x_end) {
    xp = tm_dsp_block_2x2(xp, a->w, a->kc, &ctx, o);
    o += 2 * a->ostride;
  }
#endif
}

/* 2x2 blocks through the C requantization (general shifts or a clamped range). */
static void tm_gemm_pairs_c(const tm_dsp_gemm *g, const uint32_t *xp, int32_t pairs,
                            const uint32_t *w, int32_t c, int8_t *o, const int general,
                            const int clamp) {
  const int32_t kc = (g->k + 3) >> 2, os = g->out_c;
  const int32_t *ch0 = g->chan + c * TM_DSP_CH_WORDS, *ch1 = ch0 + TM_DSP_CH_WORDS;
  const int32_t off = g->output_offset, lo = g->act_min, hi = g->act_max;
  while (pairs-- > 0) {
    int32_t a[4];
    a[0] = a[2] = ch0[TM_DSP_CH_BIAS];
    a[1] = a[3] = ch1[TM_DSP_CH_BIAS];
    tm_dsp_dot_2x2(xp, w, kc, a);
    xp += 4 * kc;
    tm_gemm_put(o, a[0], ch0, off, lo, hi, general, clamp);
    tm_gemm_put(o + 1, a[1], ch1, off, lo, hi, general, clamp);
    tm_gemm_put(o + os, a[2], ch0, off, lo, hi, general, clamp);
    tm_gemm_put(o + os + 1, a[3], ch1, off, lo, hi, general, clamp);
    o += 2 * os;
  }
}

void tm_dsp_gemm_tile(const tm_dsp_gemm *g, const uint32_t *tile, int32_t n, uint32_t *wq,
                      int8_t *out) {
  const int general = (g->flags & TM_DSP_RQ_GENERAL) != 0;
  const int clamp = (g->flags & TM_DSP_CLAMP) != 0;
  const int all = (g->flags & TM_DSP_WQ_ALL) != 0;
  /* doubled weights: only with every row unpacked, folded, not general, no clamp, even out_c */
  const int x2 = tm_dsp_gemm_x2(g);
  const int32_t k = g->k, kc = (k + 3) >> 2, oc_n = g->out_c, pairs = n >> 1;
  const uint32_t *x_last = tile + pairs * 4 * kc; /* the odd last pixel, alone */
  int32_t c;
  if (n == 1 && !all) {
    if (general) {
      if (clamp) tm_gemm_single(g, tile, out, 1, 1); else tm_gemm_single(g, tile, out, 1, 0);
    } else {
      if (clamp) tm_gemm_single(g, tile, out, 0, 1); else tm_gemm_single(g, tile, out, 0, 0);
    }
    return;
  }
  for (c = 0; c < oc_n; c += 2) {
    const int32_t nc = c + 1 < oc_n ? 2 : 1;
    const uint32_t *w;
    if (all) {
      w = wq + (size_t)c * 2 * kc;
    } else if (nc == 2 && (k & 3) == 0) {
      const int8_t *src = g->w + (size_t)c * k;
      uint32_t *dst = wq;
      tm_dsp_q15_pairs(&src, k, 1, &dst);
      w = wq;
    } else {
      int32_t j;
      for (j = 0; j < nc; ++j) {
        int32_t step;
        uint32_t *dst = tm_dsp_tile_slot(wq, j, nc, k, &step);
        tm_dsp_q15_row(g->w + (size_t)(c + j) * k, k, dst, step, 0);
      }
      w = wq;
    }
    if (nc == 2) {
      if (!general && !clamp) {
        if (pairs > 0) {
          tm_gemm_pairs_args a;
          a.x = tile;
          a.w = w;
          a.ch = g->chan + c * TM_DSP_CH_WORDS;
          a.x_end = x_last;
          a.ostride = oc_n;
          a.kc = kc;
          a.offset = g->output_offset;
          a.o = out + c;
          if (x2) tm_gemm_pairs_x2(&a);
          else tm_gemm_pairs(&a, (g->flags & TM_DSP_OFF_FOLDED) != 0);
        }
      } else if (general) {
        if (clamp) tm_gemm_pairs_c(g, tile, pairs, w, c, out + c, 1, 1);
        else tm_gemm_pairs_c(g, tile, pairs, w, c, out + c, 1, 0);
      } else {
        tm_gemm_pairs_c(g, tile, pairs, w, c, out + c, 0, 1);
      }
      if (n & 1) {
        int8_t *o = out + (size_t)(n - 1) * oc_n + c;
        if (x2) tm_gemm_last_1x2_x2(g, x_last, w, c, o);
        else if (general) tm_gemm_last_1x2(g, x_last, w, c, o, 1, clamp);
        else tm_gemm_last_1x2(g, x_last, w, c, o, 0, clamp);
      }
    } else {
      /* the odd last channel: every pixel pair, then the odd last pixel */
      int32_t p;
      for (p = 0; p < pairs; ++p) {
        int8_t *o = out + (size_t)2 * p * oc_n + c;
        if (general) tm_gemm_edge(g, tile + p * 4 * kc, 4, 2, w, c, o, 1, clamp);
        else tm_gemm_edge(g, tile + p * 4 * kc, 4, 2, w, c, o, 0, clamp);
      }
      if (n & 1) {
        int8_t *o = out + (size_t)(n - 1) * oc_n + c;
        if (general) tm_gemm_edge(g, x_last, 2, 1, w, c, o, 1, clamp);
        else tm_gemm_edge(g, x_last, 2, 1, w, c, o, 0, clamp);
      }
    }
  }
}
