/* Wake-word recognizer; see recognizer.h. */
#include "recognizer.h"

#include <string.h>

int rc_init(rc_state *s, const rc_config *cfg) {
  memset(s, 0, sizeof *s);
  if (cfg->n_labels == 0 || cfg->n_labels > RC_MAX_LABELS || cfg->window_ms <= 0 ||
      cfg->suppression_ms < 0 || cfg->min_count < 1 || cfg->min_count > RC_MAX_HISTORY ||
      cfg->threshold < 0 || cfg->threshold > 255 || cfg->rearm < 0 || cfg->rearm > cfg->threshold) {
    return 0;
  }
  s->cfg = *cfg;
  return 1;
}

uint8_t rc_score_u8(int8_t q, float scale, int32_t zero_point) {
  float p = (float)((int32_t)q - zero_point) * scale * 256.0f;
  if (p <= 0.0f) return 0;
  if (p >= 255.0f) return 255;
  return (uint8_t)(p + 0.5f);
}

int rc_process(rc_state *s, const uint8_t *scores, int32_t time_ms, rc_detection *det) {
  const uint32_t n = s->cfg.n_labels;
  uint32_t sum[RC_MAX_LABELS];
  uint32_t i, k, best = 0;
  int32_t avg;

  /* Append (dropping the oldest entry when full). */
  if (s->count == RC_MAX_HISTORY) {
    s->head = (s->head + 1u) % RC_MAX_HISTORY;
    s->count -= 1u;
  }
  k = (s->head + s->count) % RC_MAX_HISTORY;
  s->times[k] = time_ms;
  memcpy(s->scores[k], scores, n);
  s->count += 1u;

  /* Forget inferences older than the window. */
  while (s->count > 0u && time_ms - s->times[s->head] >= s->cfg.window_ms) {
    s->head = (s->head + 1u) % RC_MAX_HISTORY;
    s->count -= 1u;
  }
  if ((int32_t)s->count < s->cfg.min_count) return 0;

  memset(sum, 0, sizeof sum);
  for (i = 0; i < s->count; ++i) {
    const uint8_t *sc = s->scores[(s->head + i) % RC_MAX_HISTORY];
    for (k = 0; k < n; ++k) sum[k] += sc[k];
  }
  /* Re-arm the labels whose average has fallen below `rearm`. */
  for (k = 0; k < n; ++k) {
    if (((s->disarmed >> k) & 1u) && (int32_t)((sum[k] + s->count / 2u) / s->count) < s->cfg.rearm) {
      s->disarmed &= ~(1u << k);
    }
  }
  for (k = 1; k < n; ++k) {
    if (sum[k] > sum[best]) best = k;
  }
  avg = (int32_t)((sum[best] + s->count / 2u) / s->count);
  if (!((s->cfg.keyword_mask >> best) & 1u) || avg < s->cfg.threshold || ((s->disarmed >> best) & 1u)) return 0;
  if (s->has_detection && time_ms - s->last_detection_ms < s->cfg.suppression_ms) return 0;
  s->has_detection = 1;
  s->last_detection_ms = time_ms;
  s->disarmed |= 1u << best;
  det->label = (int32_t)best;
  det->time_ms = time_ms;
  det->score = avg;
  return 1;
}
