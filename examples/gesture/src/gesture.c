/* Magic-wand gesture pipeline: see gesture.h. */
#include "gesture.h"

#include <math.h>
#include <string.h>

const char *const gesture_labels[GESTURE_CLASSES] = {"wing", "ring", "slope", "none"};

/* ---- CSV input ---------------------------------------------------------------------------- */

void gesture_lines_init(gesture_lines *l) {
  l->len = 0;
  l->overflow = 0;
  l->line[0] = '\0';
}

int gesture_line_push(gesture_lines *l, char c) {
  if (c == '\n') {
    l->line[l->len] = '\0';
    l->len = 0;
    return 1;
  }
  if (c == '\r') return 0;
  if (l->len == 0) l->overflow = 0;
  if (l->len < GESTURE_LINE_MAX) {
    l->line[l->len++] = c;
  } else {
    l->overflow = 1;
  }
  return 0;
}

static int is_space(char c) { return c == ' ' || c == '\t'; }

/* Parses a decimal number ([+-]digits[.digits][e[+-]digits]) at *p; advances *p. Returns 1 on
 * success. Accumulates in double: every value in a CSV line is short. */
static int parse_number(const char **p, double *v) {
  const char *s = *p;
  double x = 0.0, scale = 1.0;
  int neg = 0, digits = 0;
  while (is_space(*s)) ++s;
  if (*s == '+' || *s == '-') neg = (*s++ == '-');
  while (*s >= '0' && *s <= '9') {
    x = x * 10.0 + (double)(*s++ - '0');
    ++digits;
  }
  if (*s == '.') {
    ++s;
    while (*s >= '0' && *s <= '9') {
      scale *= 0.1;
      x += (double)(*s++ - '0') * scale;
      ++digits;
    }
  }
  if (digits == 0) return 0;
  if (*s == 'e' || *s == 'E') {
    int eneg = 0, e = 0, edigits = 0;
    ++s;
    if (*s == '+' || *s == '-') eneg = (*s++ == '-');
    while (*s >= '0' && *s <= '9') {
      if (e < 400) e = e * 10 + (*s - '0');
      ++s;
      ++edigits;
    }
    if (edigits == 0) return 0;
    while (e-- > 0) x = eneg ? x * 0.1 : x * 10.0;
  }
  while (is_space(*s)) ++s;
  *p = s;
  *v = neg ? -x : x;
  return 1;
}

int gesture_parse_line(const char *line, int32_t *t_ms, float acc[GESTURE_AXES]) {
  const char *p = line;
  double v[1 + GESTURE_AXES];
  int i;
  while (is_space(*p)) ++p;
  if (*p == '\0' || *p == '#') return 0;
  if (!((*p >= '0' && *p <= '9') || *p == '-' || *p == '+' || *p == '.')) return 0; /* header */
  for (i = 0; i < 1 + GESTURE_AXES; ++i) {
    if (!parse_number(&p, &v[i])) return -1;
    if (i < GESTURE_AXES) {
      if (*p != ',') return -1;
      ++p;
    } else if (*p != '\0' && *p != ',') {
      return -1;
    }
  }
  if (v[0] < -2147483647.0 || v[0] > 2147483647.0) return -1;
  *t_ms = (int32_t)(v[0] < 0 ? v[0] - 0.5 : v[0] + 0.5);
  for (i = 0; i < GESTURE_AXES; ++i) {
    if (!(v[1 + i] > -100000.0 && v[1 + i] < 100000.0)) return -1; /* g or milli-g */
    acc[i] = (float)v[1 + i];
  }
  return 1;
}

/* ---- Resampling ---------------------------------------------------------------------------- */

void gesture_resampler_init(gesture_resampler *r) { memset(r, 0, sizeof *r); }

