/* DEPTHWISE_CONV_2D int8, DSP extension (see tinyml/kernels/dsp_depthwise_conv2d.h). */
#include "tinyml/kernels/dsp_depthwise_conv2d.h"

/* Unpacks input rows y_first .. y_first + rows - 1 of channels c0 .. c0 + g - 1 into the planes
 * (channel c's row r at planes + c * cs + r * pw). Rows outside the image are filled with the zero
 * point; the padding columns already hold it (filled once per op, never written otherwise). */
#if TM_DSP_NATIVE && defined(__thumb2__) && defined(__GNUC__)
/*
 * Four channels of `quads` groups of four pixels (pixel stride r1 bytes from r0) into four q15
 * planes: channel j's values go to r2 + j * r3 bytes, which must be word-aligned (STRD). Per
 * group: four loads, four PKH (channels 0-1 and 2-3 of two pixels side by side), eight SXTB16
 * and four STRD. The group count is the fifth argument, on the stack.
 */
__attribute__((naked, noinline)) static void tm_dw_unpack4x4_asm(const int8_t *src
                                                                 __attribute__((unused)),
                                                                 int32_t stride
                                                                 __attribute__((unused)),
                                                                 int16_t *d0
                                                                 __attribute__((unused)),
                                                                 int32_t cs_bytes
                                                                 __attribute__((unused)),
                                                                 int32_t quads
                                                                 __attribute__((unused))) {
  __asm__ volatile(
      "push {r4-r11, lr}\n\t"
      "ldr lr, [sp, #36]\n\t"
      "add r4, r2, r3\n\t"
      "add r5, r4, r3\n\t"
      "add r6, r5, r3\n"
      "1:\n\t"
      "ldr r7, [r0]\n\t"
      "ldr r8, [r0, r1]\n\t"
      "add r0, r0, r1, lsl #1\n\t"
      "ldr r9, [r0]\n\t"
      "ldr r10, [r0, r1]\n\t"
      "add r0, r0, r1, lsl #1\n\t"
      "pkhbt r11, r7, r8, lsl #16\n\t"
      "pkhtb r7, r8, r7, asr #16\n\t"
      "pkhbt r3, r9, r10, lsl #16\n\t"
      "pkhtb r9, r10, r9, asr #16\n\t"
      "sxtb16 r8, r11\n\t"
      "sxtb16 r10, r3\n\t"
      "strd r8, r10, [r2], #8\n\t"
      "sxtb16 r8, r11, ror #8\n\t"
      "sxtb16 r10, r3, ror #8\n\t"
      "strd r8, r10, [r4], #8\n\t"
      "sxtb16 r8, r7\n\t"
      "sxtb16 r10, r9\n\t"
      "strd r8, r10, [r5], #8\n\t"
      "sxtb16 r8, r7, ror #8\n\t"
      "sxtb16 r10, r9, ror #8\n\t"
      "strd r8, r10, [r6], #8\n\t"
      "subs lr, lr, #1\n\t"
      "bne 1b\n\t"
      "pop {r4-r11, pc}\n\t");
}
#define TM_DW_UNPACK_ASM 1
#else
#define TM_DW_UNPACK_ASM 0
#endif

