/**
 * Firmware projects for boards: `tinyml gen --board B`, `tinyml build DIR`, `tinyml sim DIR`.
 * The model comes from compile() (codegen.ts), the project (files, manifest, budget) from the
 * board target (project.ts boardProject); build and sim read the project's tinyml.json
 * (manifest.ts); the emulators are sim/'s (QEMU, Renode), behind its Emulator interface.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { getEmulator } from '../../sim';
import { AppOutput, parseAppOutput, parseResults } from '../../sim/protocol';
import { Board, getBoard } from './boards';
import { Compiled, compile } from './codegen';
import { TinymlError, viaSim, viaSimAsync } from './errors';
import { loadExample } from './examples';
import { FileSet } from './files';
import { readManifest } from './manifest';
import { writeFilesAtomically } from './host';
import { loadModel } from './model';
import { boardProject } from './project';

export interface GenOptions {
  board: string;
  model: string;
  out: string;
  kernels?: 'ref' | 'dsp';
  stackBytes?: number;
  /** Extra files (an example's app) merged over the project's; may replace app/main.c. */
  extraFiles?: FileSet;
  /** Extra RAM the extra files need (their static buffers). */
  extraRamBytes?: number;
  example?: string;
}

export interface GenResult {
  board: Board;
  compiled: Compiled;
  files: FileSet;
  flashEstimate: number;
  ramEstimate: number;
}

/** Generates a complete firmware project for a board. Writes nothing when anything fails. */
export function generateProject(o: GenOptions): GenResult {
  const board = getBoard(o.board);
  const m = loadModel(o.model);
  const kernels = o.kernels ?? (board.dsp ? 'dsp' : 'ref');
  const compiled = compile(m, { kernels });
  const p = boardProject(board, compiled, {
    modelPath: o.model, label: m.graph.label, kernels, stackBytes: o.stackBytes,
    extraFiles: o.extraFiles, extraRamBytes: o.extraRamBytes, example: o.example,
  });
  writeFilesAtomically(o.out, p.files);
  return { board, compiled, files: p.files, flashEstimate: p.budget!.flash, ramEstimate: p.budget!.ram };
}

function make(dir: string, targets: string[], board: Board): void {
  const cc = `${board.toolchain?.prefix ?? 'arm-none-eabi-'}gcc`;
  if (spawnSync('sh', ['-c', `command -v ${cc}`], { encoding: 'utf8' }).status !== 0) {
    throw new TinymlError(`${cc} is not installed (Debian: ${board.toolchain?.debian.join(' ') ?? 'gcc-arm-none-eabi'}); run \`bash scripts/setup.sh\``);
  }
  const r = spawnSync('make', ['-C', dir, '-j2', '--no-print-directory', 'WERROR=-Werror', ...targets], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) {
    const text = `${r.stderr ?? ''}\n${r.stdout ?? ''}`;
    const line = text.split('\n').find((l) => /error|overflow|will not fit/i.test(l)) ?? text.trim().split('\n').pop() ?? 'failed';
    throw new TinymlError(`build of ${dir} failed: ${line.trim()}`);
  }
}

interface Section { name: string; size: number; addr: number }

/** The ELF's allocated sections (what occupies flash or RAM), from readelf. */
export function elfSections(elf: string, prefix = 'arm-none-eabi-'): Section[] {
  const r = spawnSync(`${prefix}readelf`, ['-S', '-W', elf], { encoding: 'utf8' });
  if (r.status !== 0) throw new TinymlError(`cannot read the sections of ${elf}`);
  const out: Section[] = [];
  for (const line of r.stdout.split('\n')) {
    // [Nr] Name Type Addr Off Size ES Flg ...
    const m = /^\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+[0-9a-f]+\s+(\S*)/.exec(line);
    if (!m || !m[4].includes('A')) continue;
    out.push({ name: m[1], addr: parseInt(m[2], 16), size: parseInt(m[3], 16) });
  }
  return out;
}

export interface BuildReport {
  board: string;
  flash: { used: number; budget: number };
  ram: { used: number; budget: number; reserved: number };
  arena: number;
  stack: { measured: number; reserved: number };
  sections: Section[];
}

function inRegion(addr: number, r: { origin: number; size: number } | null): boolean {
  return !!r && addr >= r.origin && addr < r.origin + r.size;
}

/** Builds the board firmware and its emulator variant; measures flash, RAM and (in the emulator) the stack. */
export async function buildProject(dir: string): Promise<BuildReport> {
  const man = readManifest(dir);
  const board = getBoard(man.board);
  if (board.kind === 'host') throw new TinymlError(`${dir}: a host project is built with \`make -C ${dir}\``);
  make(dir, ['all', 'sim'], board);
  const sections = elfSections(path.join(dir, 'build', 'firmware.elf'), board.toolchain?.prefix);
  const flashRegions = [board.flash, board.vectors];
  // Flash: everything loaded there, including the initial values of .data.
  let flash = 0, ramData = 0, stackReserved = 0;
  for (const s of sections) {
    if (s.size === 0) continue;
    if (flashRegions.some((r) => inRegion(s.addr, r))) flash += s.size;
    else if (inRegion(s.addr, board.ram)) {
      if (s.name === '.stack') stackReserved += s.size;
      else ramData += s.size;
      if (s.name === '.data') flash += s.size;
    }
  }
  const run = await runSim(dir, {});
  const measured = run.app.stack?.bytes ?? stackReserved;
  if (run.app.stack?.overflow) throw new TinymlError(`${dir}: the stack overflowed its ${stackReserved} bytes in the emulator; regenerate with a larger stack`);
  const arena = man.summary.arenaBytes;
  return {
    board: board.id,
    flash: { used: flash, budget: board.flash!.size },
    ram: { used: ramData + measured, budget: board.ram!.size, reserved: ramData + stackReserved },
    arena,
    stack: { measured, reserved: stackReserved },
    sections,
  };
}

