#!/usr/bin/env python3
"""Evaluates the wake-word example on the C path.

  clips    per-clip accuracy on the held-out test set (unseen voices): the C front end, the
           generated C model (`tinyml gen --board host`) and an argmax, via host/eval_main.c
  streams  detections on long recordings: the firmware (firmware/main.c + src/*.c + the
           generated model) built for the host, or with --qemu built for the nano33's QEMU
           stand-in and run under QEMU, or with --sim made by `tinyml gen --example wake-word`
           and run by `tinyml sim --json` (--proj DIR: an existing one), on test_inputs/*.wav and
           data/streams/*.wav (--sets; `heldout` is the committed held-out set, heldout/*.wav;
           `real` is one stream of real speakers made from realdata.json's recordings, installed by
           `scripts/setup.sh --extra realdata`: no keyword in it, so it counts false detections);
           each keyword said must be detected once, with the right label, at the right time
  tune     grid-searches the recognizer settings on the validation-voice streams (scores from
           the host firmware's --scores), to choose the defaults in firmware/main.c

    .venv/bin/python examples/wake-word/eval.py clips
    .venv/bin/python examples/wake-word/eval.py streams [--qemu | --sim [--proj DIR]] [--sets heldout]
    .venv/bin/python examples/wake-word/eval.py tune

A detection is right when its label matches a keyword said and its time is within
[start - TOL, end + TOL] of that word (TOL = 300 ms; the firmware reports the stream time when it
detected the word, so the time is after the word's start and usually just after its end).
"""
import argparse
import glob
import itertools
import json
import os
import re
import shutil
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wwlib  # noqa: E402
from wwlib import BUILD, HERE, LABELS, REPO  # noqa: E402

TOL_MS = 300
COMMON = os.path.join(HERE, '..', 'common')  # firmware code shared by the examples (stream_file.c, app_out.c)
DUMP_EVERY = 1  # tune: the score dumps have one inference per frame
TINYML = [os.environ.get('NODE', 'node'), os.path.join(REPO, 'bin', 'tinyml')]
# The firmware's recognizer defaults (keep in sync with firmware/main.c).
DEFAULTS = {'WW_INFER_EVERY': 3, 'WW_WINDOW_MS': 200, 'WW_THRESHOLD': 180, 'WW_SUPPRESSION_MS': 500,
            'WW_MIN_COUNT': 2, 'WW_REARM': 40}


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit(f'eval: {" ".join(cmd)} failed ({r.returncode}):\n{r.stdout}{r.stderr}')
    return r


def gen(model, board, out):
    if os.path.isdir(out):
        shutil.rmtree(out)
    run(TINYML + ['gen', '--board', board, '--model', model, '--out', out])
    return out


def c_sources(gen_dir):
    srcs = sorted(glob.glob(os.path.join(gen_dir, 'model', '*.c')))
    srcs += sorted(glob.glob(os.path.join(gen_dir, 'runtime', 'src', '**', '*.c'), recursive=True))
    return srcs


def host_cc(gen_dir, main_srcs, out, defines=()):
    cmd = [wwlib.CC, *wwlib.CFLAGS, *[f'-D{d}' for d in defines],
           '-I' + os.path.join(gen_dir, 'runtime', 'include'), '-I' + os.path.join(gen_dir, 'model'),
           '-I' + os.path.join(HERE, 'src'), '-I' + os.path.join(HERE, 'firmware'), '-I' + COMMON,
           '-I' + os.path.join(REPO, 'micro-runtime', 'port'),
           *main_srcs, *c_sources(gen_dir), '-o', out, '-lm']
    run(cmd)
    return out


def src_files():
    return sorted(glob.glob(os.path.join(HERE, 'src', '*.c')))


