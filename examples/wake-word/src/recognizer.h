/*
 * Wake-word recognizer: turns the model's per-inference scores into detections.
 *
 * Every inference hands in its scores (probabilities as 0..255) and the stream time. The
 * recognizer averages each label's score over the inferences of the last `window_ms`, takes the
 * best label, and reports a detection when that label is a keyword (`keyword_mask`), its
 * average is at least `threshold`, at least `min_count` inferences are in the window, the last
 * detection is at least `suppression_ms` old, and the label is armed. Detecting a label disarms
 * it until its average falls below `rearm`, so a word that stays in the window longer than the
 * suppression time is not reported twice. Portable C99, no allocation.
 */
#ifndef WW_RECOGNIZER_H
#define WW_RECOGNIZER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RC_MAX_LABELS 8
#define RC_MAX_HISTORY 64 /* inferences kept; window_ms / inference period must fit */

typedef struct {
  int32_t window_ms;      /* averaging window */
  int32_t suppression_ms; /* no new detection this long after one */
  int32_t min_count;      /* inferences needed in the window */
  int32_t threshold;      /* 0..255, on the averaged score */
  int32_t rearm;          /* 0..threshold: a detected label can fire again once below this */
  uint32_t keyword_mask;  /* bit i set: label i can be detected */
  uint8_t n_labels;
} rc_config;

typedef struct {
  int32_t label;   /* index of the detected label */
  int32_t time_ms; /* stream time of the inference that detected it (end of its audio) */
  int32_t score;   /* averaged score 0..255 */
} rc_detection;

typedef struct {
  rc_config cfg;
  int32_t times[RC_MAX_HISTORY];
  uint8_t scores[RC_MAX_HISTORY][RC_MAX_LABELS];
  uint32_t head;  /* index of the oldest entry */
  uint32_t count; /* entries held */
  int32_t last_detection_ms;
  int has_detection;
  uint32_t disarmed; /* bit i: label i waits for its average to fall below rearm */
} rc_state;

/* Returns 0 when the configuration is unusable (too many labels, bad numbers). */
int rc_init(rc_state *s, const rc_config *cfg);

/* Adds one inference's scores (n_labels values, 0..255) at stream time time_ms (non-decreasing).
 * Returns 1 and fills *det when a detection fires, else 0. */
int rc_process(rc_state *s, const uint8_t *scores, int32_t time_ms, rc_detection *det);

/* Model output (int8 probabilities quantized with scale, zero_point) to 0..255. */
uint8_t rc_score_u8(int8_t q, float scale, int32_t zero_point);

#ifdef __cplusplus
}
#endif

#endif /* WW_RECOGNIZER_H */
