/*
 * Wake-word audio front end: 16 kHz 16-bit mono PCM -> 40 log-mel features per 20 ms frame.
 *
 *   frame      480 samples (30 ms), a new frame every 320 samples (20 ms)
 *   spectrum   DC removed, Hann window, zero-padded 512-point real FFT (radix-2), power
 *   mel        40 triangular filters, 125-7500 Hz
 *   log        natural log of (energy + FE_ENERGY_EPS)
 *   noise      per-channel noise floor in the log domain that follows the signal down quickly
 *              and up slowly; the feature is (log energy - floor), clipped to
 *              [FE_FEATURE_MIN, FE_FEATURE_MAX]
 *   int8       fe_quantize() maps features to the model input's scale and zero point
 *
 * 49 frames (0.99 s) make one model input of 49 x 40. Portable C99: no allocation, no libm, no
 * I/O; the tables are const (src/fe_tables.h, made by tools/gen_tables.py). Built with
 * -std=c99 (no floating-point contraction) the host and the device compute identical bits.
 */
#ifndef WW_FRONTEND_H
#define WW_FRONTEND_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FE_SAMPLE_RATE 16000
#define FE_WINDOW 480
#define FE_STRIDE 320
#define FE_FFT 512
#define FE_CHANNELS 40
#define FE_FRAMES 49
#define FE_FEATURES (FE_FRAMES * FE_CHANNELS)
#define FE_FRAME_MS 20

#define FE_ENERGY_EPS 1e-7f
#define FE_FLOOR_DOWN 0.3f   /* per frame, when the log energy is below the floor */
#define FE_FLOOR_UP 0.01f    /* per frame, when it is above (time constant ~2 s) */
#define FE_FEATURE_MIN (-2.0f)
#define FE_FEATURE_MAX 14.0f

typedef struct {
  int16_t pcm[FE_WINDOW]; /* the current window; the first `fill` samples are valid */
  uint32_t fill;
  float floor_log[FE_CHANNELS];
  int have_floor;
  uint32_t frames; /* frames produced since fe_reset */
} fe_state;

/* Starts a new stream: empties the window and forgets the noise floor. */
void fe_reset(fe_state *s);

/* Feeds up to n samples. Stops after the first frame it completes: returns the number of
 * samples consumed and sets *ready to 1 with the frame's features in out[FE_CHANNELS];
 * otherwise consumes all n samples and sets *ready to 0. Call again with the rest. */
size_t fe_feed(fe_state *s, const int16_t *pcm, size_t n, float out[FE_CHANNELS], int *ready);

/* One frame from a full window of FE_WINDOW samples (updates the noise floor). */
void fe_compute_frame(fe_state *s, const int16_t window[FE_WINDOW], float out[FE_CHANNELS]);

/* Features to int8 for a model input quantized with (scale, zero_point):
 * q = clamp(round(f / scale) + zero_point, -128, 127). */
void fe_quantize(const float *features, size_t n, float scale, int32_t zero_point, int8_t *out);

/* Natural logarithm for x > 0 (|error| < 2e-7 relative), no libm. Exposed for tests. */
float fe_logf(float x);

/* For the host library (ctypes): runs a whole clip from a reset state and writes every frame's
 * features ((n - FE_WINDOW) / FE_STRIDE + 1 frames, 0 when n < FE_WINDOW) to out. Returns the
 * number of frames. */
uint32_t fe_clip(const int16_t *pcm, uint32_t n, float *out, uint32_t max_frames);

#ifdef __cplusplus
}
#endif

#endif /* WW_FRONTEND_H */