static void tm_dw_unpack(const tm_window *w, const int8_t *in_b, int32_t c0, int32_t g,
                         int32_t y_first, int32_t rows, int32_t pw, int16_t zp, int16_t *planes,
                         int32_t rs, int32_t cin, size_t cs, int refill) {
  const int32_t iw = w->input_w, pad = w->pad_w;
  int32_t r, c, x;
  for (r = 0; r < rows; ++r) {
    const int32_t y = y_first + r;
    int16_t *row0 = planes + (size_t)r * pw;
    const int8_t *src;
    if (y < 0 || y >= w->input_h) {
      /* a padding row: already the zero point unless an earlier band wrote data here (word
       * stores: rows are word-aligned, pw is even) */
      const uint32_t zz = ((uint32_t)(uint16_t)zp) * 0x00010001u;
      for (c = 0; refill && c < g; ++c) {
        uint32_t *q = (uint32_t *)(void *)(row0 + c * cs);
        int32_t n = pw >> 1;
        while (n-- > 0) *q++ = zz;
      }
      continue;
    }
    src = in_b + (size_t)y * rs + c0;
    x = 0;
    if (g == 4) {
#if TM_DW_UNPACK_ASM
      /* groups of four pixels from the first word-aligned plane position (for rows long enough
       * to pay for the call) */
      if ((pad & 1) && iw >= 9) {
        for (c = 0; c < 4; ++c) row0[c * cs + pad] = src[c];
        x = 1;
        src += cin;
      }
      if (iw >= 8 && ((pad + x) & 1) == 0 && (iw - x) >> 2) {
        const int32_t quads = (iw - x) >> 2;
        tm_dw_unpack4x4_asm(src, cin, row0 + pad + x, (int32_t)(cs * 2), quads);
        x += 4 * quads;
        src += (size_t)4 * quads * cin;
      }
#endif
      if ((iw - x) >> 1) {
        tm_dsp_unpack4(src, cin, row0 + pad + x, (int32_t)(cs * 2), (iw - x) >> 1);
        src += (size_t)((iw - x) & ~1) * cin;
        x += (iw - x) & ~1;
      }
    }
    for (; x < iw; ++x, src += cin) {
      for (c = 0; c < g; ++c) row0[c * cs + pad + x] = src[c];
    }
  }
}

/* The weight words of output channel oc (see tm_dw_dsp_weight_row). */
static void tm_dw_weights(const int8_t *filter, int32_t fh, int32_t fw, int32_t sw, int32_t ys,
                          int32_t oc_n, int32_t oc, uint32_t *dst) {
  const int32_t np = (fw + 1) / 2;
  const int fast3 = fh == 3 && fw == 3 && (sw == 1 || sw == 2);
  int32_t ky, j;
  for (ky = 0; ky < fh; ++ky) {
    const int8_t *f = filter + (size_t)ky * ys + oc;
    if (fast3) {
      /* 3x3, stride 1 or 2 */
      const uint32_t w0 = (uint32_t)(int32_t)f[0];
      const uint32_t w1 = (uint32_t)(int32_t)f[oc_n];
      const uint32_t w2 = (uint32_t)(int32_t)f[2 * (size_t)oc_n];
      dst[0] = tm_pack_lo(w0, w1);
      dst[1] = w2 & 0xffffu;
      if (sw == 1) {
        dst[2] = w0 << 16;
        dst[3] = tm_pack_lo(w1, w2);
        dst += 4;
      } else {
        dst += 2;
      }
      continue;
    }
    for (j = 0; j < np; ++j) {
      const int32_t lo = f[(size_t)(2 * j) * oc_n];
      const int32_t hi = 2 * j + 1 < fw ? f[(size_t)(2 * j + 1) * oc_n] : 0;
      *dst++ = ((uint32_t)lo & 0xffffu) | ((uint32_t)hi << 16);
    }
    *dst++ = (uint32_t)(int32_t)f[(size_t)(fw - 1) * oc_n] << 16;
  }
}

/*
 * The output rows of one channel in a band, 3x3 filter, stride 1 or 2, in blocks of four outputs
 * of a row (the last block of a row may be partial: all four are computed, `tail` stored). The
 * layout is fixed: the assembly reads it by offset.
 */
typedef struct {
  int32_t mult;       /*  0: TM_DSP_CH_MULT      (the first four are the channel's words) */
  int32_t round;      /*  4: TM_DSP_CH_ROUND (the output offset folded in with TM_DSP_OFF_FOLDED) */
  int32_t shift;      /*  8: TM_DSP_CH_SHIFT */
  int32_t bias;       /* 12: TM_DSP_CH_BIAS */
  int8_t *o;          /* 16: the block's first output */
  int32_t os;         /* 20: bytes between outputs along a row */
  int8_t *o_end;      /* 24: the output after the row's whole blocks */
  int32_t rs;         /* 28: bytes between plane rows */
  const int16_t *r;   /* 32: the row's first plane value */
  int8_t *o_row;      /* 36: the row's first output */
  int32_t r_step;     /* 40: bytes from one output row's first plane row to the next one's */
  int32_t o_step;     /* 44: bytes between output rows */
  int32_t rows;       /* 48: rows left */
  int32_t span;       /* 52: bytes of output of the row's whole blocks (full * 4 * os) */
  int32_t tail;       /* 56: outputs of the last, partial block (0: none) */
  int32_t full;       /* 60: whole blocks per row */
} tm_dw_band;