def build_host_firmware(model, defines=None, name='firmware_host'):
    d = dict(DEFAULTS, **(defines or {}))
    gen_dir = os.path.join(BUILD, 'gen_host')
    if name == 'firmware_host' or not os.path.isdir(gen_dir):
        gen(model, 'host', gen_dir)
    fw = [os.path.join(HERE, 'firmware', f) for f in ('main.c', 'ww_io.c')] + sorted(glob.glob(os.path.join(COMMON, '*.c')))
    return host_cc(gen_dir, fw + src_files() + [os.path.join(REPO, 'micro-runtime', 'port', 'port_host.c')],
                   os.path.join(BUILD, name), ['PORT_HOST', 'TINYML_BOARD="host"',
                                                          'TINYML_VARIANT="host"'] + [f'{k}={v}' for k, v in d.items()])


def build_qemu_firmware(model, board='nano33'):
    """A generated board project whose app/ is this example's firmware; `make sim` builds the QEMU
    stand-in. Returns (project dir, the QEMU command prefix)."""
    out = gen(model, board, os.path.join(BUILD, f'gen_{board}'))
    app = os.path.join(out, 'app')
    for f in glob.glob(os.path.join(app, '*')):
        os.remove(f)
    for f in glob.glob(os.path.join(HERE, 'src', '*.[ch]')) + glob.glob(os.path.join(HERE, 'firmware', '*.[ch]')) + \
            glob.glob(os.path.join(COMMON, '*.[ch]')):
        shutil.copy(f, app)
    run(['make', '-C', out, 'sim', 'WERROR=-Werror'])
    man = json.load(open(os.path.join(out, 'tinyml.json')))
    mk = open(os.path.join(out, 'Makefile')).read()
    machine = re.search(r'\$\(QEMU\) -M (\S+)(?: -cpu (\S+))?', mk)
    qemu = ['qemu-system-arm', '-M', machine.group(1)] + (['-cpu', machine.group(2)] if machine.group(2) else [])
    return out, qemu, man


def parse_output(text):
    dets, scores, info = [], [], {}
    for line in text.splitlines():
        m = re.match(r'^tinyml: result (\{.*\})$', line)
        if m:
            dets.append(json.loads(m.group(1)))
            continue
        m = re.match(r'^tinyml: scores (\d+) (\d+) (\d+) (\d+) (\d+)$', line)
        if m:
            scores.append([int(v) for v in m.groups()])
            continue
        m = re.match(r'^tinyml: (total|frontend|inferences|arena|stack|error) (.*)$', line)
        if m:
            info[m.group(1)] = m.group(2)
    return dets, np.array(scores, dtype=np.int64).reshape(-1, 5), info


def run_host_firmware(exe, wav, scores=False):
    r = subprocess.run([exe, '--input', wav] + (['--scores'] if scores else []), capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f'eval: firmware failed on {wav}: {r.stdout[-500:]}')
    return parse_output(r.stdout)


def run_qemu_firmware(proj, qemu, wav):
    args = ','.join(['arg=sim.elf', 'arg=--input', 'arg=' + os.path.abspath(wav)])
    cmd = qemu + ['-nographic', '-monitor', 'none', '-icount', 'shift=0', '-semihosting-config',
                  'enable=on,target=native,' + args, '-kernel', os.path.join(proj, 'build', 'sim.elf')]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=1200)
    if r.returncode != 0 or 'tinyml: done' not in r.stdout:
        sys.exit(f'eval: QEMU run failed on {wav} ({r.returncode}): {r.stdout[-800:]}{r.stderr[-300:]}')
    return parse_output(r.stdout)


def match(dets, keywords, tol=TOL_MS):
    """Returns (hits, misses, false alarms, time offsets from the word's end)."""
    used = [False] * len(dets)
    hits, offsets = 0, []
    for k in keywords:
        for i, d in enumerate(dets):
            if not used[i] and d['label'] == k['label'] and k['startMs'] - tol <= d['timeMs'] <= k['endMs'] + tol:
                used[i] = True
                hits += 1
                offsets.append(d['timeMs'] - k['endMs'])
                break
    return hits, len(keywords) - hits, used.count(False), offsets


REAL_DIR = os.path.join(REPO, '.cache', 'realdata', 'speech')


