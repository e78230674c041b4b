/* ADD int8, same shapes, DSP extension (dsp_add.h): one table load and one SMMLAR per element;
 * on Thumb-2 an assembly loop of four elements per iteration. */
#include "tinyml/kernels/dsp_add.h"

typedef struct {
  const int32_t *tab;
  int32_t mult, round, shift, lo, hi;
} tm_add_dsp_k;

/* The portable twin of one element (and the tail of the assembly loop). */
TM_DSP_INLINE int8_t tm_add_dsp_one(const tm_add_dsp_k *k, int8_t t, int8_t y, const int sign,
                                    const int clamp) {
  const int32_t s = (int32_t)((uint32_t)k->tab[(uint8_t)t] + ((uint32_t)(int32_t)y << 20));
  int32_t v = tm_smmlar(s, k->mult, k->round);
  if (sign) v = (int32_t)((uint32_t)v + (uint32_t)tm_asr(s, 31));
  v = tm_asr(v, (int)k->shift);
  if (clamp) {
    if (v < k->lo) v = k->lo;
    if (v > k->hi) v = k->hi;
  } else {
    v = tm_ssat8(v);
  }
  return (int8_t)v;
}

#if TM_DSP_NATIVE && defined(__thumb2__) && defined(__OPTIMIZE__)
#define TM_ADD_LOAD                                  \
  "ldrb %[a], [%[pt]], #1\n\t"                       \
  "ldrsb %[b], [%[py]], #1\n\t"                      \
  "ldr %[a], [%[tab], %[a], lsl #2]\n\t"             \
  "add %[b], %[a], %[b], lsl #20\n\t"                \
  "smmlar %[a], %[b], %[m], %[r]\n\t"
#define TM_ADD_SIGN "add %[a], %[a], %[b], asr #31\n\t"
#define TM_ADD_SHIFT "asr %[a], %[a], %[e]\n\t"
#define TM_ADD_SAT "ssat %[a], #8, %[a]\n\t"
/* act_min in a register; act_max (when below 127) loaded into the free temporary */
#define TM_ADD_CLAMP_LO                              \
  "ssat %[a], #8, %[a]\n\t"                          \
  "cmp %[a], %[lo]\n\t"                              \
  "it lt\n\t"                                        \
  "movlt %[a], %[lo]\n\t"
#define TM_ADD_CLAMP_HI                              \
  "ldr %[b], %[him]\n\t"                             \
  "cmp %[a], %[b]\n\t"                               \
  "it gt\n\t"                                        \
  "movgt %[a], %[b]\n\t"
#define TM_ADD_STORE "strb %[a], [%[po]], #1\n\t"
#define TM_ADD_LOOP(one)                                                                        \
  __asm__ volatile("1:\n\t" one one one one                                                     \
                   "subs %[n], %[n], #1\n\t"                                                    \
                   "bne 1b\n"                                                                   \
                   : [pt] "+r"(pt), [py] "+r"(py), [po] "+r"(po), [n] "+r"(n), [a] "=&r"(a),   \
                     [b] "=&r"(b)                                                               \
                   : [tab] "r"(k.tab), [m] "r"(k.mult), [r] "r"(k.round), [e] "r"(k.shift)     \
                   : "cc", "memory")
#define TM_ADD_LOOP_CLAMP(one)                                                                  \
  __asm__ volatile("1:\n\t" one one one one                                                     \
                   "subs %[n], %[n], #1\n\t"                                                    \
                   "bne 1b\n"                                                                   \
                   : [pt] "+r"(pt), [py] "+r"(py), [po] "+r"(po), [n] "+r"(n), [a] "=&r"(a),   \
                     [b] "=&r"(b)                                                               \
                   : [tab] "r"(k.tab), [m] "r"(k.mult), [r] "r"(k.round), [e] "r"(k.shift),    \
                     [lo] "r"(k.lo), [him] "m"(k.hi)                                            \
                   : "cc", "memory")
#endif

