/**
 * Running a firmware ELF under QEMU and reading what the tinyml app prints.
 *
 * QEMU runs with -icount shift=0 (one instruction per nanosecond of virtual time, so the app's
 * SysTick- or minstret-based counts are exact instruction counts, identical run to run), semihosting with
 * the host file system (the app's --input/--output files and its exit code), the console UART on
 * stdout and the semihosting console in a file of its own. See sim/README.md.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TinymlError } from '../generator/src/errors';

export interface QemuRunOptions {
  /** The firmware ELF (loaded with -kernel). */
  elf: string;
  /** QEMU machine, e.g. mps2-an386. */
  machine: string;
  /** Machine options appended to -M <machine>, e.g. revb=true. */
  machineOptions?: string;
  /** Further QEMU arguments, e.g. -bios none. */
  extraArgs?: string[];
  /** CPU model (-cpu); the machine's default when omitted. */
  cpu?: string;
  /** The program's command-line arguments (after its name), passed by semihosting. */
  args?: string[];
  /** Working directory: semihosting resolves relative file paths against it. */
  cwd: string;
  timeoutMs: number;
  /** The QEMU binary (default qemu-system-arm) and the Debian package that has it. */
  qemu?: string;
  qemuPackage?: string;
}

export interface QemuResult {
  /** QEMU's exit status: the program's semihosting exit code. */
  exitCode: number;
  /** Everything the program printed on its console UART. */
  uart: string;
  /** Everything printed on the semihosting console (SYS_WRITE0/SYS_WRITEC/stdout writes). */
  semihostOut: string;
}

/** QEMU's option syntax doubles a comma inside a value. */
function optValue(s: string): string {
  return s.replace(/,/g, ',,');
}

/** The qemu-system-arm (or -riscv32) arguments for a run (without the binary). `semihostFile` receives the semihosting console. */
export function qemuArgs(opts: QemuRunOptions, semihostFile: string): string[] {
  const progArgs = [path.basename(opts.elf), ...(opts.args ?? [])];
  for (const a of progArgs) {
    if (/\s/.test(a)) throw new TinymlError(`semihosting argument '${a}' contains white space (the app splits its command line on spaces)`);
  }
  const sh = ['enable=on', 'target=native', 'chardev=tinyml_sh', ...progArgs.map((a) => `arg=${optValue(a)}`)].join(',');
  return [
    '-M',
    opts.machineOptions ? `${opts.machine},${opts.machineOptions}` : opts.machine,
    ...(opts.cpu ? ['-cpu', opts.cpu] : []),
    ...(opts.extraArgs ?? []),
    '-nographic',
    '-monitor',
    'none',
    '-icount',
    'shift=0',
    '-chardev',
    `file,id=tinyml_sh,path=${optValue(semihostFile)}`,
    '-semihosting-config',
    sh,
    '-kernel',
    opts.elf,
  ];
}

/**
 * Runs the ELF to completion (its semihosting exit) and returns the exit code and both consoles.
 * Throws a one-line TinymlError when QEMU is missing, refuses to start, or exceeds the timeout
 * (it is killed).
 */
export function runQemu(opts: QemuRunOptions): Promise<QemuResult> {
  const qemu = opts.qemu ?? 'qemu-system-arm';
  if (!fs.existsSync(opts.elf)) return Promise.reject(new TinymlError(`${opts.elf}: no such ELF file`));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-qemu-'));
  const shFile = path.join(dir, 'semihost.txt');
  let args: string[];
  try {
    args = qemuArgs({ ...opts, elf: path.resolve(opts.elf) }, shFile);
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    return Promise.reject(e);
  }
  return new Promise<QemuResult>((resolve, reject) => {
    // The console goes to a file, not a pipe: QEMU's SiFive UART model drops a byte whenever its
    // non-blocking write would block, which a pipe or socket does after a few hundred one-byte
    // writes; a regular file never does.
    const uartFile = path.join(dir, 'uart.txt');
    const uartFd = fs.openSync(uartFile, 'w');
    const child = spawn(qemu, args, { cwd: opts.cwd, stdio: ['ignore', uartFd, 'pipe'] });
    fs.closeSync(uartFd);
    const err: Buffer[] = [];
    let timedOut = false;
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
      fs.rmSync(dir, { recursive: true, force: true });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      finish(() =>
        reject(new TinymlError(e.code === 'ENOENT' ? `${qemu} not found (install ${opts.qemuPackage ?? 'qemu-system-arm'})` : `cannot run ${qemu}: ${e.message}`)),
      );
    });
    child.on('close', (code, signal) => {
      finish(() => {
        let uart = '';
        try {
          uart = fs.readFileSync(uartFile, 'utf8');
        } catch {
          /* nothing was written */
        }
        const stderr = Buffer.concat(err).toString('utf8');
        let semihostOut = '';
        try {
          semihostOut = fs.readFileSync(shFile, 'utf8');
        } catch {
          /* QEMU did not get as far as creating it */
        }
        if (timedOut) {
          reject(new TinymlError(`${path.basename(opts.elf)} did not finish within ${opts.timeoutMs} ms under QEMU ${opts.machine} (killed)`));
          return;
        }
        const qemuError = stderr.split('\n').find((l) => l.startsWith(`${path.basename(qemu)}:`) || l.startsWith('qemu-system-'));
        if (code !== 0 && uart === '' && qemuError) {
          reject(new TinymlError(`QEMU ${opts.machine} failed: ${qemuError.trim()}`));
          return;
        }
        if (code === null) {
          reject(new TinymlError(`QEMU ${opts.machine} ended by signal ${signal ?? '?'} running ${path.basename(opts.elf)}`));
          return;
        }
        resolve({ exitCode: code, uart, semihostOut });
      });
    });
  });
}

