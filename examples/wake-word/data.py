#!/usr/bin/env python3
"""Synthesizes the wake-word data set, deterministically (fixed seeds; espeak-ng is deterministic,
sox runs without dither (-D) and with repeatable noise (-R)), and computes its features with the C front end (src/frontend.c via ctypes).

    .venv/bin/python examples/wake-word/data.py                 # data/ (git-ignored), ~3 min
    .venv/bin/python examples/wake-word/data.py --test-inputs   # also rewrite test_inputs/
    .venv/bin/python examples/wake-word/data.py --no-dataset --heldout 10   # only the recordings; rewrite heldout/ (seconds)

Words: "yes", "no" and 74 other words ("unknown", 40% of them near misses such as "yet",
"guess", "now", "note") spoken by espeak-ng in 8 English voices x 100 voice variants at random
speeds and pitches; sox converts to 16 kHz and adds room reverb to 40% of them. Noise: white,
pink and brown noise and filtered variants (hum, rumble, hiss, band) made by `sox synth`.

Each example is 1.5 s: a 0.5 s pre-roll that warms up the front end's noise floor (as on the
device, which streams), then the 0.99 s the model sees. The word is at a random time and level
(-30..-1 dBFS peak), mixed with noise at a random SNR (0..40 dB; 15% clean), and half the time
other words come before or after it, often cut by the window's edges, as in running speech.
A keyword counts only when it is entirely in the window: keywords cut 35-70% by an edge are
"unknown" examples. "silence" is noise alone at -85..-20 dBFS.

Splits are by voice variant: the test set's variants are never heard in training (nor the
validation set's), so the accuracy is for unseen voices.

Outputs in data/: dataset.npz (features float16 [N, 49, 40] and labels per split),
test_audio.npy (the test examples' raw PCM, for the C-path evaluation), streams/: 20 long
recordings (test voices, ~10 s, keywords among other words) with the true word times in JSON, and
streams_val/: 20 more of validation voices (for tuning the recognizer). heldout/ (committed, with
--heldout 10): the first 10 of streams/, the held-out set the test suite runs through QEMU.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import time
from multiprocessing import Pool

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wwlib  # noqa: E402
from wwlib import CLIP, CLIP_TOTAL, LABELS, PREROLL, SAMPLE_RATE  # noqa: E402

VOICES = ['en', 'en-us', 'en-gb-scotland', 'en-gb-x-rp', 'en-029', 'en-us-nyc', 'en-gb-x-gbclan',
          'en-gb-x-gbcwmd']
VARIANTS = [
    '', 'adam', 'Alex', 'Alicia', 'Andrea', 'Andy', 'Annie', 'antonio', 'aunty', 'belinda',
    'benjamin', 'boris', 'caleb', 'david', 'Demonic', 'Denis', 'Diogo', 'ed', 'edward', 'edward2',
    'Gene', 'Gene2', 'gustave', 'announcer', 'Henrique', 'Hugo', 'iven', 'iven2', 'iven3', 'iven4',
    'Jacky', 'john', 'kaukovalta', 'Lee', 'linda', 'marcelo', 'Marco', 'Mario', 'max', 'Michael',
    'michel', 'miguel', 'Mike', 'Nguyen', 'pablo', 'paul', 'pedro', 'quincy', 'RicishayMax',
    'RicishayMax2', 'RicishayMax3', 'rob', 'robert', 'robosoft', 'robosoft2', 'robosoft3',
    'robosoft4', 'robosoft5', 'robosoft6', 'robosoft7', 'robosoft8', 'steph', 'steph2', 'steph3',
    'Storm', 'Tweaky', 'UniRobot', 'zac', 'anika', 'anikaRobot', 'AnxiousAndy', 'f1', 'f2', 'f3',
    'f4', 'f5', 'whisperf', 'grandpa', 'klatt', 'klatt2', 'klatt3', 'klatt4', 'klatt5', 'klatt6',
    'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'norbert', 'sandro', 'shelby', 'travis',
    'victor', 'whisper', 'croak', 'grandma',
]
# Every 7th variant (from the 4th) is a test voice, every 7th from the 6th a validation voice.
SPLIT_OF_VARIANT = {v: ('test' if i % 7 == 3 else 'val' if i % 7 == 5 else 'train')
                    for i, v in enumerate(VARIANTS)}

KEYWORDS = ['yes', 'no']
UNKNOWN_WORDS = [
    # speech-commands style words
    'up', 'down', 'left', 'right', 'on', 'off', 'stop', 'go', 'zero', 'one', 'two', 'three', 'four',
    'five', 'six', 'seven', 'eight', 'nine', 'bed', 'bird', 'cat', 'dog', 'happy', 'house',
    'marvin', 'sheila', 'tree', 'wow', 'learn', 'follow', 'forward', 'backward', 'visual',
    # near misses of "yes" and "no"
    'yet', 'yell', 'yeah', 'less', 'guess', 'mess', 'chess', 'dress', 'bless', 'test', 'nest',
    'west', 'nose', 'note', 'toe', 'snow', 'now', 'new', 'knee', 'slow', 'show', 'though', 'low',
    'oh', 'yellow', 'nod',
    # everyday words
    'hello', 'okay', 'maybe', 'please', 'thanks', 'music', 'light', 'open', 'close', 'stay', 'say',
    'the', 'and', 'what', 'time',
]
NEAR_MISSES = ['yet', 'yell', 'yeah', 'less', 'guess', 'mess', 'chess', 'dress', 'bless', 'test', 'nest',
               'west', 'nose', 'note', 'toe', 'snow', 'now', 'new', 'knee', 'slow', 'show', 'though',
               'low', 'oh', 'yellow', 'nod']
# Words only in the test streams (never in training): how the recognizer copes with new words.
STREAM_ONLY_WORDS = ['answer', 'think', 'later', 'today', 'really', 'sure', 'never', 'well',
                     'because', 'morning', 'perhaps', 'coffee']

NOISE_KINDS = {  # name: sox synth arguments and effects
    'white': ['synth', '30', 'whitenoise'],
    'pink': ['synth', '30', 'pinknoise'],
    'brown': ['synth', '30', 'brownnoise'],
    'hiss': ['synth', '30', 'whitenoise', 'gain', '-6', 'highpass', '3000'],
    'rumble': ['synth', '30', 'brownnoise', 'lowpass', '300'],
    'hum': ['synth', '30', 'sine', '50', 'sine', '100', 'sine', '150', 'remix', '1-3', 'gain', '-6'],
    'band': ['synth', '30', 'pinknoise', 'sinc', '300-3400'],
}

N_UTT = {'yes': 1800, 'no': 1800, 'unknown': 5000}   # espeak utterances per label
AUG_PER_KEYWORD = 2                                   # mixes per keyword utterance
CUT_KEYWORDS = 1200                                   # keywords cut by the window: "unknown"
N_SILENCE = 2400
NEAR_MISS = 0.4                                       # share of near misses among unknown words


def synth(job):
    """espeak-ng -> sox (16 kHz, optional reverb) -> int16 numpy, trimmed to the spoken part."""
    word, voice, variant, speed, pitch, reverb = job[:6]
    shift = job[6] if len(job) > 6 else 0
    v = voice + ('+' + variant if variant else '')
    es = subprocess.run(['espeak-ng', '-v', v, '-s', str(speed), '-p', str(pitch), '--stdout', word],
                        check=True, capture_output=True).stdout
    cmd = ['sox', '-D', '-G', '-t', 'wav', '-', '-t', 'raw', '-e', 'signed', '-b', '16', '-c', '1',
           '-r', str(SAMPLE_RATE), '-']
    if shift:
        cmd += ['pitch', str(shift)]  # moves the formants too: a shorter or longer vocal tract
    if reverb:
        cmd += ['reverb', str(reverb[0]), '50', str(reverb[1])]
    raw = subprocess.run(cmd, input=es, check=True, capture_output=True).stdout
    x = np.frombuffer(raw, dtype='<i2').astype(np.float32)
    # Trim to the 10 ms blocks louder than -30 dB below the loudest one.
    blocks = len(x) // 160
    rms = np.sqrt((x[:blocks * 160].reshape(blocks, 160) ** 2).mean(axis=1) + 1e-9)
    on = np.nonzero(rms > rms.max() * 0.0316)[0]
    a, b = max(0, on[0] * 160 - 160), min(len(x), (on[-1] + 1) * 160 + 160)
    return x[a:b]


def noise_bank(folder):
    os.makedirs(folder, exist_ok=True)
    bank = {}
    for name, args in NOISE_KINDS.items():
        path = os.path.join(folder, name + '.wav')
        if not os.path.exists(path):
            subprocess.run(['sox', '-R', '-G', '-n', '-r', str(SAMPLE_RATE), '-b', '16', '-c', '1', path] + args,
                           check=True)
        x, _ = wwlib.read_wav(path)
        x = x.astype(np.float32)
        bank[name] = x / (np.sqrt((x ** 2).mean()) + 1e-9)  # unit RMS
    return bank


def noise(rng, bank, n, kind=None):
    kind = kind or rng.choice(sorted(bank))
    src = bank[kind]
    start = rng.randrange(0, len(src) - n)
    return src[start:start + n] * (1.0 if rng.random() < 0.5 else -1.0)


def rms(x):
    return float(np.sqrt((x ** 2).mean() + 1e-12))


def db(v):
    return 10.0 ** (v / 20.0)


def voice_job(rng, word, split):
    variants = [v for v in VARIANTS if SPLIT_OF_VARIANT[v] == split]
    reverb = (rng.randrange(20, 90), rng.randrange(20, 100)) if rng.random() < 0.4 else None
    shift = rng.randrange(-400, 401, 50) if rng.random() < 0.5 else 0
    return (word, rng.choice(VOICES), rng.choice(variants), rng.randrange(110, 231),
            rng.randrange(15, 91), reverb, shift)


def place(out, w, start):
    """Adds w at sample `start` of out, cutting what falls outside."""
    a, b = max(0, start), min(len(out), start + len(w))
    if b > a:
        out[a:b] += w[a - start:b - start]


def mix_example(rng, bank, word, kind, neighbours=()):
    """One 1.5 s example: a 0.5 s pre-roll, then the 0.99 s model window.

    kind: 'inside' (the word entirely inside the window), 'cut' (35-70% of the word outside the
    window, at either end), 'any' (inside, or cut with probability 0.3), None (noise only).
    neighbours: other words that may come before and after the main word, with 0.1-0.6 s gaps,
    wherever that puts them (often partly outside the window), as in a stream of speech.
    Returns (int16 PCM, SNR in dB: 99 clean, -1 noise only)."""
    out = np.zeros(CLIP_TOTAL, dtype=np.float32)
    speech_rms = 0.0
    if word is not None:
        w = word[:CLIP - 800]  # at most 0.94 s
        n = len(w)
        peak = db(rng.uniform(-30, -1)) * 32767
        w = w * (peak / (np.abs(w).max() + 1e-9))
        if kind == 'any' and rng.random() < 0.3:
            kind = 'cut'
        if kind == 'cut':
            c = rng.uniform(0.35, 0.7)
            start = PREROLL - int(c * n) if rng.random() < 0.5 else CLIP_TOTAL - int((1 - c) * n)
        else:
            start = PREROLL + rng.randrange(400, CLIP - n - 400 + 1)
        place(out, w, start)
        speech_rms = rms(w)
        before, after = start, start + n
        for o in neighbours:
            o = o[:CLIP - 800]
            o = o * (peak * db(rng.uniform(-6, 3)) / (np.abs(o).max() + 1e-9))
            gap = int(rng.uniform(0.1, 0.6) * SAMPLE_RATE)
            if rng.random() < 0.5:
                before -= gap + len(o)
                place(out, o, before)
            else:
                place(out, o, after + gap)
                after += gap + len(o)
    if word is None:
        snr = -1.0
        out += noise(rng, bank, CLIP_TOTAL) * db(rng.uniform(-85, -20)) * 32767
    elif rng.random() < 0.85:
        snr = rng.uniform(0, 40)
        out += noise(rng, bank, CLIP_TOTAL) * (speech_rms / db(snr))
    else:
        snr = 99.0
        out += noise(rng, bank, CLIP_TOTAL) * db(-90) * 32767  # clean: a little dither
    gain = db(rng.uniform(-6, 6)) if rng.random() < 0.3 else 1.0
    return np.clip(np.round(out * gain), -32768, 32767).astype(np.int16), snr


def make_stream(rng, bank, pool, index, split='test'):
    """A ~10 s recording of one voice saying keywords among other words, with the true times."""
    variants = [v for v in VARIANTS if SPLIT_OF_VARIANT[v] == split]
    voice, variant = rng.choice(VOICES), rng.choice(variants)
    speed, pitch = rng.randrange(120, 201), rng.randrange(25, 81)
    words, last_kw = [], True
    n_words = rng.randrange(10, 15)
    for i in range(n_words):
        if not last_kw and rng.random() < 0.4:
            w = rng.choice(KEYWORDS)
        else:
            w = rng.choice(UNKNOWN_WORDS + STREAM_ONLY_WORDS * 2)
        last_kw = w in KEYWORDS
        words.append(w)
    if not any(w in KEYWORDS for w in words):
        words[rng.randrange(1, n_words - 1)] = rng.choice(KEYWORDS)
    jobs = [(w, voice, variant, speed + rng.randrange(-10, 11), pitch, None) for w in words]
    audio = pool.map(synth, jobs)
    gaps = [rng.uniform(0.15, 0.8) for _ in words]
    total = int(SAMPLE_RATE * (0.8 + sum(gaps) + sum(len(a) for a in audio) / SAMPLE_RATE + 0.8))
    out = np.zeros(total, dtype=np.float32)
    pos = int(0.8 * SAMPLE_RATE)
    truth = []
    peak = db(rng.uniform(-20, -3)) * 32767
    for w, a, gap in zip(words, audio, gaps):
        a = a * (peak * db(rng.uniform(-3, 3)) / (np.abs(a).max() + 1e-9))
        out[pos:pos + len(a)] += a
        truth.append({'word': w, 'label': w if w in KEYWORDS else 'unknown',
                      'startMs': round(pos * 1000 / SAMPLE_RATE), 'endMs': round((pos + len(a)) * 1000 / SAMPLE_RATE)})
        pos += len(a) + int(gap * SAMPLE_RATE)
    snr = rng.uniform(10, 30)
    level = rms(out[out != 0]) if np.any(out != 0) else 1.0
    out += noise(rng, bank, total) * (level / db(snr))
    pcm = np.clip(np.round(out), -32768, 32767).astype(np.int16)
    meta = {'voice': voice + ('+' + variant if variant else ''), 'speed': speed, 'pitch': pitch,
            'snrDb': round(snr, 1), 'sampleRate': SAMPLE_RATE, 'durationMs': round(total * 1000 / SAMPLE_RATE),
            'words': truth,
            'keywords': [t for t in truth if t['label'] in KEYWORDS]}
    return pcm, meta


def make_test_inputs(bank, pool):
    """test_inputs/: a sentence with "yes" and "no" at known times, a noise-only file, and the
    firmware's built-in input (a short clip of "yes")."""
    folder = os.path.join(wwlib.HERE, 'test_inputs')
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(20240607)
    voice = 'en-us+' + [v for v in VARIANTS if SPLIT_OF_VARIANT[v] == 'test'][2]
    words = ['okay', 'the', 'answer', 'is', 'yes', 'but', 'later', 'I', 'will', 'say', 'no']
    audio = pool.map(synth, [(w, voice.split('+')[0], voice.split('+')[1], 150, 50, None) for w in words])
    pos = int(0.6 * SAMPLE_RATE)
    truth = []
    out = np.zeros(int(SAMPLE_RATE * 12), dtype=np.float32)
    for w, a in zip(words, audio):
        a = a * (db(-6) * 32767 / (np.abs(a).max() + 1e-9))
        out[pos:pos + len(a)] += a
        truth.append({'word': w, 'label': w if w in KEYWORDS else 'unknown',
                      'startMs': round(pos * 1000 / SAMPLE_RATE),
                      'endMs': round((pos + len(a)) * 1000 / SAMPLE_RATE)})
        pos += len(a) + int(SAMPLE_RATE * (0.6 if w in ('is', 'yes', 'say') else 0.12))
    total = pos + int(0.8 * SAMPLE_RATE)
    out = out[:total]
    out += noise(rng, bank, total, 'pink') * (rms(out[out != 0]) / db(20))
    pcm = np.clip(np.round(out), -32768, 32767).astype(np.int16)
    wwlib.write_wav(os.path.join(folder, 'sentence.wav'), pcm)
    meta = {'text': ' '.join(words), 'voice': voice, 'snrDb': 20, 'noise': 'pink',
            'sampleRate': SAMPLE_RATE, 'durationMs': round(total * 1000 / SAMPLE_RATE), 'words': truth,
            'keywords': [t for t in truth if t['label'] in KEYWORDS]}
    with open(os.path.join(folder, 'sentence.json'), 'w') as f:
        json.dump(meta, f, indent=1)
        f.write('\n')
    # Noise only: 4 s of brown + white noise at about -40 dBFS.
    n = 4 * SAMPLE_RATE
    x = (noise(rng, bank, n, 'brown') * 0.7 + noise(rng, bank, n, 'white') * 0.3) * db(-40) * 32767
    wwlib.write_wav(os.path.join(folder, 'noise.wav'), np.clip(np.round(x), -32768, 32767).astype(np.int16))
    with open(os.path.join(folder, 'noise.json'), 'w') as f:
        json.dump({'text': '', 'noise': 'brown+white, -40 dBFS', 'sampleRate': SAMPLE_RATE,
                   'durationMs': 4000, 'words': [], 'keywords': []}, f, indent=1)
        f.write('\n')
    # The firmware's built-in input: "yes" in 1.6 s of light noise, as a WAV in a C array.
    assert SPLIT_OF_VARIANT['max'] == 'test'
    a = synth(('yes', 'en-gb-x-rp', 'max', 160, 45, None))
    n = int(1.6 * SAMPLE_RATE)
    x = noise(rng, bank, n, 'pink') * db(-50) * 32767
    a = a * (db(-6) * 32767 / (np.abs(a).max() + 1e-9))
    start = int(0.6 * SAMPLE_RATE)
    x[start:start + len(a)] += a
    clip = np.clip(np.round(x), -32768, 32767).astype(np.int16)
    wwlib.write_wav(os.path.join(folder, 'yes.wav'), clip)
    with open(os.path.join(folder, 'yes.json'), 'w') as f:
        json.dump({'text': 'yes', 'sampleRate': SAMPLE_RATE, 'durationMs': 1600,
                   'words': [{'word': 'yes', 'label': 'yes', 'startMs': 600,
                              'endMs': round((start + len(a)) * 1000 / SAMPLE_RATE)}],
                   'keywords': [{'word': 'yes', 'label': 'yes', 'startMs': 600,
                                 'endMs': round((start + len(a)) * 1000 / SAMPLE_RATE)}]}, f, indent=1)
        f.write('\n')
    write_builtin_header(os.path.join(folder, 'yes.wav'), os.path.join(wwlib.HERE, 'firmware', 'builtin_audio.h'))
    print(f'test_inputs: sentence.wav ({total / SAMPLE_RATE:.1f} s, keywords at '
          f'{[(k["label"], k["startMs"], k["endMs"]) for k in meta["keywords"]]}), noise.wav')