/* The four accumulators of the block whose first plane value (top filter row) is at r. */
TM_DSP_INLINE void tm_dw3x3_block_c(const int16_t *r, const uint32_t *wk, int32_t rs, int32_t bias,
                                    const int s2, int32_t a[4]) {
  int32_t a0 = bias, a1 = bias, a2 = bias, a3 = bias, ky;
  for (ky = 0; ky < 3; ++ky) {
    const int16_t *q = r + (size_t)ky * rs;
    const uint32_t p01 = tm_load32(q), p23 = tm_load32(q + 2), p45 = tm_load32(q + 4);
    if (!s2) {
      const uint32_t *w = wk + 4 * ky;
      a0 = tm_smlad(p23, w[1], tm_smlad(p01, w[0], a0));
      a1 = tm_smlad(p23, w[3], tm_smlad(p01, w[2], a1));
      a2 = tm_smlad(p45, w[1], tm_smlad(p23, w[0], a2));
      a3 = tm_smlad(p45, w[3], tm_smlad(p23, w[2], a3));
    } else {
      const uint32_t *w = wk + 2 * ky;
      const uint32_t p67 = tm_load32(q + 6), p89 = tm_load32(q + 8);
      a0 = tm_smlad(p23, w[1], tm_smlad(p01, w[0], a0));
      a1 = tm_smlad(p45, w[1], tm_smlad(p23, w[0], a1));
      a2 = tm_smlad(p67, w[1], tm_smlad(p45, w[0], a2));
      a3 = tm_smlad(p89, w[1], tm_smlad(p67, w[0], a3));
    }
  }
  a[0] = a0;
  a[1] = a1;
  a[2] = a2;
  a[3] = a3;
}

/* The band in C (the host build, and general shifts, clamps or an unfolded offset on Arm). */
TM_DSP_INLINE void tm_dw3x3_band_c(const uint32_t *wk, const tm_dw_band *x, const int32_t *ch,
                                   int32_t off, int32_t lo, int32_t hi, const int s2,
                                   const int general, const int clamp, const int nosign) {
  const int32_t rs = x->rs / 2, os = x->os, nb = x->full + (x->tail != 0);
  const int16_t *row = x->r;
  int8_t *orow = x->o_row;
  int32_t n, b, i;
  for (n = x->rows; n > 0; --n, row += x->r_step / 2, orow += x->o_step) {
    for (b = 0; b < nb; ++b) {
      const int32_t k = b < x->full ? 4 : x->tail;
      int32_t a[4];
      tm_dw3x3_block_c(row + (size_t)b * (s2 ? 8 : 4), wk, rs, ch[TM_DSP_CH_BIAS], s2, a);
      for (i = 0; i < k; ++i) {
        /* without the sign correction as the assembly does when it may (TM_DSP_NO_SIGN) */
        const int32_t q = nosign && !general
                              ? tm_asr(tm_smmlar(a[i], ch[TM_DSP_CH_MULT], a[i]) +
                                           ch[TM_DSP_CH_ROUND], ch[TM_DSP_CH_SHIFT])
                              : tm_dsp_requant(a[i], ch, general);
        orow[(size_t)(4 * b + i) * os] = (int8_t)tm_dsp_out(q, off, lo, hi, clamp);
      }
    }
  }
}

#if TM_DSP_NATIVE && defined(__thumb2__) && defined(__GNUC__)
#define TM_DW_ASM 1
#define TM_DW_UNUSED __attribute__((unused)) /* read by the assembly */
/*
 * The band in assembly, for the folded requantization without clamps (tm_dsp_requant's fast
 * case): per output ADD, ADD, SMMLAR, ASR, SSAT, STRB (one ADD fewer with TM_DSP_NO_SIGN), using
 *   SMMLAR(a, mult, a + round - [a < 0]) = SMMLAR(a, mult, a) + round - [a < 0]
 * (exact modulo 2^32, and the sum fits an int32: channelData proves it).
 * r0 plane pointer, r1 weight words (LDRD by offset), r2 the tm_dw_band; r3 plane row stride, r4 bias;
 * r5-r8 the four accumulators, r9-r11 plane words, r12/lr weight words; then the
 * requantization's mult, round, shift (r4, r9, r10), r11 temporary, output pointer and stride
 * (r12, lr), all from one LDM of the band's first six words.
 */
