/** Paths and availability checks shared by the tests. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SHARED_MODELS = path.resolve(ROOT, '..', 'shared', 'models');
export const BIN = path.join(ROOT, 'bin', 'tinyml');

export function sharedModel(name: string): string | null {
  const p = path.join(SHARED_MODELS, name);
  return fs.existsSync(p) ? p : null;
}

export function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

export function hasVenv(): boolean {
  return fs.existsSync(path.join(ROOT, '.venv', 'bin', 'python'));
}

export interface CliResult { status: number; stdout: string; stderr: string }

export function cli(args: string[], opts: { cwd?: string; timeout?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8', cwd: opts.cwd ?? ROOT, timeout: opts.timeout ?? 600000, maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The non-empty lines of a text. */
export function lines(s: string): string[] {
  return s.split('\n').filter((l) => l.trim().length > 0);
}
