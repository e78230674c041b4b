/**
 * Running a firmware ELF under QEMU and reading what the tinyml app prints.
 *
 * QEMU runs with -icount shift=0 (one instruction per nanosecond of virtual time, so the app's
 * SysTick- or minstret-based counts are exact instruction counts, identical run to run), semihosting with
 * the host file system (the app's --input/--output files and its exit code), the console UART on
 * stdout and the semihosting console in a file of its own. See sim/README.md.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Emulator, EmulatorRun, EmulatorRunOptions } from './emulator';
import { SimError } from './errors';

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
    if (/\s/.test(a)) throw new SimError(`semihosting argument '${a}' contains white space (the app splits its command line on spaces)`);
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
 * Throws a one-line SimError when QEMU is missing, refuses to start, or exceeds the timeout
 * (it is killed).
 */
export function runQemu(opts: QemuRunOptions): Promise<QemuResult> {
  const qemu = opts.qemu ?? 'qemu-system-arm';
  if (!fs.existsSync(opts.elf)) return Promise.reject(new SimError(`${opts.elf}: no such ELF file`));
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
        reject(new SimError(e.code === 'ENOENT' ? `${qemu} not found (install ${opts.qemuPackage ?? 'qemu-system-arm'})` : `cannot run ${qemu}: ${e.message}`)),
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
          reject(new SimError(`${path.basename(opts.elf)} did not finish within ${opts.timeoutMs} ms under QEMU ${opts.machine} (killed)`));
          return;
        }
        const qemuError = stderr.split('\n').find((l) => l.startsWith(`${path.basename(qemu)}:`) || l.startsWith('qemu-system-'));
        if (code !== 0 && uart === '' && qemuError) {
          reject(new SimError(`QEMU ${opts.machine} failed: ${qemuError.trim()}`));
          return;
        }
        if (code === null) {
          reject(new SimError(`QEMU ${opts.machine} ended by signal ${signal ?? '?'} running ${path.basename(opts.elf)}`));
          return;
        }
        resolve({ exitCode: code, uart, semihostOut });
      });
    });
  });
}

/** The QEMU stand-in of a board, as far as the firmware build needs it. */
export interface QemuTarget {
  /** The port the sim build compiles: qemu (Arm: CMSDK UART, SysTick; the default) or qemu_riscv. */
  port?: string;
  /** The console UART: cmsdk (Arm, the default), sifive or ns16550 (RISC-V), and its base address. */
  uartModel?: string;
  uartBase: number;
  /** Instructions per SysTick tick under -icount shift=0: num / 2^shift (RISC-V counts minstret). */
  insnsPerTick: { num: number; shift: number };
}

function hex(n: number): string {
  return '0x' + n.toString(16).toUpperCase().padStart(8, '0');
}

/** The -D flags selecting a QEMU build of the port (UART base and instructions per tick). */
export function qemuDefs(sim: QemuTarget): string {
  if (sim.port === 'qemu_riscv') {
    return [
      '-DPORT_QEMU_RISCV',
      `-DPORT_UART_BASE=${hex(sim.uartBase)}u`,
      ...(sim.uartModel === 'ns16550' ? ['-DPORT_UART_NS16550'] : []),
      `-DTINYML_VARIANT='"sim"'`,
    ].join(' ');
  }
  return [
    '-DPORT_QEMU_CMSDK',
    `-DPORT_UART_BASE=${hex(sim.uartBase)}u`,
    `-DPORT_INSNS_PER_TICK_NUM=${sim.insnsPerTick.num}u`,
    `-DPORT_INSNS_PER_TICK_SHIFT=${sim.insnsPerTick.shift}u`,
    `-DTINYML_VARIANT='"sim"'`,
  ].join(' ');
}

/** QEMU as an Emulator: the console is the UART (the semihosting console is dropped). */
export const qemu: Emulator = {
  name: 'qemu',
  available(): boolean {
    return spawnSync('sh', ['-c', 'command -v qemu-system-arm'], { encoding: 'utf8' }).status === 0;
  },
  async run(elf: string, o: EmulatorRunOptions): Promise<EmulatorRun> {
    if (!o.machine) throw new SimError('a QEMU run needs its machine');
    const r = await runQemu({
      elf, machine: o.machine, machineOptions: o.machineOptions, cpu: o.cpu, extraArgs: o.extraArgs,
      qemu: o.binary, qemuPackage: o.package, args: o.args, cwd: o.cwd, timeoutMs: o.timeoutMs,
    });
    return { exitCode: r.exitCode, console: r.uart };
  },
};