#define TM_DW_RQ(a, store)              \
  TM_DW_SIGN(a)                         \
  "smmlar " a ", " a ", r4, r11\n\t"    \
  "asr " a ", " a ", r10\n\t"           \
  "ssat " a ", #8, " a "\n\t"           \
  "strb " a ", " store "\n\t"
/* stride 1: a0 += p01.A + p23.B, a1 += p01.C + p23.D, a2 += p23.A + p45.B, a3 += p23.C + p45.D
 * (the first row from the bias) */
#define TM_DW_S1_ROW(k, b5, b6, b7, b8)                 \
  "ldm r0, {r9, r10, r11}\n\t"                          \
  "ldrd r12, lr, [r1, #" #k "*16]\n\t"                  \
  "smlad r5, r9, r12, " b5 "\n\t"                       \
  "smlad r5, r10, lr, r5\n\t"                           \
  "smlad r7, r10, r12, " b7 "\n\t"                      \
  "smlad r7, r11, lr, r7\n\t"                           \
  "ldrd r12, lr, [r1, #" #k "*16+8]\n\t"                \
  "smlad r6, r9, r12, " b6 "\n\t"                       \
  "smlad r6, r10, lr, r6\n\t"                           \
  "smlad r8, r10, r12, " b8 "\n\t"                      \
  "smlad r8, r11, lr, r8\n\t"
#define TM_DW_S1_BLOCK                                  \
  "ldr r4, [r2, #12]\n\t"                               \
  TM_DW_S1_ROW(0, "r4", "r4", "r4", "r4")               \
  "add r0, r0, r3\n\t"                                  \
  TM_DW_S1_ROW(1, "r5", "r6", "r7", "r8")               \
  "add r0, r0, r3\n\t"                                  \
  TM_DW_S1_ROW(2, "r5", "r6", "r7", "r8")               \
  "sub r0, r0, r3, lsl #1\n\t"                          \
  "adds r0, r0, #8\n\t"
/* stride 1, the first two outputs only (a partial block of two) */
#define TM_DW_S1_HALF_ROW(k, b5, b6)                    \
  "ldrd r9, r10, [r0]\n\t"                              \
  "ldrd r12, lr, [r1, #" #k "*16]\n\t"                  \
  "smlad r5, r9, r12, " b5 "\n\t"                       \
  "smlad r5, r10, lr, r5\n\t"                           \
  "ldrd r12, lr, [r1, #" #k "*16+8]\n\t"                \
  "smlad r6, r9, r12, " b6 "\n\t"                       \
  "smlad r6, r10, lr, r6\n\t"
#define TM_DW_S1_HALF                                   \
  "ldr r4, [r2, #12]\n\t"                               \
  TM_DW_S1_HALF_ROW(0, "r4", "r4")                      \
  "add r0, r0, r3\n\t"                                  \
  TM_DW_S1_HALF_ROW(1, "r5", "r6")                      \
  "add r0, r0, r3\n\t"                                  \
  TM_DW_S1_HALF_ROW(2, "r5", "r6")
/* stride 2: a_j += p(2j,2j+1).A + p(2j+2,2j+3).B */
#define TM_DW_S2_ROW(k, b5, b6, b7, b8)                 \
  "ldm r0, {r9, r10, r11}\n\t"                          \
  "ldrd r12, lr, [r1, #" #k "*8]\n\t"                   \
  "smlad r5, r9, r12, " b5 "\n\t"                       \
  "smlad r5, r10, lr, r5\n\t"                           \
  "smlad r6, r10, r12, " b6 "\n\t"                      \
  "smlad r6, r11, lr, r6\n\t"                           \
  "smlad r7, r11, r12, " b7 "\n\t"                      \
  "ldrd r9, r10, [r0, #12]\n\t"                         \
  "smlad r7, r9, lr, r7\n\t"                            \
  "smlad r8, r9, r12, " b8 "\n\t"                       \
  "smlad r8, r10, lr, r8\n\t"
