/**
 * The board target: a complete firmware project for a board (boardProject: files, manifest and
 * budget). The board side (projectFiles): Makefile, linker scripts, app/main.c, the port files,
 * platformio.ini, Renode scripts and CI, README, rendered from templates/project/ with view-models
 * built here (the templates only substitute and branch). The model itself (model/) and the
 * runtime sources (runtime/) come from compile(). The host target is host.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Arch, Board, MemoryRegion } from './boards';
import { TinymlError } from './errors';
import { Compiled, constDataBytes } from './codegen';
import { FileSet, IoSummary, ModelSummary } from './files';
import { ProjectManifest, manifestText } from './manifest';
import { GENERATOR_VERSION } from './version';
import { rootPath } from './paths';
import { renderTemplate } from './render';
import { LinkerView, ProjectIoView, ProjectView } from './views';
import { qemuDefs } from '../../sim/qemu';

export interface ProjectOptions {
  /** Bytes reserved for the stack (a multiple of 8, at least 1024). Default: defaultStackBytes(board). */
  stackBytes?: number;
  /** Compiler optimisation level for the Arm builds (default -Os). */
  optimize?: '-Os' | '-O2' | '-O3';
}

/** port/ sources each port implementation needs, besides port.h. */
const PORT_FILES: Record<Board['port'], string[]> = {
  qemu: ['port_qemu.c'],
  qemu_riscv: ['port_riscv.c'],
  fe310: ['port_riscv.c'],
  nrf52840: ['port_nrf.c'],
  nrf5340_app: ['port_nrf.c'],
  stm32f1: ['port_stm32.c'],
  stm32f7: ['port_stm32.c'],
  stm32l4r: ['port_stm32.c'],
  rp2040: ['port_rp2040.c'],
  host: [],
};
/** port/ sources every bare-metal build of an architecture needs (start-up, stack measurement, the
 *  QEMU builds' semihosting). */
const BARE_METAL_COMMON: Record<Arch, string[]> = {
  arm: ['port_internal.h', 'port_common.c', 'port_semihost.c', 'startup.c'],
  riscv: ['port_internal.h', 'port_common.c', 'port_semihost.c', 'startup_riscv.c'],
};
/** The linker-script template of each architecture. */
const LINKER_TEMPLATE: Record<Arch, string> = { arm: 'linker/firmware.ld.hbs', riscv: 'linker/riscv.ld.hbs' };

function render(name: string, view: ProjectView | LinkerView): string {
  return renderTemplate(`project/${name}`, view);
}

function hex(n: number): string {
  return '0x' + n.toString(16).toUpperCase().padStart(8, '0');
}

