/*
 * Magic-wand gesture pipeline, on-device part (portable C99: no allocation, no I/O).
 *
 *   CSV bytes ──gesture_line_push──▶ lines ──gesture_parse_line──▶ (t_ms, ax, ay, az) in g
 *     ──gesture_resampler──▶ samples on a 25 Hz grid ──gesture_ring──▶ the last 128 samples
 *     every GESTURE_HOP samples: gesture_ring_input() (gravity alignment, scaling,
 *     int8 quantization) ──▶ model ──▶ gesture_detect() (threshold, confirmation, debouncing)
 *
 * gesture_features() is the normalization itself; the training script calls it through a
 * shared library (ctypes), so the model is trained on exactly what the device computes.
 *
 * All state lives in structs the caller declares (statically on the device).
 */
#ifndef GESTURE_H
#define GESTURE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GESTURE_RATE_HZ 25
#define GESTURE_PERIOD_MS 40        /* 1000 / GESTURE_RATE_HZ */
#define GESTURE_WINDOW 128          /* samples per inference window (5.12 s) */
#define GESTURE_AXES 3
#define GESTURE_HOP 8               /* an inference every 8 new samples (320 ms) */
#define GESTURE_CLASSES 4           /* wing, ring, slope, none */
#define GESTURE_NONE 3
#define GESTURE_LINE_MAX 96         /* longest CSV line accepted */
#define GESTURE_MAX_GAP_MS 1000     /* a longer gap between samples restarts the resampler */
#define GESTURE_FEATURE_CLIP 4.0f   /* features are clipped to +-this (in g) */

/* Detection (see gesture_detect). */
#ifndef GESTURE_THRESHOLD
#define GESTURE_THRESHOLD 0.70f     /* class probability needed */
#endif
#ifndef GESTURE_CONFIRM
#define GESTURE_CONFIRM 2           /* consecutive inferences with the same label */
#endif
#ifndef GESTURE_REARM
#define GESTURE_REARM 0.30f         /* a label re-arms once its probability fell below this */
#endif
#ifndef GESTURE_REARM_MS
#define GESTURE_REARM_MS 2800       /* ... or this long after its report (the model was trained to
                                       say "none" once a gesture ended more than 2.8 s ago) */
#endif
#ifndef GESTURE_REFRACTORY_MS
#define GESTURE_REFRACTORY_MS 1500  /* no report within this time after a report */
#endif

/* The class names, in the model's output order. */
extern const char *const gesture_labels[GESTURE_CLASSES];

/* ---- CSV input ---------------------------------------------------------------------------- */

typedef struct {
  char line[GESTURE_LINE_MAX + 1];
  uint32_t len;
  uint8_t overflow;
} gesture_lines;

void gesture_lines_init(gesture_lines *l);
/* Feeds one byte. Returns 1 when a complete line is in l->line (NUL-terminated, without the
 * line ending; valid until the next call), 0 otherwise. Over-long lines are returned truncated
 * and flagged by l->overflow. Call with c = '\n' at the end of input to flush a last line. */
int gesture_line_push(gesture_lines *l, char c);

/* Parses "t_ms,ax,ay,az" (accelerations in g; extra columns ignored). Returns 1 for a sample,
 * 0 for a line to skip (empty, a header or a '#' comment), -1 for a malformed line. */
int gesture_parse_line(const char *line, int32_t *t_ms, float acc[GESTURE_AXES]);

/* ---- Resampling to the 25 Hz grid ---------------------------------------------------------- */

typedef struct {
  int32_t prev_t, next_t;
  float prev[GESTURE_AXES], cur[GESTURE_AXES];
  int32_t cur_t;
  uint8_t started, has_cur;
} gesture_resampler;

void gesture_resampler_init(gesture_resampler *r);
/* Adds a raw sample. Samples whose time does not increase are ignored (returns 0); else 1. */
int gesture_resampler_push(gesture_resampler *r, int32_t t_ms, const float acc[GESTURE_AXES]);
/* Takes the next grid sample (linear interpolation) once the raw data reaches it: returns 1 and
 * fills out/t_ms, or 0 when none is due yet. Call until it returns 0 after every push. */
int gesture_resampler_next(gesture_resampler *r, float out[GESTURE_AXES], int32_t *t_ms);

/* ---- The window ring buffer ---------------------------------------------------------------- */

typedef struct {
  float data[GESTURE_WINDOW][GESTURE_AXES];
  uint32_t head;       /* next slot to write */
  uint32_t count;      /* samples pushed so far (saturates) */
  uint32_t since_run;  /* samples since the last inference */
  int32_t last_t;      /* time of the newest sample */
} gesture_ring;

void gesture_ring_init(gesture_ring *g);
/* Adds a sample; returns 1 when an inference is due (a full window and GESTURE_HOP new samples
 * since the last one). */
int gesture_ring_push(gesture_ring *g, const float acc[GESTURE_AXES], int32_t t_ms);
/* Copies the window, oldest sample first, to win[GESTURE_WINDOW * GESTURE_AXES]. */
void gesture_ring_window(const gesture_ring *g, float *win);

/* ---- Normalization and quantization -------------------------------------------------------- */

/* The model's input features from a raw window (GESTURE_WINDOW x 3, g, oldest first): the
 * window's mean acceleration is taken as gravity; every sample is rotated so that gravity points
 * along +z (removing the device's tilt and roll), gravity is subtracted, and the result is
 * clipped to +-GESTURE_FEATURE_CLIP. `out` may equal `win`. */
void gesture_features(const float *win, float *out);

/* Quantizes n floats to int8 with the model input's scale and zero point. */
void gesture_quantize(const float *x, int8_t *q, uint32_t n, float scale, int32_t zero_point);

/* The model input for the ring's current window (uses a static work buffer). */
void gesture_ring_input(const gesture_ring *g, int8_t *q, float scale, int32_t zero_point);

/* ---- Post-processing ----------------------------------------------------------------------- */

typedef struct {
  int8_t streak_label;   /* label of the current run of confident inferences, -1 none */
  uint8_t streak;
  uint8_t armed[GESTURE_CLASSES];
  uint8_t has_report;
  int32_t last_report_t;
  int32_t label_report_t[GESTURE_CLASSES];
} gesture_detector;

void gesture_detector_init(gesture_detector *d);
/* Dequantizes the model's int8 output to probabilities. */
void gesture_dequantize(const int8_t *q, float *p, uint32_t n, float scale, int32_t zero_point);
/* Feeds one inference's class probabilities (at the time of the window's newest sample).
 * Reports a gesture (returns 1, *label set) when one label other than "none" reached
 * GESTURE_THRESHOLD in GESTURE_CONFIRM consecutive inferences, that label is armed, and the
 * last report is at least GESTURE_REFRACTORY_MS old. A reported label is disarmed until its
 * probability drops below GESTURE_REARM or GESTURE_REARM_MS have passed since its report (so the
 * same gesture drawn again right away is still found). Returns 0 otherwise. */
int gesture_detect(gesture_detector *d, const float p[GESTURE_CLASSES], int32_t t_ms, int *label);

#ifdef __cplusplus
}
#endif

#endif /* GESTURE_H */
