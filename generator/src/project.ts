/**
 * The board side of a generated firmware project: Makefile, linker scripts, app/main.c, the port
 * files, platformio.ini, Renode scripts and CI, README. Rendered from templates/project/ with
 * view-models built here (the templates only substitute and branch). The model itself (model/)
 * and the runtime sources (runtime/) come from the model generator.
 */
import * as fs from 'fs';
import * as path from 'path';
import Handlebars from 'handlebars';
import { Arch, Board, MemoryRegion } from './boards';
import { TinymlError } from './errors';
import { FileSet, IoSummary, ModelSummary } from './files';
import { rootPath } from './paths';
import { qemuDefs } from '../../sim/qemu';

export interface ProjectOptions {
  /** Bytes reserved for the stack (a multiple of 8). Default 8192, or 4096 on boards with less than 64 KB of RAM. */
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
  host: ['port_host.c'],
};
/** port/ sources every bare-metal build of an architecture needs (start-up, stack measurement, the
 *  QEMU builds' semihosting). */
const BARE_METAL_COMMON: Record<Arch, string[]> = {
  arm: ['port_internal.h', 'port_common.c', 'port_semihost.c', 'startup.c'],
  riscv: ['port_internal.h', 'port_common.c', 'port_semihost.c', 'startup_riscv.c'],
};
/** The linker-script template of each architecture. */
const LINKER_TEMPLATE: Record<Arch, string> = { arm: 'linker/firmware.ld.hbs', riscv: 'linker/riscv.ld.hbs' };

const templateCache = new Map<string, Handlebars.TemplateDelegate>();
const hbs = Handlebars.create();

function render(name: string, view: object): string {
  let t = templateCache.get(name);
  if (!t) {
    const file = rootPath('templates', 'project', name);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new Error(`missing project template ${file}`);
    }
    t = hbs.compile(text, { noEscape: true, strict: false });
    templateCache.set(name, t);
  }
  return t(view);
}

function hex(n: number): string {
  return '0x' + n.toString(16).toUpperCase().padStart(8, '0');
}

function sizeText(n: number): string {
  if (n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} bytes`;
}

function regionView(r: MemoryRegion) {
  return { origin: hex(r.origin), size: hex(r.size) };
}

function ioView(io: IoSummary, index: number) {
  return { index, name: io.name, dtype: io.dtype, shapeText: io.shape.join(','), bytes: io.bytes };
}

function linkerView(title: string, flash: MemoryRegion, ram: MemoryRegion, vectors: MemoryRegion | null, stackBytes: number, boot2: boolean) {
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

function defaultStack(board: Board): number {
  return board.ram !== null && board.ram.size < 64 * 1024 ? 4096 : 8192;
}

function checkFit(board: Board, summary: ModelSummary, stackBytes: number): void {
  if (board.ram === null || board.flash === null) return;
  const ramNeed = summary.arenaBytes + stackBytes;
  if (ramNeed > board.ram.size) {
    throw new TinymlError(
      `model '${summary.name}' needs ${ramNeed} bytes of RAM (arena ${summary.arenaBytes} + stack ${stackBytes}) but ${board.id} has ${board.ram.size}`,
    );
  }
  if (summary.weightsBytes > board.flash.size) {
    throw new TinymlError(`model '${summary.name}' has ${summary.weightsBytes} bytes of weights but ${board.id} has ${board.flash.size} bytes of flash`);
  }
}

/**
 * Every board-side file of the project for `board` running the model `summary`. Paths are
 * relative to the project root; the model generator adds model/ and runtime/.
 */
export function projectFiles(board: Board, summary: ModelSummary, options: ProjectOptions = {}): FileSet {
  const stackBytes = options.stackBytes ?? defaultStack(board);
  if (!Number.isInteger(stackBytes) || stackBytes < 1024 || stackBytes % 8 !== 0) {
    throw new TinymlError(`stack size ${stackBytes} must be a multiple of 8 and at least 1024 bytes`);
  }
  const optimize = options.optimize ?? '-Os';
  if (!['-Os', '-O2', '-O3'].includes(optimize)) throw new TinymlError(`optimisation ${optimize} must be -Os, -O2 or -O3`);
  checkFit(board, summary, stackBytes);

  const host = board.kind === 'host';
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
  const view = {
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

  if (host) {
    files.set('Makefile', render('Makefile.host.hbs', view));
    return files;
  }

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