export interface AppOutputValue {
  index: number;
  dtype: string;
  shape: number[];
  /** Values as numbers (float32 decoded from their IEEE bits; int64 beyond 2^53 loses precision). */
  values: number[];
  /** The values as printed. */
  raw: string[];
}

export interface AppOutput {
  board: string | null;
  /** "sim", "hw" or "host". */
  variant: string | null;
  model: string | null;
  inputs: { index: number; source: 'builtin' | 'file'; path: string | null }[];
  ops: { index: number; name: string; count: number }[];
  total: { count: number; unit: string } | null;
  outputs: AppOutputValue[];
  arena: number | null;
  stack: { bytes: number; overflow: boolean } | null;
  errors: string[];
  /** True when the app printed its final "tinyml: done". */
  done: boolean;
}

function float32FromBits(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, bits >>> 0);
  return view.getFloat32(0);
}

/**
 * Parses the app's console output (the `tinyml: ...` lines; anything else is ignored). A line
 * starting with a known record but not of its form raises a TinymlError.
 */
export function parseAppOutput(text: string): AppOutput {
  const res: AppOutput = {
    board: null,
    variant: null,
    model: null,
    inputs: [],
    ops: [],
    total: null,
    outputs: [],
    arena: null,
    stack: null,
    errors: [],
    done: false,
  };
  const bad: (line: string) => never = (line: string): never => {
    throw new TinymlError(`unparsable app output line '${line.length > 80 ? line.slice(0, 77) + '...' : line}'`);
  };
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    const m0 = /^tinyml: (\w+)(?: (.*))?$/.exec(line);
    if (!m0) continue;
    const [, key, rest = ''] = m0;
    let m: RegExpExecArray | null;
    switch (key) {
      case 'board':
        if (!(m = /^(\S+) (\S+)/.exec(rest))) bad(line);
        res.board = m[1];
        res.variant = m[2];
        break;
      case 'model':
        if (rest === '') bad(line);
        res.model = rest;
        break;
      case 'input':
        if ((m = /^(\d+) builtin$/.exec(rest))) res.inputs.push({ index: Number(m[1]), source: 'builtin', path: null });
        else if ((m = /^(\d+) file (.+)$/.exec(rest))) res.inputs.push({ index: Number(m[1]), source: 'file', path: m[2] });
        else bad(line);
        break;
      case 'op':
        if (!(m = /^(\d+) (\S+) (\d+)$/.exec(rest))) bad(line);
        res.ops.push({ index: Number(m[1]), name: m[2], count: Number(m[3]) });
        break;
      case 'total':
        if (!(m = /^(\d+) (\S+)$/.exec(rest))) bad(line);
        res.total = { count: Number(m[1]), unit: m[2] };
        break;
      case 'output': {
        if (!(m = /^(\d+) (\w+) \[([-\d,]*)\]:(.*)$/.exec(rest))) bad(line);
        const dtype = m[2];
        const raw = m[4].trim() === '' ? [] : m[4].trim().split(/ +/);
        const values = raw.map((v) => {
          if (dtype === 'float32') {
            if (!/^0x[0-9a-f]{8}$/i.test(v)) bad(line);
            return float32FromBits(parseInt(v, 16));
          }
          if (!/^-?\d+$/.test(v)) bad(line);
          return Number(v);
        });
        res.outputs.push({ index: Number(m[1]), dtype, shape: m[3] === '' ? [] : m[3].split(',').map(Number), values, raw });
        break;
      }
      case 'arena':
        if (!(m = /^(\d+)$/.exec(rest))) bad(line);
        res.arena = Number(m[1]);
        break;
      case 'stack':
        if (!(m = /^(\d+)( overflow)?$/.exec(rest))) bad(line);
        res.stack = { bytes: Number(m[1]), overflow: m[2] !== undefined };
        break;
      case 'error':
        res.errors.push(rest);
        break;
      case 'done':
        res.done = true;
        break;
      default:
        break; /* a record this parser does not know: ignored */
    }
  }
  return res;
}