export interface SimOptions {
  inputs?: string[];
  outputs?: string[];
  emulator?: 'qemu' | 'renode';
  timeoutMs?: number;
}

export interface SimRun {
  board: Board;
  app: AppOutput;
  exitCode: number;
  uart: string;
}

/** Builds (if needed) and runs the emulator variant of a project: QEMU (default) or Renode. */
export async function runSim(dir: string, o: SimOptions): Promise<SimRun> {
  const man = readManifest(dir);
  const board = getBoard(man.board);
  if (o.emulator === 'renode') {
    const renode = getEmulator('renode');
    if (!renode.available()) {
      throw new TinymlError(`Renode is not installed here (no renode or renode-test on PATH); use --emulator qemu, or run renode/${board.id}.robot where Renode is installed`);
    }
    const robot = path.join(dir, 'renode', `${board.id}.robot`);
    if (!fs.existsSync(robot)) throw new TinymlError(`${board.id} has no Renode platform; use --emulator qemu`);
    make(dir, ['all'], board);
    const r = await viaSimAsync(() => renode.run(path.resolve(dir, 'build', 'firmware.elf'), { script: robot, cwd: dir, timeoutMs: o.timeoutMs ?? 600000 }));
    return { board, app: viaSim(() => parseAppOutput(r.console)), exitCode: r.exitCode, uart: r.console };
  }
  if (board.kind === 'host' || !board.sim) throw new TinymlError(`${board.id} has no emulator stand-in`);
  make(dir, ['sim'], board);
  const args: string[] = [];
  for (const f of o.inputs ?? []) {
    if (!fs.existsSync(f)) throw new TinymlError(`${f}: no such input file`);
    args.push('--input', path.resolve(f));
  }
  for (const f of o.outputs ?? []) args.push('--output', path.resolve(f));
  const sim = board.sim;
  const res = await viaSimAsync(() => getEmulator('qemu').run(path.resolve(dir, 'build', 'sim.elf'), {
    machine: sim.machine,
    machineOptions: sim.machineOptions,
    cpu: sim.cpu,
    extraArgs: sim.extraArgs,
    binary: sim.binary,
    package: sim.debian,
    args,
    cwd: path.resolve(dir),
    timeoutMs: o.timeoutMs ?? 600000,
  }));
  const app = viaSim(() => parseAppOutput(res.console));
  if (res.exitCode !== 0 || !app.done) {
    const why = app.errors[0] ?? `the firmware exited with code ${res.exitCode}`;
    throw new TinymlError(`sim of ${dir}: ${why}`);
  }
  return { board, app, exitCode: res.exitCode, uart: res.console };
}

export interface ProfileByType { op: string; count: number; instructions: number; percent: number }

/** The per-op profile summarized by node type, largest first (like TFLite's benchmark_model). */
export function profileByType(app: AppOutput): ProfileByType[] {
  const total = app.ops.reduce((a, o) => a + o.count, 0) || 1;
  const m = new Map<string, ProfileByType>();
  for (const o of app.ops) {
    const e = m.get(o.name) ?? { op: o.name, count: 0, instructions: 0, percent: 0 };
    e.count++;
    e.instructions += o.count;
    m.set(o.name, e);
  }
  return [...m.values()].map((e) => ({ ...e, percent: (100 * e.instructions) / total })).sort((a, b) => b.instructions - a.instructions);
}

export interface SimReport {
  dir: string;
  board: Board;
  emulator: 'qemu' | 'renode';
  app: AppOutput;
  /** The example the project was made from, if any, and what its firmware printed as results. */
  example: string | null;
  /** Every `tinyml: result` line (null for a project that is not an example). */
  resultLines: unknown[] | null;
  /** The results as the example defines them: the list, or its one result ("single"). */
  results: unknown;
  /** The cost of one inference and its unit (instructions in QEMU). */
  instructions: number;
  unit: string | null;
  macs: number;
  instructionsPerMac: number | null;
  byType: ProfileByType[];
  outputsWritten: string[];
}

/** `tinyml sim`: runs a project in the emulator and summarizes the run (costs per MAC and by node type, an example's results). */
export async function simProject(dir: string, o: SimOptions): Promise<SimReport> {
  const emulator = o.emulator ?? 'qemu';
  if (emulator !== 'qemu' && emulator !== 'renode') throw new TinymlError(`--emulator must be qemu or renode, not '${String(emulator)}'`);
  const r = await runSim(dir, { ...o, emulator });
  const app = r.app;
  const manifest = readManifest(dir);
  const macs = manifest.summary.macs ?? 0;
  const instructions = app.total?.count ?? 0;
  const example = manifest.example ?? null;
  const resultLines = example ? viaSim(() => parseResults(r.uart)) : null;
  const results = resultLines && example && loadExample(example).spec.results === 'single' ? resultLines[0] ?? null : resultLines;
  return {
    dir, board: r.board, emulator, app, example, resultLines, results, instructions, unit: app.total?.unit ?? null, macs,
    instructionsPerMac: macs ? instructions / macs : null, byType: profileByType(app), outputsWritten: o.outputs ?? [],
  };
}