#define TM_DW_S2_HALF_ROW(k, b5, b6)                    \
  "ldm r0, {r9, r10, r11}\n\t"                          \
  "ldrd r12, lr, [r1, #" #k "*8]\n\t"                   \
  "smlad r5, r9, r12, " b5 "\n\t"                       \
  "smlad r5, r10, lr, r5\n\t"                           \
  "smlad r6, r10, r12, " b6 "\n\t"                      \
  "smlad r6, r11, lr, r6\n\t"
#define TM_DW_S2_HALF                                   \
  "ldr r4, [r2, #12]\n\t"                               \
  TM_DW_S2_HALF_ROW(0, "r4", "r4")                      \
  "add r0, r0, r3\n\t"                                  \
  TM_DW_S2_HALF_ROW(1, "r5", "r6")                      \
  "add r0, r0, r3\n\t"                                  \
  TM_DW_S2_HALF_ROW(2, "r5", "r6")
#define TM_DW_S2_BLOCK                                  \
  "ldr r4, [r2, #12]\n\t"                               \
  TM_DW_S2_ROW(0, "r4", "r4", "r4", "r4")               \
  "add r0, r0, r3\n\t"                                  \
  TM_DW_S2_ROW(1, "r5", "r6", "r7", "r8")               \
  "add r0, r0, r3\n\t"                                  \
  TM_DW_S2_ROW(2, "r5", "r6", "r7", "r8")               \
  "sub r0, r0, r3, lsl #1\n\t"                          \
  "adds r0, r0, #16\n\t"
/* The band: rows of whole blocks (label 2), then the partial block (label 3) whose outputs past
 * `tail` are not stored, or a block of two outputs when `tail` is 2 (label 6). */
#define TM_DW_BAND(BLOCK, HALF)                         \
  "push {r4-r11, lr}\n\t"                               \
  "ldr r3, [r2, #28]\n\t"                               \
  "add r4, r2, #32\n\t"                                 \
  "ldm r4, {r0, r5, r6, r7, r8, r9}\n"                  \
  "1:\n\t"                                              \
  "str r5, [r2, #16]\n\t"                               \
  "cmp r9, #0\n\t"                                      \
  "beq 3f\n\t"                                          \
  "add r9, r9, r5\n\t"                                  \
  "str r9, [r2, #24]\n"                                 \
  "2:\n\t"                                              \
  BLOCK                                                 \
  "ldm r2, {r4, r9, r10, r11, r12, lr}\n\t"                 \
  TM_DW_RQ("r5", "[r12]")                               \
  TM_DW_RQ("r6", "[r12, lr]")                           \
  "add r12, r12, lr, lsl #1\n\t"                        \
  TM_DW_RQ("r7", "[r12]")                               \
  TM_DW_RQ("r8", "[r12, lr]")                           \
  "add r12, r12, lr, lsl #1\n\t"                        \
  "str r12, [r2, #16]\n\t"                              \
  "ldr r4, [r2, #24]\n\t"                               \
  "cmp r12, r4\n\t"                                     \
  "bne 2b\n"                                            \
  "3:\n\t"                                              \
  "ldr r4, [r2, #56]\n\t"                               \
  "cmp r4, #0\n\t"                                      \
  "beq 5f\n\t"                                          \
  "cmp r4, #2\n\t"                                      \
  "beq 6f\n\t"                                          \
  BLOCK                                                 \
  "ldm r2, {r4, r9, r10, r11, r12, lr}\n\t"                 \
  TM_DW_RQ("r5", "[r12]")                               \
  "ldr r11, [r2, #56]\n\t"                              \
  "cmp r11, #2\n\t"                                     \
  "blt 5f\n\t"                                          \
  TM_DW_RQ("r6", "[r12, lr]")                           \
  "ldr r11, [r2, #56]\n\t"                              \
  "cmp r11, #3\n\t"                                     \
  "blt 5f\n\t"                                          \
  "add r12, r12, lr, lsl #1\n\t"                        \
  TM_DW_RQ("r7", "[r12]")                               \
  "b 5f\n"                                              \
  "6:\n\t"                                              \
  HALF                                                  \
  "ldm r2, {r4, r9, r10, r11, r12, lr}\n\t"                 \
  TM_DW_RQ("r5", "[r12]")                               \
  TM_DW_RQ("r6", "[r12, lr]")                           \
  "5:\n\t"                                              \
  "add r4, r2, #32\n\t"                                 \
  "ldm r4, {r0, r5, r6, r7, r8, r9}\n\t"                \
  "add r0, r0, r6\n\t"                                  \
  "add r5, r5, r7\n\t"                                  \
  "subs r8, r8, #1\n\t"                                 \
  "stm r4, {r0, r5, r6, r7, r8}\n\t"                    \
  "bne 1b\n\t"                                          \
  "pop {r4-r11, pc}\n\t"