function sizeText(n: number): string {
  if (n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} bytes`;
}

function regionView(r: MemoryRegion): { origin: string; size: string } {
  return { origin: hex(r.origin), size: hex(r.size) };
}

function ioView(io: IoSummary, index: number): ProjectIoView {
  return { index, name: io.name, dtype: io.dtype, shapeText: io.shape.join(','), bytes: io.bytes };
}

function linkerView(title: string, flash: MemoryRegion, ram: MemoryRegion, vectors: MemoryRegion | null, stackBytes: number, boot2: boolean): LinkerView {
  return {
    title,
    vectors: vectors ? regionView(vectors) : null,
    vectorRegion: vectors ? 'VECTORS' : 'FLASH',
    flash: regionView(flash),
    ram: regionView(ram),
    stackBytes: hex(stackBytes),
    boot2,
  };
}

/**
 * Every board-side file of the project for `board` running the model `summary`. Paths are
 * relative to the project root; the model generator adds model/ and runtime/.
 */
export function projectFiles(board: Board, summary: ModelSummary, options: ProjectOptions = {}): FileSet {
  if (board.kind === 'host') throw new TinymlError('the host project is made by host.ts (tinyml gen --board host), not from a board');
  const stackBytes = options.stackBytes ?? defaultStackBytes(board);
  if (!Number.isInteger(stackBytes) || stackBytes < 1024 || stackBytes % 8 !== 0) {
    throw new TinymlError(`stack size ${stackBytes} must be a multiple of 8 and at least 1024 bytes`);
  }
  const optimize = options.optimize ?? '-Os';
  if (!['-Os', '-O2', '-O3'].includes(optimize)) throw new TinymlError(`optimisation ${optimize} must be -Os, -O2 or -O3`);

  const host = false;
  const emulator = board.kind === 'emulator';
  const sim = board.sim;
  const boardDefs = emulator && sim ? qemuDefs(sim) : `-D${board.portMacro}`;
  const pioArduino = board.platformio?.framework === 'arduino';
  const pio = board.platformio
    ? {
        platform: board.platformio.platform,
        board: board.platformio.board,
        arduino: pioArduino,
        cpuFlags: board.cflags,
        buildFlags: [pioArduino ? '-DPORT_ARDUINO' : `-D${board.portMacro}`, '-Iruntime/include', '-Imodel', '-Iport'],
      }
    : null;
  const renode = board.renode && board.flash
    ? {
        platform: board.renode.platform,
        uart: board.renode.uart,
        // Arm cores reset through the vector table; on RISC-V Renode starts at the ELF's entry.
        vectorTable: board.arch === 'arm' ? '0x' + (board.vectors ?? board.flash).origin.toString(16).toUpperCase() : null,
        setup: board.renode.setup,
        timeoutSeconds: 120,
      }
    : null;
  const tc = board.toolchain;
  const counterText = board.arch === 'riscv'
    ? `on the board, core clock cycles from the mcycle CSR; in QEMU, retired instructions from the minstret CSR (exact under -icount shift=0, and repeatable).`
    : `on the board, core clock cycles from ${board.port === 'rp2040' ? 'SysTick (the Cortex-M0+ has no cycle counter)' : 'the DWT cycle counter'}; in QEMU, retired instructions (SysTick ticks times the instructions per tick of -icount shift=0), exact to one tick (${sim ? sim.insnsPerTick.num / 2 ** sim.insnsPerTick.shift : 40} instructions) and repeatable.`;
  const view: ProjectView = {
    board: {
      id: board.id,
      name: board.name,
      mcu: board.mcu,
      core: board.core,
      fpu: board.fpu,
      dsp: board.dsp,
      console: board.console,
      notes: board.notes,
      flash: board.flash,
      flashText: board.flash ? `${sizeText(board.flash.size)} at ${hex(board.flash.origin)}` : '',
      ramText: board.ram ? `${sizeText(board.ram.size)} at ${hex(board.ram.origin)}` : '',
    },
    model: {
      name: summary.name,
      arenaBytes: summary.arenaBytes,
      weightsBytes: summary.weightsBytes,
      macs: summary.macs,
      inputs: summary.inputs.map(ioView),
      outputs: summary.outputs.map(ioView),
    },
    host,
    arch: board.arch,
    sim: sim && !host
      ? { machine: sim.machine, cpu: sim.cpu, binary: sim.binary, mOption: sim.machineOptions ? `${sim.machine},${sim.machineOptions}` : sim.machine, extraArgs: sim.extraArgs.join(' ') }
      : null,
    toolchain: tc ? { prefix: tc.prefix, compileFlags: tc.compileFlags.join(' '), linkFlags: tc.linkFlags.join(' '), debian: tc.debian.join(' '), libc: tc.libc } : null,
    pio,
    renode,
    cflags: board.cflags.join(' '),
    boardDefs,
    simDefs: sim ? qemuDefs(sim) : '',
    optimize,
    stackBytesDec: stackBytes,
    nOps: summary.ops.length,
    maxOps: Math.max(1, summary.ops.length),
    variantText: host ? 'host' : emulator ? 'sim' : 'hw (sim in build/sim.elf)',
    unitText: host ? 'nanoseconds' : emulator ? 'instructions' : 'cycles (instructions in the sim build)',
    unitExplain: host ? 'wall-clock time on the host.' : counterText,
  };

  const files: FileSet = new Map();
  files.set('README.md', render('README.md.hbs', view));
  files.set('app/main.c', render('app/main.c.hbs', view));

  const portDir = rootPath('micro-runtime', 'port');
  const portNames = new Set<string>(['port.h', ...PORT_FILES[board.port]]);
  if (!host && board.arch && sim) {
    for (const f of BARE_METAL_COMMON[board.arch]) portNames.add(f);
    for (const f of PORT_FILES[sim.port]) portNames.add(f);
  }
  if (pioArduino) portNames.add('port_arduino.cpp');
  for (const f of [...portNames].sort()) files.set(`port/${f}`, fs.readFileSync(path.join(portDir, f), 'utf8'));

  const flash = board.flash as MemoryRegion;
  const ram = board.ram as MemoryRegion;
  const simT = sim as NonNullable<Board['sim']>;
  files.set('Makefile', render('Makefile.hbs', view));
  files.set(
    'linker/board.ld',
    render(LINKER_TEMPLATE[board.arch as Arch], linkerView(`${board.name} (${board.id})`, flash, ram, board.vectors, stackBytes, board.port === 'rp2040')),
  );
  files.set(
    'linker/sim.ld',
    render(
      LINKER_TEMPLATE[board.arch as Arch],
      linkerView(`QEMU ${simT.machine} stand-in for ${board.id} (the machine's memory map, the board's sizes)`, simT.flash, simT.ram, simT.vectors, stackBytes, false),
    ),
  );
  if (pio) {
    files.set('platformio.ini', render('platformio.ini.hbs', view));
    if (!pioArduino) files.set('pio_linkflags.py', render('pio_linkflags.py.hbs', view));
  }
  if (renode) {
    files.set(`renode/${board.id}.resc`, render('renode/board.resc.hbs', view));
    files.set(`renode/${board.id}.robot`, render('renode/board.robot.hbs', view));
    files.set('.github/workflows/renode.yml', render('github/renode.yml.hbs', view));
  }
  return files;
}

/** Flash the generated code, runtime, port and C library take besides the model's constant data
 *  (measured: 13-16 KB for the shared models on Cortex-M4 at -Os; rounded up). */
export const CODE_ALLOWANCE_BYTES = 20 * 1024;
/** The same with the DSP kernels, whose unrolled assembly is larger (measured: 14-30 KB for the
 *  shared models on Cortex-M4 at -Os; rounded up). */
export const CODE_ALLOWANCE_DSP_BYTES = 32 * 1024;
/** RAM besides the arena and the stack: the app's profile table, console and C library state
 *  (measured: about 130 bytes for the shared models; rounded up). */
export const RAM_ALLOWANCE_BYTES = 512;

/** The one stack default: the kernels need well under 1 KB (measured in QEMU: 632 bytes for
 *  keyword spotting), so boards with less than 64 KB of RAM reserve 2 KB and keep the rest for the
 *  arena; the others 8 KB. */
export function defaultStackBytes(board: Board): number {
  return board.ram !== null && board.ram.size < 64 * 1024 ? 2048 : 8192;
}

/** The code allowance for a compiled model: larger when it uses the DSP kernels. */
export function codeAllowance(c: Compiled): number {
  return c.prepared.some((p) => p.eval.endsWith('_dsp')) ? CODE_ALLOWANCE_DSP_BYTES : CODE_ALLOWANCE_BYTES;
}

function n(x: number): string {
  return x.toLocaleString('en-US');
}

/** What a project needs of its board, estimated before anything is built. */
export interface Budget {
  flash: number;
  ram: number;
}

/**
 * The fit check, from the byte counts compile() recorded: refuses, before anything is written, a
 * model that does not fit the board, saying by how much.
 */
export function checkFits(board: Board, c: Compiled, label: string, stackBytes: number, extraRam = 0): Budget {
  const code = codeAllowance(c);
  const flashNeed = constDataBytes(c.bytes) + code;
  const ramNeed = c.plan.arenaBytes + stackBytes + RAM_ALLOWANCE_BYTES + extraRam;
  if (!board.flash || !board.ram) return { flash: flashNeed, ram: ramNeed };
  const over: string[] = [];
  if (flashNeed > board.flash.size) {
    over.push(`flash is over by ${n(flashNeed - board.flash.size)} bytes (needs about ${n(flashNeed)}: ${n(flashNeed - code)} of weights, op data and test input and about ${n(code)} of code; ${board.id} has ${n(board.flash.size)})`);
  }
  if (ramNeed > board.ram.size) {
    over.push(`RAM is over by ${n(ramNeed - board.ram.size)} bytes (needs about ${n(ramNeed)}: arena ${n(c.plan.arenaBytes)}, stack ${n(stackBytes)}, other ${n(RAM_ALLOWANCE_BYTES + extraRam)}; ${board.id} has ${n(board.ram.size)})`);
  }
  if (over.length) throw new TinymlError(`${label} does not fit ${board.id}: ${over.join('; ')}`);
  return { flash: flashNeed, ram: ramNeed };
}

export interface BoardProjectOptions extends ProjectOptions {
  /** The model file (recorded in tinyml.json). */
  modelPath: string;
  /** The model's label for messages (e.g. its file name). */
  label: string;
  kernels: 'ref' | 'dsp';
  /** Extra files (an example's app) merged over the project's; may replace app/main.c. */
  extraFiles?: FileSet;
  /** Extra RAM the extra files need (their static buffers). */
  extraRamBytes?: number;
  example?: string;
}

export interface TargetProject {
  /** Every file of the project, tinyml.json included. */
  files: FileSet;
  manifest: ProjectManifest;
  /** The estimated flash and RAM need (null for the host: no budget). */
  budget: Budget | null;
}

/** The board target: the compiled model, the board's files and the manifest, after the fit check. */
export function boardProject(board: Board, compiled: Compiled, o: BoardProjectOptions): TargetProject {
  const stackBytes = o.stackBytes ?? defaultStackBytes(board);
  const budget = checkFits(board, compiled, o.label, stackBytes, o.extraRamBytes ?? 0);
  const files: FileSet = new Map(compiled.files);
  for (const [k, v] of projectFiles(board, compiled.summary, { stackBytes, optimize: o.optimize })) files.set(k, v);
  for (const [k, v] of o.extraFiles ?? new Map()) files.set(k, v);
  const manifest: ProjectManifest = {
    generator: GENERATOR_VERSION,
    board: board.id,
    model: path.resolve(o.modelPath),
    kernels: o.kernels,
    stackBytes,
    ...(o.example ? { example: o.example } : {}),
    summary: compiled.summary,
  };
  files.set('tinyml.json', manifestText(manifest));
  return { files, manifest, budget };
}
