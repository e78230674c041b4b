/**
 * `tinyml flash DIR`: PlatformIO's upload for the project's board environment. PlatformIO is an
 * optional extra, installed into the project venv on first use (scripts/setup.sh --extra flash).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TinymlError } from './errors';
import { readManifest } from './manifest';
import { repoRoot } from './root';

export { readManifest };

/** The pio executable, installing PlatformIO into the venv on first use. */
export function platformio(log: (s: string) => void, install = true): string {
  const venvPio = path.join(repoRoot(), '.venv', 'bin', 'pio');
  if (fs.existsSync(venvPio)) return venvPio;
  const onPath = spawnSync('sh', ['-c', 'command -v pio || command -v platformio'], { encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim()) return onPath.stdout.trim().split('\n')[0];
  if (!install) throw new TinymlError('PlatformIO is not installed; run `bash scripts/setup.sh --extra flash`');
  log('PlatformIO is not installed yet: installing it into .venv (scripts/setup.sh --extra flash; first use only)...');
  const r = spawnSync('bash', [path.join(repoRoot(), 'scripts', 'setup.sh'), '--extra', 'flash'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0 || !fs.existsSync(venvPio)) throw new TinymlError('could not install PlatformIO (scripts/setup.sh --extra flash failed)');
  return venvPio;
}

export interface FlashReport { dir: string; board: string }

/** `tinyml flash`: PlatformIO's upload; `log` receives progress lines. */
export function flashProject(dir: string, log: (s: string) => void): FlashReport {
  const m = readManifest(dir);
  if (m.board === 'host') throw new TinymlError(`${dir}: a host project cannot be flashed; generate one for a board (tinyml gen --board nano33 ...)`);
  if (!fs.existsSync(path.join(dir, 'platformio.ini'))) throw new TinymlError(`${dir}: no platformio.ini (board ${m.board} has no PlatformIO environment)`);
  const pio = platformio(log);
  log(`uploading with PlatformIO: pio run -d ${dir} -e ${m.board} -t upload`);
  const r = spawnSync(pio, ['run', '-d', dir, '-e', m.board, '-t', 'upload'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const text = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  if (r.status !== 0) {
    const errLine = text.split('\n').map((l) => l.trim()).filter((l) => /error|not found|no device|could not|failed/i.test(l)).pop()
      ?? text.trim().split('\n').pop() ?? `exit ${r.status}`;
    throw new TinymlError(`PlatformIO upload for ${m.board} failed: ${errLine}`);
  }
  return { dir, board: m.board };
}