def lowpass_decimate(pcm, factor):
    """Integer-factor downsampling with a windowed-sinc low-pass (cut-off 0.9 of the new Nyquist)."""
    n = np.arange(-64 * factor, 64 * factor + 1)
    fc = 0.45 / factor
    h = 2 * fc * np.sinc(2 * fc * n) * np.hamming(len(n))
    y = np.convolve(pcm.astype(np.float64), h / h.sum(), mode='same')[::factor]
    return np.clip(np.round(y), -32768, 32767).astype(np.int16)


def real_stream():
    """realdata.json's recordings joined into one 16 kHz WAV (+ its .json truth: no keywords), in
    .cache/realdata/speech_stream/; None when they are not installed."""
    spec = json.load(open(os.path.join(HERE, 'realdata.json')))
    if not all(os.path.exists(os.path.join(REAL_DIR, r['file'])) for r in spec['recordings']):
        return None
    out_dir = os.path.join(os.path.dirname(REAL_DIR), 'speech_stream')
    os.makedirs(out_dir, exist_ok=True)
    gap = np.zeros(wwlib.SAMPLE_RATE // 2, np.int16)
    parts, words, t = [gap], [], len(gap)
    for r in spec['recordings']:
        path = os.path.join(REAL_DIR, r['file'])
        if path.endswith('.raw'):  # headerless 16 kHz 16-bit little-endian mono
            pcm, rate = np.fromfile(path, dtype='<i2'), 16000
        else:
            pcm, rate = wwlib.read_wav(path)
        if rate != wwlib.SAMPLE_RATE:
            assert rate % wwlib.SAMPLE_RATE == 0, (path, rate)
            pcm = lowpass_decimate(pcm, rate // wwlib.SAMPLE_RATE)
        words.append({'file': r['file'], 'text': r['text'], 'startMs': t * 1000 // wwlib.SAMPLE_RATE,
                      'endMs': (t + len(pcm)) * 1000 // wwlib.SAMPLE_RATE})
        parts += [pcm, gap]
        t += len(pcm) + len(gap)
    wav = os.path.join(out_dir, 'real_speech.wav')
    wwlib.write_wav(wav, np.concatenate(parts))
    json.dump({'text': 'real speakers, no keyword (realdata.json)', 'sampleRate': wwlib.SAMPLE_RATE,
               'durationMs': t * 1000 // wwlib.SAMPLE_RATE, 'recordings': words, 'keywords': []},
              open(wav[:-4] + '.json', 'w'), indent=1)
    return wav


def stream_files(which):
    if which == 'real':
        wav = real_stream()
        if wav is None:
            print(f'real recordings: not installed in {REAL_DIR} (scripts/setup.sh --extra realdata)')
            sys.exit(3)
        return [wav]
    if which in ('test_inputs', 'heldout'):  # committed: the test inputs and the held-out recordings
        return sorted(glob.glob(os.path.join(HERE, which, '*.wav')))
    return sorted(glob.glob(os.path.join(wwlib.DATA, which, 'stream_*.wav')))


def cmd_clips(args):
    d = np.load(os.path.join(wwlib.DATA, 'dataset.npz'))
    y = d['y_test'].astype(int)
    audio = np.load(os.path.join(wwlib.DATA, 'test_audio.npy'))
    gen_dir = gen(args.model, 'host', os.path.join(BUILD, 'gen_host'))
    exe = host_cc(gen_dir, [os.path.join(HERE, 'host', 'eval_main.c'), os.path.join(HERE, 'src', 'frontend.c')],
                  os.path.join(BUILD, 'eval_main'))
    clips, scores = os.path.join(BUILD, 'test_clips.raw'), os.path.join(BUILD, 'test_scores.raw')
    audio.astype('<i2').tofile(clips)
    run([exe, clips, scores])
    s = np.fromfile(scores, dtype=np.int8).reshape(-1, len(LABELS))
    pred = s.argmax(axis=1)
    acc = float((pred == y).mean())
    print(f'C path (C front end + generated C model), test set of unseen voices: accuracy {acc * 100:.2f}% '
          f'on {len(y)} clips')
    print('  confusion (rows true, columns predicted): ' + ' '.join(f'{l:>8}' for l in LABELS))
    for i, l in enumerate(LABELS):
        print(f'  {l:>40} ' + ' '.join(f'{int(((y == i) & (pred == j)).sum()):8d}' for j in range(len(LABELS))))
    if args.compare_tflm:
        # The same clips through tflite-micro (the reference interpreter): features from the C front
        # end in float32, quantized by fe_quantize, so the inputs are the bytes the C path used.
        import tflite_micro
        data = open(args.model, 'rb').read()
        it = tflite_micro.runtime.Interpreter.from_bytes(data, arena_size=4 * 1024 * 1024)
        q = it.get_input_details(0)['quantization_parameters']
        scale, zp = float(q['scales'][0]), int(q['zero_points'][0])
        ref = np.zeros_like(s)
        for i, pcm in enumerate(audio):
            x = wwlib.quantize(wwlib.example_features(pcm), scale, zp).reshape(1, 49, 40, 1)
            it.set_input(x, 0)
            it.invoke()
            ref[i] = np.asarray(it.get_output(0)).reshape(-1)
        same = float((ref == s).all(axis=1).mean())
        print(f'  tflite-micro on the same inputs: identical scores on {same * 100:.2f}% of clips')
    return acc


def run_tinyml_sim(proj, wav):
    r = run(TINYML + ['sim', proj, '--input', wav, '--json'])
    res = json.loads(r.stdout)
    if 'results' not in res:
        sys.exit('eval: this `tinyml sim` does not report example results')
    info = {'total': f"{res.get('instructions')} {res.get('unit')}", 'arena': res.get('arena'), 'stack': res.get('stack')}
    return res['results'], None, info


def cmd_streams(args):
    if args.sim:
        proj = args.proj or os.path.join(BUILD, f'example_{args.board}')
        if not args.proj:
            if os.path.isdir(proj):
                shutil.rmtree(proj)
            run(TINYML + ['gen', '--board', args.board, '--example', 'wake-word', '--out', proj])
        runner = lambda wav: run_tinyml_sim(proj, wav)  # noqa: E731
    elif args.qemu:
        proj, qemu, _ = build_qemu_firmware(args.model, args.board)
        runner = lambda wav: run_qemu_firmware(proj, qemu, wav)  # noqa: E731
    else:
        exe = build_host_firmware(args.model)
        runner = lambda wav: run_host_firmware(exe, wav)  # noqa: E731
    files = []
    for which in args.sets.split(','):
        files += stream_files(which)
    tot_h = tot_m = tot_f = tot_k = 0
    all_off = []
    info = {}
    for wav in files:
        truth = json.load(open(wav[:-4] + '.json'))
        dets, _, info = runner(wav)
        h, m, f, off = match(dets, truth['keywords'])
        tot_h, tot_m, tot_f, tot_k = tot_h + h, tot_m + m, tot_f + f, tot_k + len(truth['keywords'])
        all_off += off
        name = os.path.relpath(wav, HERE) if wav.startswith(HERE) else 'real/' + os.path.basename(wav)
        said = ' '.join(f'{k["label"]}@{k["startMs"]}-{k["endMs"]}' for k in truth['keywords']) or '-'
        got = ' '.join(f'{d["label"]}@{d["timeMs"]}' for d in dets) or '-'
        print(f'{name}: said {said}; detected {got}; {h} hit, {m} missed, {f} false')
    secs = sum(json.load(open(w[:-4] + '.json'))['durationMs'] for w in files) / 1000
    print(f'{len(files)} recordings, {secs:.0f} s, {tot_k} keywords: {tot_h} detected ({100 * tot_h / max(tot_k, 1):.1f}%), '
          f'{tot_m} missed, {tot_f} false detections ({tot_f / max(secs, 1) * 60:.2f}/min)')
    if all_off:
        print(f'detection time after the word ends: median {np.median(all_off):.0f} ms, '
              f'range {min(all_off)}..{max(all_off)} ms')
    if info:
        print('last run: ' + ', '.join(f'{k} {v}' for k, v in info.items()))
    return tot_h, tot_m, tot_f


def simulate(scores, window, thr, supp, min_count, every, rearm):
    """Python twin of src/recognizer.c over a --scores dump (rows: time, 4 scores), keeping every
    (every / DUMP_EVERY)-th inference of the dump."""
    dets = []
    hist = []
    last = None
    disarmed = set()
    step = every // DUMP_EVERY
    for row in scores[::step]:
        t, sc = int(row[0]), row[1:]
        hist.append((t, sc))
        hist = hist[-64:]
        hist = [(ht, hs) for ht, hs in hist if t - ht < window]
        if len(hist) < min_count:
            continue
        s = np.sum([hs for _, hs in hist], axis=0)
        n = len(hist)
        for k in list(disarmed):
            if (int(s[k]) + n // 2) // n < rearm:
                disarmed.discard(k)
        best = int(np.argmax(s))
        avg = (int(s[best]) + n // 2) // n
        if best < 2 or avg < thr or best in disarmed or (last is not None and t - last < supp):
            continue
        last = t
        disarmed.add(best)
        dets.append({'label': LABELS[best], 'timeMs': t, 'score': avg})
    return dets


def cmd_tune(args):
    fw = build_host_firmware(args.model)
    exe = build_host_firmware(args.model, {'WW_INFER_EVERY': DUMP_EVERY}, 'firmware_host_dump')
    dumps = []
    for wav in stream_files(args.tune_set):
        _, scores, _ = run_host_firmware(exe, wav, scores=True)
        dumps.append((scores, json.load(open(wav[:-4] + '.json'))))
    results = []
    grid = itertools.product([120, 160, 200, 300, 400, 600], [120, 140, 160, 180, 200, 220, 240],
                             [500, 700, 1000], [1, 2, 3], [args.every], [40, 80, 120])
    for window, thr, supp, mc, every, rearm in grid:
        if rearm > thr:
            continue
        h = m = f = 0
        for scores, truth in dumps:
            a, b, c, _ = match(simulate(scores, window, thr, supp, mc, every, rearm), truth['keywords'])
            h, m, f = h + a, m + b, f + c
        results.append((m + f, m, f, window, thr, supp, mc, every, rearm))
    results.sort()
    print('errors missed false | window threshold suppression min_count infer_every rearm')
    for r in results[:20]:
        print('  '.join(str(v) for v in r))
    if args.check:
        # The C recognizer must give what its Python twin gives on the same scores.
        for (scores, truth), wav in zip(dumps, stream_files(args.tune_set)):
            dets, _, _ = run_host_firmware(fw, wav)
            d = DEFAULTS
            twin = simulate(scores, d['WW_WINDOW_MS'], d['WW_THRESHOLD'], d['WW_SUPPRESSION_MS'],
                            d['WW_MIN_COUNT'], d['WW_INFER_EVERY'], d['WW_REARM'])
            if dets != twin:
                sys.exit(f'eval: recognizer mismatch on {wav}: C {dets} vs Python {twin}')
        print(f'C recognizer == Python twin on {len(dumps)} recordings')


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('command', choices=['clips', 'streams', 'tune'])
    ap.add_argument('--model', default=os.path.join(HERE, 'model.tflite'))
    ap.add_argument('--qemu', action='store_true', help='streams: run the firmware under QEMU (own build)')
    ap.add_argument('--sim', action='store_true',
                    help='streams: `tinyml gen --example wake-word` and `tinyml sim --json` (the project\'s own path)')
    ap.add_argument('--proj', metavar='DIR', help='streams --sim: an existing `tinyml gen --example wake-word` project')
    ap.add_argument('--board', default='nano33')
    ap.add_argument('--sets', default='test_inputs,streams',
                    help='streams: test_inputs, heldout (both committed) and/or data/ folders (streams, streams_val)')
    ap.add_argument('--tune-set', default='streams_val')
    ap.add_argument('--every', type=int, default=3, help='tune: frames between inferences')
    ap.add_argument('--check', action='store_true', help='tune: check the C recognizer against its twin')
    ap.add_argument('--compare-tflm', action='store_true', help='clips: also run tflite-micro, compare scores')
    args = ap.parse_args()
    os.makedirs(BUILD, exist_ok=True)
    {'clips': cmd_clips, 'streams': cmd_streams, 'tune': cmd_tune}[args.command](args)


if __name__ == '__main__':
    main()
