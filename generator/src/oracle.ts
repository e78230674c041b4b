/** The TFLM oracle (scripts/tflm_oracle.py in the project venv), called from TypeScript. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TinymlError } from './errors';
import { repoRoot } from './root';

export function venvPython(): string {
  const py = path.join(repoRoot(), '.venv', 'bin', 'python');
  if (!fs.existsSync(py)) throw new TinymlError('the project Python venv (.venv) is missing; run `bash scripts/setup.sh` first');
  return py;
}

export function oracleAvailable(): boolean {
  try {
    venvPython();
    return true;
  } catch {
    return false;
  }
}

function oracle(args: string[]): string {
  const r = spawnSync(venvPython(), [path.join(repoRoot(), 'scripts', 'tflm_oracle.py'), ...args], {
    encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) {
    const msg = (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').pop();
    throw new TinymlError(`tflite-micro: ${msg}`);
  }
  return r.stdout;
}

/** Runs N samples through TFLM: DIR/s{k}_in{i}.bin → DIR/s{k}_tflm_out{o}.bin. */
export function oracleRun(model: string, dir: string, samples: number, sequence = false): void {
  oracle(['run', path.resolve(model), '--dir', dir, '--samples', String(samples), ...(sequence ? ['--sequence'] : [])]);
}

/** TFLM's arena use for a model, as its RecordingMicroAllocator reports it. */
export function oracleAlloc(model: string): { total: number; head: number; tail: number } {
  const out = oracle(['alloc', path.resolve(model)]).trim().split('\n').pop()!;
  return JSON.parse(out) as { total: number; head: number; tail: number };
}