def write_builtin_header(wav, header):
    data = open(wav, 'rb').read()
    lines = [', '.join(f'0x{b:02x}' for b in data[i:i + 20]) + ',' for i in range(0, len(data), 20)]
    with open(header, 'w') as f:
        f.write('/* Generated by data.py --test-inputs from test_inputs/%s: the firmware\'s built-in input\n'
                ' * (a WAV file, %d bytes). Do not edit. */\n' % (os.path.basename(wav), len(data)))
        f.write('#ifndef WW_BUILTIN_AUDIO_H\n#define WW_BUILTIN_AUDIO_H\n\n#include <stdint.h>\n\n')
        f.write('static const uint8_t ww_builtin_wav[%d] = {\n  %s\n};\n\n#endif\n' % (len(data), '\n  '.join(lines)))


def make_examples(args, rng, bank, plan, audio):
    """Mixes the examples and computes their features with the C front end:
    {split: (features, labels, pcm, meta)}.
      yes/no     each keyword utterance twice, entirely inside the window (with neighbours half
                 the time)
      unknown    each other utterance once, inside or cut (with neighbours half the time), plus
                 keyword utterances cut 35-70% by the window's edge (CUT_KEYWORDS of them): a
                 keyword counts only when it is all there
      silence    noise only
    20% of the training and validation examples start the front end 0-24 frames (not 25) before
    the window, so the
    model also sees a noise floor that is still settling, as at the start of a stream."""
    by_split = {'train': [], 'val': [], 'test': []}
    unknown_audio = {s: [a for (lab, sp, _), a in zip(plan, audio) if lab == 'unknown' and sp == s]
                     for s in by_split}

    def neighbours(split):
        pool = unknown_audio[split]
        if not pool or rng.random() < 0.5:
            return []
        return [rng.choice(pool) for _ in range(rng.choice((1, 1, 2)))]

    keyword_items = [(label, split, job, a) for (label, split, job), a in zip(plan, audio) if label in KEYWORDS]
    for (label, split, job), a in zip(plan, audio):
        if label in KEYWORDS:
            for _ in range(AUG_PER_KEYWORD):
                pcm, snr = mix_example(rng, bank, a, 'inside', neighbours(split))
                by_split[split].append((LABELS.index(label), pcm, job[0], snr, job))
        else:
            pcm, snr = mix_example(rng, bank, a, 'any', neighbours(split))
            by_split[split].append((LABELS.index('unknown'), pcm, job[0], snr, job))
    for _ in range(int(CUT_KEYWORDS * args.scale)):
        label, split, job, a = rng.choice(keyword_items)
        pcm, snr = mix_example(rng, bank, a, 'cut', neighbours(split))
        by_split[split].append((LABELS.index('unknown'), pcm, 'cut-' + job[0], snr, job))
    for i in range(int(N_SILENCE * args.scale)):
        s = (['train'] * 5 + ['val', 'test'])[i % 7]
        pcm, snr = mix_example(rng, bank, None, None)
        by_split[s].append((LABELS.index('silence'), pcm, '', snr, None))
    out = {}
    for s, items in by_split.items():
        rng.shuffle(items)
        y = np.array([it[0] for it in items], dtype=np.int8)
        pcm = np.stack([it[1] for it in items])
        # (Not in the test split: eval.py's C-path run always starts 25 frames before the window.)
        skip = [0 if s == 'test' or rng.random() < 0.8 else rng.randrange(1, 26) * wwlib.STRIDE for _ in items]
        feats = np.stack([wwlib.clip_features(x[k:])[-wwlib.FRAMES:] for x, k in zip(pcm, skip)]).astype(np.float16)
        meta = {'word': np.array([it[2] for it in items]), 'snr': np.array([it[3] for it in items], np.float32),
                'skip': np.array(skip, dtype=np.int32),
                'voice': np.array([f'{it[4][1]}+{it[4][2]}' if it[4] else '' for it in items]),
                'shift': np.array([it[4][6] if it[4] else 0 for it in items], dtype=np.int32)}
        out[s] = (feats, y, pcm, meta)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--out', default=wwlib.DATA)
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 2)
    ap.add_argument('--scale', type=float, default=1.0, help='fraction of the full data set (quick runs)')
    ap.add_argument('--streams', type=int, default=20)
    ap.add_argument('--test-inputs', action='store_true', help='rewrite test_inputs/ too')
    ap.add_argument('--heldout', type=int, default=0, metavar='N',
                    help='also write the first N test-voice recordings to heldout/ (committed: the test suite\'s held-out set)')
    ap.add_argument('--no-dataset', action='store_true', help='skip the clips (only recordings/test inputs)')
    args = ap.parse_args()
    t0 = time.time()
    os.makedirs(args.out, exist_ok=True)
    bank = noise_bank(os.path.join(args.out, 'noise'))
    rng = random.Random(1234)

    # 1. Utterances: (label, split, job).
    plan = []
    for label, n in N_UTT.items():
        for i in range(0 if args.no_dataset else int(n * args.scale)):
            split = SPLIT_OF_VARIANT[VARIANTS[rng.randrange(len(VARIANTS))]]
            if label in KEYWORDS:
                word = label
            else:
                word = rng.choice(NEAR_MISSES if rng.random() < NEAR_MISS else UNKNOWN_WORDS)
            plan.append((label, split, voice_job(rng, word, split)))
    with Pool(args.jobs) as pool:
        audio = pool.map(synth, [p[2] for p in plan], chunksize=16)
        print(f'synthesized {len(plan)} utterances in {time.time() - t0:.0f} s')
        if args.test_inputs:
            make_test_inputs(bank, pool)

        if args.no_dataset:
            by_split = {}
        else:
            by_split = make_examples(args, rng, bank, plan, audio)
        for s, (x, y, pcm, _) in by_split.items():
            if s == 'test':
                np.save(os.path.join(args.out, 'test_audio.npy'), pcm)
            counts = ', '.join(f'{LABELS[k]} {int((y == k).sum())}' for k in range(len(LABELS)))
            print(f'{s}: {len(y)} examples ({counts})')
        if by_split:
            arrays = {}
            for s, (x, y, _, meta) in by_split.items():
                arrays.update({f'x_{s}': x, f'y_{s}': y})
                arrays.update({f'{k}_{s}': v for k, v in meta.items()})
            np.savez_compressed(os.path.join(args.out, 'dataset.npz'), **arrays)

        # 4. Long recordings for the recognizer: validation voices (to tune it) and test voices.
        for folder, split, seed in (('streams_val', 'val', 98), ('streams', 'test', 99)):
            sdir = os.path.join(args.out, folder)
            os.makedirs(sdir, exist_ok=True)
            srng = random.Random(seed)
            for i in range(args.streams):
                pcm, meta = make_stream(srng, bank, pool, i, split)
                wwlib.write_wav(os.path.join(sdir, f'stream_{i:02d}.wav'), pcm)
                with open(os.path.join(sdir, f'stream_{i:02d}.json'), 'w') as f:
                    json.dump(meta, f, indent=1)
            print(f'{args.streams} recordings of {split} voices in {sdir}')
        if args.heldout:
            hdir = os.path.join(wwlib.HERE, 'heldout')
            os.makedirs(hdir, exist_ok=True)
            for i in range(min(args.heldout, args.streams)):
                for ext in ('wav', 'json'):
                    with open(os.path.join(args.out, 'streams', f'stream_{i:02d}.{ext}'), 'rb') as f:
                        blob = f.read()
                    with open(os.path.join(hdir, f'stream_{i:02d}.{ext}'), 'wb') as f:
                        f.write(blob)
            print(f'the first {min(args.heldout, args.streams)} test-voice recordings copied to {hdir}')
    print(f'data set written to {args.out} in {time.time() - t0:.0f} s')


if __name__ == '__main__':
    main()
