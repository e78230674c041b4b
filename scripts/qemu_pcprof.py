#!/usr/bin/env python3
"""Instruction-level profile of a firmware ELF under QEMU (a developer tool for kernel work).

  python3 scripts/qemu_pcprof.py LOG [--top N] [--func NAME ...]

LOG is QEMU's `-d in_asm,exec,nochain -D LOG` output of a run (tinyml's sim ELF under
-icount shift=0). Every executed translation block adds one to each of its instructions, so the
counts are executed instructions per address (a block left early by an exception is counted
whole: close enough for finding hot loops). Prints instructions per function, and with --func the
annotated listing of those functions.
"""
import argparse
import collections
import re
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('log')
    ap.add_argument('--top', type=int, default=25)
    ap.add_argument('--func', action='append', default=[])
    ap.add_argument('--runs', type=int, default=0, help='with --func: only the N costliest straight-line runs')
    a = ap.parse_args()
    tbs = {}          # host pointer -> [(pc, text, func)]
    pending = None    # instructions of the block just translated
    func = None
    counts = collections.Counter()
    text = {}
    owner = {}
    ins_re = re.compile(r'^0x([0-9a-f]+):\s+(.*)$')
    with open(a.log, errors='replace') as f:
        for line in f:
            if line.startswith('IN:'):
                func = line[3:].strip() or '?'
                pending = []
            elif line.startswith('Trace '):
                ptr = line.split()[2]
                if pending is not None:
                    tbs[ptr] = pending
                    pending = None
                for pc in tbs.get(ptr, ()):
                    counts[pc] += 1
            elif pending is not None:
                m = ins_re.match(line)
                if m:
                    pc = int(m.group(1), 16)
                    pending.append(pc)
                    text[pc] = m.group(2).strip()
                    owner[pc] = func
    per_func = collections.Counter()
    for pc, n in counts.items():
        per_func[owner[pc]] += n
    total = sum(counts.values())
    print(f'{total} instructions')
    for name, n in per_func.most_common(a.top):
        print(f'{n:>12} {100.0 * n / total:6.2f}%  {name}')
    for name in a.func:
        pcs = sorted(p for p in counts if owner[p] == name)
        print(f'\n== {name}: {sum(counts[p] for p in pcs)} instructions')
        if a.runs:
            # runs of consecutive instructions executed equally often, costliest first
            runs = []
            for pc in pcs:
                if runs and runs[-1][0] == counts[pc] and pc - runs[-1][2][-1] <= 4:
                    runs[-1][2].append(pc)
                else:
                    runs.append((counts[pc], pc, [pc]))
            runs.sort(key=lambda r: -r[0] * len(r[2]))
            for n, start, body in runs[:a.runs]:
                print(f'{n * len(body):>10} = {n} x {len(body)} instructions at {start:08x}: {text[body[0]]} ... {text[body[-1]]}')
            continue
        for pc in pcs:
            print(f'{counts[pc]:>10}  {pc:08x}  {text[pc]}')


if __name__ == '__main__':
    sys.exit(main())
