/**
 * Renode as an Emulator: runs the project's Robot test (renode/<board>.robot, which loads the
 * ELF and waits for the app's lines) with renode-test. Renode cannot be installed on the machines
 * tinyml is developed on, so this path has not been run here.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import { Emulator, EmulatorRun, EmulatorRunOptions } from './emulator';
import { SimError } from './errors';

export const RENODE_MISSING = 'Renode is not installed here (no renode or renode-test on PATH)';

export const renode: Emulator = {
  name: 'renode',
  available(): boolean {
    return spawnSync('sh', ['-c', 'command -v renode-test || command -v renode'], { encoding: 'utf8' }).status === 0;
  },
  run(elf: string, o: EmulatorRunOptions): Promise<EmulatorRun> {
    if (!o.script) return Promise.reject(new SimError('a Renode run needs its Robot test (script)'));
    if (!fs.existsSync(elf)) return Promise.reject(new SimError(`${elf}: no such ELF file`));
    const script = o.script;
    return new Promise<EmulatorRun>((resolve, reject) => {
      const child = spawn('renode-test', [script], { cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, o.timeoutMs);
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new SimError(e.code === 'ENOENT' ? RENODE_MISSING : `cannot run renode-test: ${e.message}`));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        const stdout = Buffer.concat(out).toString('utf8');
        if (timedOut) return reject(new SimError(`Renode test ${script} did not finish within ${o.timeoutMs} ms (killed)`));
        if (code !== 0) {
          const text = stdout || Buffer.concat(err).toString('utf8');
          return reject(new SimError(`Renode test ${script} failed: ${text.trim().split('\n').pop() ?? `exit ${code}`}`));
        }
        resolve({ exitCode: 0, console: stdout });
      });
    });
  },
};