tm_status tm_add_s8_dsp(const tm_add_s8_dsp_params *p, const int8_t *in1, const int8_t *in2,
                        int8_t *out) {
  const int swap = (p->flags & TM_DSP_ADD_SWAP) != 0;
  const int sign = (p->flags & TM_DSP_NO_SIGN) == 0;
  const int clamp = (p->flags & TM_DSP_CLAMP) != 0;
  const int8_t *pt = swap ? in2 : in1;
  const int8_t *py = swap ? in1 : in2;
  int8_t *po = out;
  int32_t n, i;
  tm_add_dsp_k k;
  if (p->table == NULL || p->ref.bc.broadcast || p->ref.bc.size < 0 || p->shift < 0 ||
      p->shift > 31 || p->ref.act_min > p->ref.act_max) {
    return TM_BAD_PARAM;
  }
  k.tab = p->table;
  k.mult = p->mult;
  k.round = p->round;
  k.shift = p->shift;
  k.lo = p->ref.act_min;
  k.hi = p->ref.act_max;
  n = p->ref.bc.size >> 2;
#if TM_DSP_NATIVE && defined(__thumb2__) && defined(__OPTIMIZE__)
  if (n > 0) {
    uint32_t a, b;
    if (sign) {
      if (clamp && k.hi < 127) {
        TM_ADD_LOOP_CLAMP(TM_ADD_LOAD TM_ADD_SIGN TM_ADD_SHIFT TM_ADD_CLAMP_LO TM_ADD_CLAMP_HI
                              TM_ADD_STORE);
      } else if (clamp) {
        TM_ADD_LOOP_CLAMP(TM_ADD_LOAD TM_ADD_SIGN TM_ADD_SHIFT TM_ADD_CLAMP_LO TM_ADD_STORE);
      } else {
        TM_ADD_LOOP(TM_ADD_LOAD TM_ADD_SIGN TM_ADD_SHIFT TM_ADD_SAT TM_ADD_STORE);
      }
    } else {
      if (clamp && k.hi < 127) {
        TM_ADD_LOOP_CLAMP(TM_ADD_LOAD TM_ADD_SHIFT TM_ADD_CLAMP_LO TM_ADD_CLAMP_HI TM_ADD_STORE);
      } else if (clamp) {
        TM_ADD_LOOP_CLAMP(TM_ADD_LOAD TM_ADD_SHIFT TM_ADD_CLAMP_LO TM_ADD_STORE);
      } else {
        TM_ADD_LOOP(TM_ADD_LOAD TM_ADD_SHIFT TM_ADD_SAT TM_ADD_STORE);
      }
    }
  }
#else
  /* four at a time, as the assembly loop */
  for (; n > 0; --n, pt += 4, py += 4, po += 4) {
    for (i = 0; i < 4; ++i) {
      /* each element read before it is written: the output may be either input */
      const int8_t t = pt[i], y = py[i];
      if (sign) {
        po[i] = clamp ? tm_add_dsp_one(&k, t, y, 1, 1) : tm_add_dsp_one(&k, t, y, 1, 0);
      } else {
        po[i] = clamp ? tm_add_dsp_one(&k, t, y, 0, 1) : tm_add_dsp_one(&k, t, y, 0, 0);
      }
    }
  }
#endif
  for (i = 0; i < (p->ref.bc.size & 3); ++i) {
    const int8_t t = pt[i], y = py[i];
    po[i] = sign ? (clamp ? tm_add_dsp_one(&k, t, y, 1, 1) : tm_add_dsp_one(&k, t, y, 1, 0))
                 : (clamp ? tm_add_dsp_one(&k, t, y, 0, 1) : tm_add_dsp_one(&k, t, y, 0, 0));
  }
  return TM_OK;
}

tm_status tm_eval_add_s8_dsp(const void *params, const void *const *in, void *const *out,
                             void *scratch) {
  (void)scratch;
  if (params == NULL || in[0] == NULL || in[1] == NULL || out[0] == NULL) return TM_BAD_PARAM;
  return tm_add_s8_dsp((const tm_add_s8_dsp_params *)params, (const int8_t *)in[0],
                       (const int8_t *)in[1], (int8_t *)out[0]);
}