/* (wk, band): r0, r1 on entry. With the sign correction r4 = round + (a >> 31), without it (the
 * output zero point is -128, TM_DSP_NO_SIGN) r4 = round. */
#define TM_DW_BAND_FN(name, BLOCK, HALF)                                                       \
  __attribute__((naked, noinline)) static void name(const uint32_t *wk TM_DW_UNUSED,            \
                                                    tm_dw_band *x TM_DW_UNUSED) {               \
    __asm__ volatile("mov r2, r1\n\t"                                                           \
                     "mov r1, r0\n\t" TM_DW_BAND(BLOCK, HALF));                                \
  }
#define TM_DW_SIGN(a) "add r11, r9, " a ", asr #31\n\tadd r11, r11, " a "\n\t"
TM_DW_BAND_FN(tm_dw3x3s1_band_asm, TM_DW_S1_BLOCK, TM_DW_S1_HALF)
TM_DW_BAND_FN(tm_dw3x3s2_band_asm, TM_DW_S2_BLOCK, TM_DW_S2_HALF)
#undef TM_DW_SIGN
#define TM_DW_SIGN(a) "add r11, r9, " a "\n\t"
TM_DW_BAND_FN(tm_dw3x3s1_band_ns_asm, TM_DW_S1_BLOCK, TM_DW_S1_HALF)
TM_DW_BAND_FN(tm_dw3x3s2_band_ns_asm, TM_DW_S2_BLOCK, TM_DW_S2_HALF)
#undef TM_DW_SIGN
#else
#define TM_DW_ASM 0
#endif

typedef struct {
  const tm_window *w;
  int32_t pw;          /* plane row width */
  int32_t oc_n;        /* output stride along a plane row */
  int32_t ors;         /* output stride between plane rows */
  int32_t off, lo, hi; /* output offset (0 when folded), activation range */
  int fold;            /* TM_DSP_OFF_FOLDED */
  int nosign;          /* TM_DSP_NO_SIGN */
} tm_dw_ctx;

/* The fields of a tm_dw_band that stay the same through an op. */
static void tm_dw3x3_band_init(const tm_dw_ctx *x, tm_dw_band *band) {
  const tm_window *w = x->w;
  band->os = x->oc_n;
  band->o_end = 0;
  band->span = (w->output_w >> 2) * 4 * x->oc_n;
  band->rs = x->pw * 2;
  band->full = w->output_w >> 2;
  band->tail = w->output_w & 3;
  band->r_step = w->stride_h * x->pw * 2;
  band->o_step = x->ors;
}

/* One output channel of a band with a 3x3 filter, stride 1 or 2 (see tm_dw_channel); band holds
 * the op's fields (tm_dw3x3_band_init). */
TM_DSP_INLINE void tm_dw3x3_channel(const tm_dw_ctx *x, tm_dw_band *band, const int16_t *plane,
                                    const uint32_t *wk, const int32_t *ch, int32_t rows_out,
                                    int8_t *out, const int general, const int clamp) {
  const int s2 = x->w->stride_w == 2;
  memcpy(band, ch, 4 * sizeof(int32_t)); /* mult, round, shift, bias */
  band->rows = rows_out;
  band->r = plane;
  band->o_row = out;
#if TM_DW_ASM
  if (!general && !clamp && x->fold && rows_out > 0) {
    if (x->nosign) {
      if (s2) tm_dw3x3s2_band_ns_asm(wk, band); else tm_dw3x3s1_band_ns_asm(wk, band);
    } else {
      if (s2) tm_dw3x3s2_band_asm(wk, band); else tm_dw3x3s1_band_asm(wk, band);
    }
    return;
  }
#endif
  tm_dw3x3_band_c(wk, band, ch, x->off, x->lo, x->hi, s2, general, clamp, x->nosign);
}

