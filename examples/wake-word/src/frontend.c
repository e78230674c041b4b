/* Wake-word audio front end; see frontend.h. */
#include "frontend.h"

#include <string.h>

#include "fe_tables.h"

#define FE_HALF (FE_FFT / 2) /* the real FFT runs as a complex FFT of half the size */
#define FE_BINS (FE_FFT / 2 + 1)

/* Work buffers (3 KB), shared by every stream: fe_compute_frame is not reentrant. */
static float fft_re[FE_HALF];
static float fft_im[FE_HALF];
static float power[FE_BINS];

void fe_reset(fe_state *s) {
  memset(s, 0, sizeof *s);
}

float fe_logf(float x) {
  /* x = m * 2^e with m in [sqrt(1/2), sqrt(2)); ln m = 2 atanh(t), t = (m - 1) / (m + 1). */
  uint32_t bits;
  int32_t e;
  float m, t, t2, p;
  float extra = 0.0f;
  if (!(x > 0.0f)) return -87.33655f; /* ln(FLT_MIN): the floor for zero and negatives */
  if (x < 1.17549435e-38f) {          /* subnormal: scale into the normal range */
    x *= 8388608.0f;                  /* 2^23 */
    extra = -15.942385f;              /* -23 ln 2 */
  }
  memcpy(&bits, &x, sizeof bits);
  e = (int32_t)((bits >> 23) & 0xFFu) - 127;
  bits = (bits & 0x007FFFFFu) | 0x3F800000u;
  memcpy(&m, &bits, sizeof m);
  if (m > 1.41421356f) {
    m *= 0.5f;
    e += 1;
  }
  t = (m - 1.0f) / (m + 1.0f);
  t2 = t * t;
  p = t * (2.0f + t2 * (0.6666667f + t2 * (0.4f + t2 * 0.2857143f)));
  return (float)e * 0.69314718f + p + extra;
}

/* In-place radix-2 decimation-in-time FFT of FE_HALF points; input already bit-reversed. */
static void fft_half(void) {
  uint32_t len, i, m;
  for (len = 2; len <= FE_HALF; len <<= 1) {
    const uint32_t half = len >> 1;
    const uint32_t step = FE_FFT / len; /* e^{-2 pi i m / len} = e^{-2 pi i (m step) / FE_FFT} */
    for (i = 0; i < FE_HALF; i += len) {
      for (m = 0; m < half; ++m) {
        const float wr = fe_cos[m * step];
        const float wi = -fe_sin[m * step];
        const uint32_t a = i + m, b = a + half;
        const float tr = fft_re[b] * wr - fft_im[b] * wi;
        const float ti = fft_re[b] * wi + fft_im[b] * wr;
        fft_re[b] = fft_re[a] - tr;
        fft_im[b] = fft_im[a] - ti;
        fft_re[a] += tr;
        fft_im[a] += ti;
      }
    }
  }
}

/* Power spectrum of the windowed frame: power[0..FE_FFT/2]. */
static void power_spectrum(const int16_t *w) {
  int32_t sum = 0;
  float mean;
  uint32_t k;
  for (k = 0; k < FE_WINDOW; ++k) sum += w[k];
  mean = (float)sum / (float)FE_WINDOW;
  /* Even samples to the real parts, odd samples to the imaginary parts, bit-reversed. */
  for (k = 0; k < FE_HALF; ++k) {
    const uint32_t n0 = 2u * k, n1 = n0 + 1u;
    const uint32_t j = fe_bitrev[k];
    fft_re[j] = n0 < FE_WINDOW ? ((float)w[n0] - mean) * (1.0f / 32768.0f) * fe_window[n0] : 0.0f;
    fft_im[j] = n1 < FE_WINDOW ? ((float)w[n1] - mean) * (1.0f / 32768.0f) * fe_window[n1] : 0.0f;
  }
  fft_half();
  /* Split: X[k] = E[k] + e^{-2 pi i k / FE_FFT} O[k], with E, O the spectra of the even and odd
   * samples: E = (Z[k] + conj Z[N-k]) / 2, O = (Z[k] - conj Z[N-k]) / 2i. */
  for (k = 0; k <= FE_HALF; ++k) {
    const uint32_t a = k % FE_HALF, b = (FE_HALF - k) % FE_HALF;
    const float er = 0.5f * (fft_re[a] + fft_re[b]);
    const float ei = 0.5f * (fft_im[a] - fft_im[b]);
    const float orr = 0.5f * (fft_im[a] + fft_im[b]);
    const float oi = -0.5f * (fft_re[a] - fft_re[b]);
    const float c = k < FE_HALF ? fe_cos[k] : -1.0f;
    const float s = k < FE_HALF ? fe_sin[k] : 0.0f;
    const float xr = er + (c * orr + s * oi);
    const float xi = ei + (c * oi - s * orr);
    power[k] = xr * xr + xi * xi;
  }
}