int gesture_resampler_push(gesture_resampler *r, int32_t t_ms, const float acc[GESTURE_AXES]) {
  int i;
  if (r->started && t_ms <= r->cur_t) return 0;
  if (!r->started || t_ms - r->cur_t > GESTURE_MAX_GAP_MS) {
    /* first sample, or a gap: restart the grid here */
    r->started = 1;
    r->prev_t = r->cur_t = t_ms;
    r->next_t = t_ms;
    for (i = 0; i < GESTURE_AXES; ++i) r->prev[i] = r->cur[i] = acc[i];
    return 1;
  }
  r->prev_t = r->cur_t;
  r->cur_t = t_ms;
  for (i = 0; i < GESTURE_AXES; ++i) {
    r->prev[i] = r->cur[i];
    r->cur[i] = acc[i];
  }
  return 1;
}

int gesture_resampler_next(gesture_resampler *r, float out[GESTURE_AXES], int32_t *t_ms) {
  float f = 0.0f;
  int i;
  if (!r->started || r->next_t > r->cur_t) return 0;
  if (r->cur_t > r->prev_t) f = (float)(r->next_t - r->prev_t) / (float)(r->cur_t - r->prev_t);
  for (i = 0; i < GESTURE_AXES; ++i) out[i] = r->prev[i] + f * (r->cur[i] - r->prev[i]);
  *t_ms = r->next_t;
  r->next_t += GESTURE_PERIOD_MS;
  return 1;
}

/* ---- Ring buffer --------------------------------------------------------------------------- */

void gesture_ring_init(gesture_ring *g) { memset(g, 0, sizeof *g); }

int gesture_ring_push(gesture_ring *g, const float acc[GESTURE_AXES], int32_t t_ms) {
  int i;
  if (g->count == 0) {
    /* The first sample fills the whole window (the device held still before the recording), so
     * inferences start after GESTURE_HOP samples instead of a full window: short recordings work. */
    uint32_t k;
    for (k = 0; k < GESTURE_WINDOW; ++k)
      for (i = 0; i < GESTURE_AXES; ++i) g->data[k][i] = acc[i];
    g->count = GESTURE_WINDOW - 1u;
  }
  for (i = 0; i < GESTURE_AXES; ++i) g->data[g->head][i] = acc[i];
  g->head = (g->head + 1u) % GESTURE_WINDOW;
  if (g->count < GESTURE_WINDOW) ++g->count;
  if (g->since_run < GESTURE_WINDOW) ++g->since_run;
  g->last_t = t_ms;
  if (g->count >= GESTURE_WINDOW && g->since_run >= GESTURE_HOP) {
    g->since_run = 0;
    return 1;
  }
  return 0;
}

void gesture_ring_window(const gesture_ring *g, float *win) {
  uint32_t i, k = g->head; /* the oldest sample, once the ring is full */
  for (i = 0; i < GESTURE_WINDOW; ++i) {
    memcpy(win + i * GESTURE_AXES, g->data[k], sizeof g->data[k]);
    k = (k + 1u) % GESTURE_WINDOW;
  }
}

/* ---- Normalization ------------------------------------------------------------------------- */