/* One output channel over output rows [0, rows_out) of a band, any filter and stride: plane is its
 * input channel's plane (row 0 = the band's first input row), wk its weight words, out the output
 * of the band's (row 0, column 0). */
TM_DSP_INLINE void tm_dw_channel(const tm_dw_ctx *x, const int16_t *plane, const uint32_t *wk,
                                 const int32_t *ch, int32_t rows_out, int8_t *out,
                                 const int general, const int clamp) {
  const tm_window *w = x->w;
  const int32_t fh = w->filter_h, fw = w->filter_w, sh = w->stride_h, sw = w->stride_w;
  const int32_t ow = w->output_w, pw = x->pw, os = x->oc_n, np = (fw + 1) / 2;
  const int32_t bias = ch[TM_DSP_CH_BIAS];
  int32_t oy;
  for (oy = 0; oy < rows_out; ++oy) {
    const int16_t *rb = plane + (size_t)oy * sh * pw;
    int8_t *o = out + (size_t)oy * x->ors;
    int32_t ox;
    for (ox = 0; ox < ow; ++ox, o += os) {
      int32_t acc = bias, ky, j;
      for (ky = 0; ky < fh; ++ky) {
        const int16_t *r = rb + (size_t)ky * pw + (size_t)ox * sw;
        const uint32_t *wr = wk + ky * (np + 1);
        for (j = 0; j < np; ++j) acc = tm_smlad(tm_load32(r + 2 * j), wr[j], acc);
      }
      *o = (int8_t)tm_dsp_out(tm_dsp_requant(acc, ch, general), x->off, x->lo, x->hi, clamp);
    }
  }
}