void fe_compute_frame(fe_state *s, const int16_t window[FE_WINDOW], float out[FE_CHANNELS]) {
  uint32_t c, j, wi = 0;
  power_spectrum(window);
  for (c = 0; c < FE_CHANNELS; ++c) {
    const float *p = power + fe_mel_start[c];
    float energy = 0.0f, f, feature;
    for (j = 0; j < fe_mel_count[c]; ++j) energy += fe_mel_weights[wi + j] * p[j];
    wi += fe_mel_count[c];
    f = fe_logf(energy + FE_ENERGY_EPS);
    if (!s->have_floor) s->floor_log[c] = f;
    feature = f - s->floor_log[c];
    if (f < s->floor_log[c]) {
      s->floor_log[c] += FE_FLOOR_DOWN * (f - s->floor_log[c]);
    } else {
      s->floor_log[c] += FE_FLOOR_UP * (f - s->floor_log[c]);
    }
    if (feature < FE_FEATURE_MIN) feature = FE_FEATURE_MIN;
    if (feature > FE_FEATURE_MAX) feature = FE_FEATURE_MAX;
    out[c] = feature;
  }
  s->have_floor = 1;
  s->frames += 1u;
}

size_t fe_feed(fe_state *s, const int16_t *pcm, size_t n, float out[FE_CHANNELS], int *ready) {
  size_t take = FE_WINDOW - s->fill;
  *ready = 0;
  if (take > n) take = n;
  memcpy(s->pcm + s->fill, pcm, take * sizeof pcm[0]);
  s->fill += (uint32_t)take;
  if (s->fill < FE_WINDOW) return take;
  fe_compute_frame(s, s->pcm, out);
  /* Keep the last FE_WINDOW - FE_STRIDE samples: they start the next window. */
  memmove(s->pcm, s->pcm + FE_STRIDE, (FE_WINDOW - FE_STRIDE) * sizeof s->pcm[0]);
  s->fill = FE_WINDOW - FE_STRIDE;
  *ready = 1;
  return take;
}

void fe_quantize(const float *features, size_t n, float scale, int32_t zero_point, int8_t *out) {
  size_t i;
  for (i = 0; i < n; ++i) {
    float v = features[i] / scale;
    int32_t q;
    if (v > 1000.0f) v = 1000.0f;
    if (v < -1000.0f) v = -1000.0f;
    q = (int32_t)(v >= 0.0f ? v + 0.5f : v - 0.5f) + zero_point;
    if (q < -128) q = -128;
    if (q > 127) q = 127;
    out[i] = (int8_t)q;
  }
}

uint32_t fe_clip(const int16_t *pcm, uint32_t n, float *out, uint32_t max_frames) {
  static fe_state st;
  uint32_t frames = 0, pos = 0;
  fe_reset(&st);
  while (pos < n && frames < max_frames) {
    int ready;
    pos += (uint32_t)fe_feed(&st, pcm + pos, n - pos, out + (size_t)frames * FE_CHANNELS, &ready);
    if (ready) frames += 1u;
  }
  return frames;
}