void gesture_features(const float *win, float *out) {
  float m[3] = {0.0f, 0.0f, 0.0f};
  float r[3][3] = {{1.0f, 0.0f, 0.0f}, {0.0f, 1.0f, 0.0f}, {0.0f, 0.0f, 1.0f}};
  float norm, ux, uy, uz, k;
  uint32_t i;
  int a;
  for (i = 0; i < GESTURE_WINDOW; ++i)
    for (a = 0; a < 3; ++a) m[a] += win[i * 3u + (uint32_t)a];
  for (a = 0; a < 3; ++a) m[a] /= (float)GESTURE_WINDOW;
  norm = sqrtf(m[0] * m[0] + m[1] * m[1] + m[2] * m[2]);
  if (norm > 0.2f) {
    ux = m[0] / norm;
    uy = m[1] / norm;
    uz = m[2] / norm;
    if (uz > -0.999f) {
      /* Rodrigues: the rotation taking u onto +z, axis v = u x z = (uy, -ux, 0), cos = uz:
       * R = I + [v]x + [v]x^2 / (1 + uz). */
      k = 1.0f / (1.0f + uz);
      r[0][0] = 1.0f - ux * ux * k;
      r[0][1] = -ux * uy * k;
      r[0][2] = -ux;
      r[1][0] = -ux * uy * k;
      r[1][1] = 1.0f - uy * uy * k;
      r[1][2] = -uy;
      r[2][0] = ux;
      r[2][1] = uy;
      r[2][2] = uz;
    } else {
      /* upside down: half a turn about x */
      r[1][1] = -1.0f;
      r[2][2] = -1.0f;
    }
  } /* else no usable gravity (free fall): only the mean is removed */
  for (i = 0; i < GESTURE_WINDOW; ++i) {
    float d[3], y;
    for (a = 0; a < 3; ++a) d[a] = win[i * 3u + (uint32_t)a] - m[a];
    for (a = 0; a < 3; ++a) {
      y = r[a][0] * d[0] + r[a][1] * d[1] + r[a][2] * d[2];
      if (y > GESTURE_FEATURE_CLIP) y = GESTURE_FEATURE_CLIP;
      if (y < -GESTURE_FEATURE_CLIP) y = -GESTURE_FEATURE_CLIP;
      out[i * 3u + (uint32_t)a] = y;
    }
  }
}

void gesture_quantize(const float *x, int8_t *q, uint32_t n, float scale, int32_t zero_point) {
  uint32_t i;
  for (i = 0; i < n; ++i) {
    float v = x[i] / scale;
    int32_t iv = (int32_t)(v < 0.0f ? v - 0.5f : v + 0.5f) + zero_point;
    if (iv < -128) iv = -128;
    if (iv > 127) iv = 127;
    q[i] = (int8_t)iv;
  }
}

void gesture_ring_input(const gesture_ring *g, int8_t *q, float scale, int32_t zero_point) {
  static float work[GESTURE_WINDOW * GESTURE_AXES];
  gesture_ring_window(g, work);
  gesture_features(work, work);
  gesture_quantize(work, q, GESTURE_WINDOW * GESTURE_AXES, scale, zero_point);
}

/* ---- Post-processing ----------------------------------------------------------------------- */

void gesture_detector_init(gesture_detector *d) {
  int i;
  d->streak_label = -1;
  d->streak = 0;
  for (i = 0; i < GESTURE_CLASSES; ++i) {
    d->armed[i] = 1;
    d->label_report_t[i] = 0;
  }
  d->has_report = 0;
  d->last_report_t = 0;
}

void gesture_dequantize(const int8_t *q, float *p, uint32_t n, float scale, int32_t zero_point) {
  uint32_t i;
  for (i = 0; i < n; ++i) p[i] = (float)((int32_t)q[i] - zero_point) * scale;
}

int gesture_detect(gesture_detector *d, const float p[GESTURE_CLASSES], int32_t t_ms, int *label) {
  int i, best = -1;
  for (i = 0; i < GESTURE_CLASSES; ++i) {
    if (i != GESTURE_NONE && (p[i] < GESTURE_REARM || t_ms - d->label_report_t[i] >= GESTURE_REARM_MS))
      d->armed[i] = 1;
  }
  for (i = 0; i < GESTURE_CLASSES; ++i) {
    if (i != GESTURE_NONE && p[i] >= GESTURE_THRESHOLD && (best < 0 || p[i] > p[best])) best = i;
  }
  if (best < 0) {
    d->streak_label = -1;
    d->streak = 0;
    return 0;
  }
  if (d->streak_label == best) {
    if (d->streak < 255) ++d->streak;
  } else {
    d->streak_label = (int8_t)best;
    d->streak = 1;
  }
  if (d->streak < GESTURE_CONFIRM || !d->armed[best]) return 0;
  if (d->has_report && t_ms - d->last_report_t < GESTURE_REFRACTORY_MS) return 0;
  d->armed[best] = 0;
  d->has_report = 1;
  d->last_report_t = t_ms;
  d->label_report_t[best] = t_ms;
  *label = best;
  return 1;
}