tm_status tm_eval_depthwise_conv2d_s8_dsp(const void *params, const void *const *in,
                                          void *const *out, void *scratch) {
  const tm_depthwise_conv2d_s8_dsp_params *p = (const tm_depthwise_conv2d_s8_dsp_params *)params;
  const tm_window *w;
  const int8_t *input, *filter;
  int8_t *output;
  int16_t *planes, zp;
  uint32_t *wbuf;
  tm_dw_ctx x;
  tm_dw_band band;
  tm_window v;
  int32_t mult, band_rows, ww, b, c0, in_rs, in_cs, f_ys, f_xs;
  int fast, fast3;
#if TM_DW_ASM
  void (*band_asm)(const uint32_t *, tm_dw_band *) = 0;
#endif
  if (p == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL || scratch == NULL) {
    return TM_BAD_PARAM;
  }
  w = &p->ref.win;
  mult = p->ref.depth_multiplier;
  /* transposed: the planes hold columns (x and y swap roles), for tall narrow images */
  v = *w;
  if (p->transposed) {
    v.input_h = w->input_w, v.input_w = w->input_h, v.output_h = w->output_w;
    v.output_w = w->output_h, v.filter_h = w->filter_w, v.filter_w = w->filter_h;
    v.stride_h = w->stride_w, v.stride_w = w->stride_h, v.pad_h = w->pad_w, v.pad_w = w->pad_h;
  }
  in_rs = p->transposed ? w->input_c : w->input_w * w->input_c;
  in_cs = p->transposed ? w->input_w * w->input_c : w->input_c;
  f_ys = p->transposed ? w->output_c : w->filter_w * w->output_c;
  f_xs = p->transposed ? w->filter_w * w->output_c : w->output_c;
  if (!tm_window_ok(w) || mult < 1 || w->output_c != w->input_c * mult || w->dilation_h != 1 ||
      w->dilation_w != 1 || p->group < 1 || p->group > 4 || p->band < 1 || p->chan == NULL ||
      p->plane_w != tm_dw_dsp_plane_w(v.input_w, v.pad_w, v.output_w, v.stride_w, v.filter_w) ||
      p->ref.input_offset < -127 || p->ref.input_offset > 128) {
    return TM_BAD_PARAM;
  }
  input = (const int8_t *)in[0];
  filter = (const int8_t *)in[1];
  output = (int8_t *)out[0];
  zp = (int16_t)(-p->ref.input_offset);
  band_rows = tm_dw_dsp_band_rows(p->band, v.stride_h, v.filter_h);
  planes = (int16_t *)scratch;
  wbuf = (uint32_t *)(planes + (size_t)p->group * band_rows * p->plane_w);
  ww = tm_dw_dsp_weight_words(v.filter_h, v.filter_w, v.stride_w);
  fast3 = v.filter_h == 3 && v.filter_w == 3 && (v.stride_w == 1 || v.stride_w == 2);
  x.w = &v;
  x.pw = p->plane_w;
  x.oc_n = p->transposed ? w->output_w * w->output_c : w->output_c;
  x.ors = p->transposed ? w->output_c : w->output_w * w->output_c;
  x.off = (p->flags & TM_DSP_OFF_FOLDED) ? 0 : p->ref.output_offset;
  x.fold = (p->flags & TM_DSP_OFF_FOLDED) != 0;
  x.nosign = (p->flags & TM_DSP_NO_SIGN) != 0;
  x.lo = p->ref.act_min;
  x.hi = p->ref.act_max;
  {
    /* every plane value (an even count, word-aligned) to the zero point, two at a time */
    uint32_t *q = (uint32_t *)scratch;
    const uint32_t zz = ((uint32_t)(uint16_t)zp) * 0x00010001u;
    int32_t n = p->group * band_rows * p->plane_w / 2;
    while (n-- > 0) *q++ = zz;
  }
  fast = (p->flags & (TM_DSP_RQ_GENERAL | TM_DSP_CLAMP)) == 0;
  tm_dw3x3_band_init(&x, &band);
#if TM_DW_ASM
  if (fast3 && fast && x.fold) {
    if (v.stride_w == 2) band_asm = x.nosign ? tm_dw3x3s2_band_ns_asm : tm_dw3x3s2_band_asm;
    else band_asm = x.nosign ? tm_dw3x3s1_band_ns_asm : tm_dw3x3s1_band_asm;
  }
#endif
  for (b = 0; b < w->batches; ++b) {
    const int8_t *in_b = input + (size_t)b * w->input_h * w->input_w * w->input_c;
    int8_t *out_b = output + (size_t)b * w->output_h * w->output_w * w->output_c;
    for (c0 = 0; c0 < w->input_c; c0 += p->group) {
      const int32_t g = w->input_c - c0 < p->group ? w->input_c - c0 : p->group;
      int32_t oy0, i;
      for (i = 0; i < g * mult; ++i) {
        tm_dw_weights(filter, v.filter_h, v.filter_w, v.stride_w, f_ys, f_xs, c0 * mult + i,
                      wbuf + (size_t)i * ww);
      }
      for (oy0 = 0; oy0 < v.output_h; oy0 += p->band) {
        const int32_t rows_out = v.output_h - oy0 < p->band ? v.output_h - oy0 : p->band;
        const int32_t rows_in = tm_dw_dsp_band_rows(rows_out, v.stride_h, v.filter_h);
        tm_dw_unpack(&v, in_b, c0, g, oy0 * v.stride_h - v.pad_h, rows_in, p->plane_w, zp,
                     planes, in_rs, in_cs, (size_t)band_rows * p->plane_w, p->band < v.output_h);
        for (i = 0; i < g * mult; ++i) {
          const int32_t oc = c0 * mult + i;
          const int16_t *plane = planes + (size_t)(i / mult) * band_rows * p->plane_w;
          const int32_t *ch = p->chan + (size_t)oc * TM_DSP_CH_WORDS;
          int8_t *o = out_b + (size_t)oy0 * x.ors + oc;
          const int general = (p->flags & TM_DSP_RQ_GENERAL) != 0;
          const int clamp = (p->flags & TM_DSP_CLAMP) != 0;
          const uint32_t *wk = wbuf + (size_t)i * ww;
#if TM_DW_ASM
          if (band_asm) {
            memcpy(&band, ch, 4 * sizeof(int32_t));
            band.rows = rows_out;
            band.r = plane;
            band.o_row = o;
            band_asm(wk, &band);
            continue;
          }
#endif
          if (fast3) {
            if (fast) tm_dw3x3_channel(&x, &band, plane, wk, ch, rows_out, o, 0, 0);
            else tm_dw3x3_channel(&x, &band, plane, wk, ch, rows_out, o, general, clamp);
          } else {
            tm_dw_channel(&x, plane, wk, ch, rows_out, o, general, clamp);
          }
        }
      }
    }
  }
  return TM_OK;
}
