/**
 * Board descriptions: boards/<id>.json, optionally built on shared fragments (boards/cores/*.json
 * for a core's flags and QEMU stand-in) through "extends" (one file) and "include" (a list),
 * merged in order include..., extends, then the board's own fields (objects merge key by key,
 * anything else replaces). The QEMU machine named by `qemu.machine` is described in
 * boards/qemu/<machine>.json; the board's `sim` target is that machine's memory map with the
 * board's flash and RAM sizes. The toolchain (compiler prefix, C library flags, Debian packages)
 * comes from boards/toolchains/<arch>.json, included by the core fragments.
 *
 * Addresses and sizes are bytes, given as JSON numbers or "0x..." strings.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TinymlError } from './errors';
import { rootPath } from './paths';

export const CORES = ['cortex-m0plus', 'cortex-m3', 'cortex-m4', 'cortex-m7', 'cortex-m33', 'cortex-m55', 'rv32imac'] as const;
export type Core = (typeof CORES)[number];
export const ARCHS = ['arm', 'riscv'] as const;
export type Arch = (typeof ARCHS)[number];
/** The -march and -mabi each RISC-V core is built with. */
const RISCV_CORES: Partial<Record<Core, { march: string; mabi: string }>> = { rv32imac: { march: 'rv32imac', mabi: 'ilp32' } };
export const FPUS = ['none', 'fpv4-sp-d16', 'fpv5-sp-d16', 'fpv5-d16'] as const;
export type Fpu = (typeof FPUS)[number];
export const BOARD_KINDS = ['mcu', 'emulator', 'host'] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];
/** Which port/*.c implementation a board uses (the C macro is PORT_<NAME upper-cased>; QEMU's Arm
 *  machines: PORT_QEMU_CMSDK, its RISC-V ones: PORT_QEMU_RISCV). */
export const PORTS = ['qemu', 'qemu_riscv', 'nrf52840', 'nrf5340_app', 'stm32f1', 'stm32f7', 'stm32l4r', 'rp2040', 'fe310', 'host'] as const;
export type PortName = (typeof PORTS)[number];

export interface MemoryRegion {
  origin: number;
  size: number;
}

export interface PlatformioInfo {
  platform: string;
  board: string;
  /** "arduino": the Arduino core owns start-up (port_arduino.cpp); "none": tinyml's own start-up and linker script. */
  framework: 'arduino' | 'none';
}

export interface RenodeInfo {
  /** A .repl path inside Renode, e.g. platforms/boards/arduino_nano_33_ble.repl. */
  platform: string;
  /** The console UART's peripheral name in that platform, e.g. uart0 (sysbus.uart0). */
  uart: string;
  /** Monitor commands run after loading the platform (e.g. tags for registers it does not model). */
  setup: string[];
}

/** The cross toolchain of an architecture (boards/toolchains/<arch>.json). */
export interface Toolchain {
  /** Command prefix: arm-none-eabi-, riscv64-unknown-elf-. */
  prefix: string;
  /** Flags for every compile (the C library's specs, for instance). */
  compileFlags: string[];
  /** Flags for the link (C library specs). */
  linkFlags: string[];
  /** The Debian packages that provide the compiler and the C library. */
  debian: string[];
  libc: string;
}

export interface QemuTarget {
  machine: string;
  cpu: string;
}

export const UART_MODELS = ['cmsdk', 'sifive', 'ns16550'] as const;
export type UartModel = (typeof UART_MODELS)[number];
/** How the sim build counts instructions: SysTick ticks scaled (Arm), or the minstret CSR (RISC-V). */
export const COUNTERS = ['systick', 'instret'] as const;
export type Counter = (typeof COUNTERS)[number];

export interface QemuMachine extends QemuTarget {
  description: string;
  arch: Arch;
  /** The QEMU executable (qemu-system-arm, qemu-system-riscv32) and the Debian package with it. */
  binary: string;
  debian: string;
  /** Options appended to -M <machine> (e.g. revb=true), or ''. */
  machineOptions: string;
  /** Further QEMU arguments (e.g. -bios none). */
  extraArgs: string[];
  /** The port the sim build compiles (qemu: CMSDK UART + SysTick; qemu_riscv). */
  port: PortName;
  /** Where the core boots (vector table), when not at the start of `flash`. */
  vectors: MemoryRegion | null;
  flash: MemoryRegion;
  ram: MemoryRegion;
  /** The console UART: its model and base address. */
  uartModel: UartModel;
  uartBase: number;
  counter: Counter;
  /** SysTick processor-clock frequency; 1e9 / systickHz instructions per tick under -icount shift=0 (null with instret). */
  systickHz: number | null;
}

/** The board's QEMU stand-in: same core, FPU and flags; the machine's memory map with the board's sizes. */
export interface SimTarget extends QemuTarget {
  vectors: MemoryRegion | null;
  flash: MemoryRegion;
  ram: MemoryRegion;
  binary: string;
  debian: string;
  machineOptions: string;
  extraArgs: string[];
  port: PortName;
  uartModel: UartModel;
  uartBase: number;
  counter: Counter;
  systickHz: number | null;
  /** Instructions per counter tick as num >> shift (exact; 1 >> 0 with instret). */
  insnsPerTick: { num: number; shift: number };
}

export interface Board {
  id: string;
  name: string;
  mcu: string;
  kind: BoardKind;
  /** Instruction-set architecture; null for the host. */
  arch: Arch | null;
  core: Core | null;
  fpu: Fpu;
  /** M-profile vector extension, e.g. "mve.fp" on the Cortex-M55; null when absent. */
  mve: string | null;
  dsp: boolean;
  /** Compiler flags selecting the core: -mcpu, -mthumb, -mfpu, -mfloat-abi (Arm), -march, -mabi
   *  (RISC-V). Empty for the host. */
  cflags: string[];
  /** The cross toolchain; null for the host. */
  toolchain: Toolchain | null;
  clockHz: number | null;
  /** A separate boot vector-table region (only where the core boots outside `flash`). */
  vectors: MemoryRegion | null;
  /** Usable flash (after any bootloader); null for the host. */
  flash: MemoryRegion | null;
  /** Usable RAM; null for the host. */
  ram: MemoryRegion | null;
  port: PortName;
  /** The C macro selecting the port implementation, e.g. PORT_NRF52840. */
  portMacro: string;
  console: string;
  platformio: PlatformioInfo | null;
  renode: RenodeInfo | null;
  qemu: QemuTarget | null;
  sim: SimTarget | null;
  notes: string;
  sources: string[];
  /** The board's JSON file. */
  file: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readJson(file: string, label: string): JsonObject {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new TinymlError(`${label}: cannot read ${file}`);
  }
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch (e) {
    throw new TinymlError(`${label}: invalid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  if (!isObject(value)) throw new TinymlError(`${label}: must hold a JSON object`);
  return value;
}

function merge(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isObject(b) && isObject(v) ? merge(b, v) : v;
  }
  return out;
}

/** Reads a board or fragment file with its "include"/"extends" fragments merged in. */
function resolveFile(dir: string, rel: string, chain: string[]): JsonObject {
  const label = `boards/${rel}`;
  if (chain.includes(rel)) throw new TinymlError(`${label}: circular extends/include (${[...chain, rel].join(' -> ')})`);
  const file = path.join(dir, rel);
  const own = readJson(file, label);
  const parents: string[] = [];
  const inc = own.include;
  if (inc !== undefined) {
    const list = Array.isArray(inc) ? inc : [inc];
    for (const p of list) {
      if (typeof p !== 'string') throw new TinymlError(`${label}: "include" must be a file name or a list of them`);
      parents.push(p);
    }
  }
  if (own.extends !== undefined) {
    if (typeof own.extends !== 'string') throw new TinymlError(`${label}: "extends" must be a file name`);
    parents.push(own.extends);
  }
  let merged: JsonObject = {};
  for (const p of parents) {
    const norm = path.posix.normalize(p);
    if (norm.startsWith('..') || path.isAbsolute(norm)) throw new TinymlError(`${label}: fragment '${p}' must be inside boards/`);
    if (!fs.existsSync(path.join(dir, norm))) throw new TinymlError(`${label}: fragment '${p}' not found in boards/`);
    merged = merge(merged, resolveFile(dir, norm, [...chain, rel]));
  }
  const rest: JsonObject = { ...own };
  delete rest.extends;
  delete rest.include;
  return merge(merged, rest);
}

class Reader {
  constructor(
    readonly label: string,
    readonly obj: JsonObject,
  ) {}

  fail(field: string, msg: string): never {
    throw new TinymlError(`${this.label}: ${field} ${msg}`);
  }

  has(field: string): boolean {
    return this.obj[field] !== undefined;
  }

  string(field: string): string {
    const v = this.obj[field];
    if (typeof v !== 'string' || v.length === 0) this.fail(field, 'must be a non-empty string');
    return v;
  }

  optString(field: string, dflt: string): string {
    return this.obj[field] === undefined ? dflt : this.string(field);
  }

  bool(field: string): boolean {
    const v = this.obj[field];
    if (typeof v !== 'boolean') this.fail(field, 'must be true or false');
    return v;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const v = this.obj[field];
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      this.fail(field, `must be one of ${allowed.join(', ')} (got ${JSON.stringify(v ?? null)})`);
    }
    return v as T;
  }

  bytes(field: string, v: Json | undefined = this.obj[field]): number {
    let n: number;
    if (typeof v === 'number') n = v;
    else if (typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v)) n = parseInt(v, 16);
    else if (typeof v === 'string' && /^[0-9]+$/.test(v)) n = parseInt(v, 10);
    else this.fail(field, `must be a byte count or address (a number or "0x..." string), got ${JSON.stringify(v ?? null)}`);
    if (!Number.isSafeInteger(n) || n < 0 || n > 0xffffffff) this.fail(field, `is out of range (${v})`);
    return n;
  }

  positive(field: string): number {
    const v = this.obj[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) this.fail(field, 'must be a positive integer');
    return v;
  }

  region(field: string): MemoryRegion {
    const v = this.obj[field];
    if (!isObject(v)) this.fail(field, 'must be an object {origin, size}');
    const origin = this.bytes(`${field}.origin`, v.origin);
    const size = this.bytes(`${field}.size`, v.size);
    if (size === 0) this.fail(`${field}.size`, 'must be positive');
    if (origin + size > 0x100000000) this.fail(field, 'runs past the 4 GB address space');
    return { origin, size };
  }

  optRegion(field: string): MemoryRegion | null {
    return this.obj[field] === undefined || this.obj[field] === null ? null : this.region(field);
  }

  sub(field: string): Reader | null {
    const v = this.obj[field];
    if (v === undefined || v === null) return null;
    if (!isObject(v)) this.fail(field, 'must be an object or null');
    return new Reader(`${this.label}: ${field}`, v);
  }

  stringList(field: string): string[] {
    const v = this.obj[field];
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) this.fail(field, 'must be a list of strings');
    return v as string[];
  }
}

function hex(n: number): string {
  return '0x' + n.toString(16).toUpperCase();
}

function within(inner: MemoryRegion, outer: MemoryRegion): boolean {
  return inner.origin >= outer.origin && inner.origin + inner.size <= outer.origin + outer.size;
}

/** 1e9 / hz instructions per tick, as num >> shift (so 25 MHz -> 40 >> 0, 32 MHz -> 125 >> 2). */
export function insnsPerTick(hz: number): { num: number; shift: number } | null {
  for (let shift = 0; shift <= 16; ++shift) {
    const scaled = 1e9 * 2 ** shift;
    if (scaled % hz === 0) return { num: scaled / hz, shift };
  }
  return null;
}

interface RenodePlatformEntry {
  platform: string;
  uarts: Record<string, string>;
}

function loadRenodePlatforms(file: string): RenodePlatformEntry[] {
  const obj = readJson(file, path.basename(file));
  const list = obj.platforms;
  if (!Array.isArray(list)) throw new TinymlError(`${path.basename(file)}: "platforms" must be a list`);
  return list.map((e, i) => {
    if (!isObject(e) || typeof e.platform !== 'string' || !isObject(e.uarts)) {
      throw new TinymlError(`${path.basename(file)}: platforms[${i}] needs "platform" and "uarts"`);
    }
    return { platform: e.platform, uarts: e.uarts as Record<string, string> };
  });
}

function loadMachine(dir: string, machine: string, cache: Map<string, QemuMachine>): QemuMachine {
  const hit = cache.get(machine);
  if (hit) return hit;
  const rel = `qemu/${machine}.json`;
  if (!/^[a-z0-9_-]+$/.test(machine) || !fs.existsSync(path.join(dir, rel))) {
    throw new TinymlError(`unknown QEMU machine '${machine}' (no boards/${rel})`);
  }
  const r: Reader = new Reader(`boards/${rel}`, resolveFile(dir, rel, []));
  const arch = r.has('arch') ? r.oneOf('arch', ARCHS) : 'arm';
  const counter = r.has('counter') ? r.oneOf('counter', COUNTERS) : 'systick';
  const m: QemuMachine = {
    machine: r.string('machine'),
    cpu: r.string('cpu'),
    description: r.optString('description', machine),
    arch,
    binary: r.optString('binary', 'qemu-system-arm'),
    debian: r.optString('debian', 'qemu-system-arm'),
    machineOptions: r.has('machineOptions') ? r.string('machineOptions') : '',
    extraArgs: r.stringList('extraArgs'),
    port: r.has('port') ? r.oneOf('port', PORTS) : 'qemu',
    vectors: r.optRegion('vectors'),
    flash: r.region('flash'),
    ram: r.region('ram'),
    uartModel: r.has('uartModel') ? r.oneOf('uartModel', UART_MODELS) : 'cmsdk',
    uartBase: r.bytes('uartBase'),
    counter,
    systickHz: counter === 'systick' ? r.positive('systickHz') : null,
  };
  if (m.machine !== machine) r.fail('machine', `must be '${machine}' (the file name)`);
  if (m.systickHz !== null && insnsPerTick(m.systickHz) === null) r.fail('systickHz', 'must divide 1e9 * 2^k (instructions per tick as a binary fraction)');
  if (m.port !== 'qemu' && m.port !== 'qemu_riscv') r.fail('port', 'must be qemu or qemu_riscv');
  if ((m.port === 'qemu') !== (arch === 'arm') || (m.port === 'qemu') !== (m.uartModel === 'cmsdk') || (m.port === 'qemu') !== (counter === 'systick')) {
    r.fail('port', 'qemu (Arm) goes with the CMSDK UART and SysTick; qemu_riscv with a sifive or ns16550 UART and instret');
  }
  cache.set(machine, m);
  return m;
}

function checkFlags(r: Reader, arch: Arch, core: Core, fpu: Fpu, cflags: string[]): void {
  const need = (flag: string) => {
    if (!cflags.includes(flag)) r.fail('cflags', `must include ${flag} (core ${core}, fpu ${fpu})`);
  };
  const rv = RISCV_CORES[core];
  if ((arch === 'riscv') !== (rv !== undefined)) r.fail('core', `${core} is not a core of the ${arch} architecture`);
  if (rv !== undefined) {
    need(`-march=${rv.march}`);
    need(`-mabi=${rv.mabi}`);
    if (fpu !== 'none') r.fail('fpu', 'must be none for RISC-V cores (no F extension in the cores here)');
    const other = cflags.filter((f) => !/^-m(arch|abi|tune|cmodel)=/.test(f));
    if (other.length > 0) r.fail('cflags', `may hold only -march, -mabi, -mtune and -mcmodel (got ${other.join(' ')})`);
    return;
  }
  need(`-mcpu=${core}`);
  need('-mthumb');
  if (fpu === 'none') {
    need('-mfloat-abi=soft');
    if (cflags.some((f) => f.startsWith('-mfpu='))) r.fail('cflags', 'must not set -mfpu when fpu is none');
  } else {
    need('-mfloat-abi=hard');
    if (!cflags.includes(`-mfpu=${fpu}`) && !cflags.includes('-mfpu=auto')) r.fail('cflags', `must include -mfpu=${fpu} (or -mfpu=auto)`);
  }
  const other = cflags.filter((f) => !/^-m(cpu|fpu|float-abi)=|^-mthumb$/.test(f));
  if (other.length > 0) r.fail('cflags', `may hold only -mcpu, -mthumb, -mfpu and -mfloat-abi (got ${other.join(' ')})`);
}

function portMacro(port: PortName): string {
  return port === 'qemu' ? 'PORT_QEMU_CMSDK' : `PORT_${port.toUpperCase()}`;
}

function readToolchain(r: Reader): Toolchain {
  const t = r.sub('toolchain');
  if (t === null) return r.fail('toolchain', 'is required (usually from boards/toolchains/<arch>.json through the core fragment)');
  const prefix = t.string('prefix');
  if (!/^[a-z0-9_-]+-$/.test(prefix)) t.fail('prefix', `must be a command prefix ending in '-' (got '${prefix}')`);
  return { prefix, compileFlags: t.stringList('compileFlags'), linkFlags: t.stringList('linkFlags'), debian: t.stringList('debian'), libc: t.string('libc') };
}

function parseBoard(dir: string, file: string, renode: RenodePlatformEntry[], machines: Map<string, QemuMachine>): Board {
  const id = path.basename(file, '.json');
  const r: Reader = new Reader(`board '${id}' (boards/${file})`, resolveFile(dir, file, []));
  if (r.string('id') !== id) r.fail('id', `must be '${id}' (the file name)`);
  if (!/^[a-z0-9_]+$/.test(id)) r.fail('id', 'must be lower-case letters, digits and underscores');
  const kind = r.oneOf('kind', BOARD_KINDS);
  const port = r.oneOf('port', PORTS);
  const host = kind === 'host';

  const core = host ? null : r.oneOf('core', CORES);
  const arch = host ? null : r.oneOf('arch', ARCHS);
  const fpu = r.oneOf('fpu', FPUS);
  const cflags = r.stringList('cflags');
  if (core !== null && arch !== null) checkFlags(r, arch, core, fpu, cflags);
  else if (cflags.length > 0) r.fail('cflags', 'must be empty for the host');
  const toolchain = host ? null : readToolchain(r);

  const flash = host ? null : r.region('flash');
  const ram = host ? null : r.region('ram');
  const vectors = host ? null : r.optRegion('vectors');
  const clockHz = host ? null : r.positive('clockHz');
  if (host && (r.obj.flash !== null || r.obj.ram !== null)) r.fail('flash', 'and ram must be null for the host (no limits)');
  if (host !== (port === 'host')) r.fail('port', 'must be host exactly when kind is host');
  if ((kind === 'emulator') !== (port === 'qemu' || port === 'qemu_riscv')) r.fail('port', 'must be qemu or qemu_riscv exactly when kind is emulator');

  let qemu: QemuTarget | null = null;
  let sim: SimTarget | null = null;
  const q: Reader | null = r.sub('qemu');
  if (host) {
    if (q !== null) r.fail('qemu', 'must be null for the host');
  } else {
    if (q === null) r.fail('qemu', 'is required: {machine, cpu} (usually from the core fragment)');
    qemu = { machine: q.string('machine'), cpu: q.string('cpu') };
    const m = loadMachine(dir, qemu.machine, machines);
    if (m.cpu !== qemu.cpu) q.fail('cpu', `must be '${m.cpu}' (the CPU of ${m.machine})`);
    if (m.arch !== arch) q.fail('machine', `${m.machine} is a ${m.arch} machine; the board's core is ${arch}`);
    if (kind === 'emulator' && port !== m.port) r.fail('port', `must be ${m.port} (the port of ${m.machine})`);
    const f = flash as MemoryRegion;
    const ra = ram as MemoryRegion;
    if (f.size > m.flash.size) r.fail('flash.size', `(${hex(f.size)}) does not fit ${m.machine}'s ${hex(m.flash.size)} bytes of code memory`);
    if (ra.size > m.ram.size) r.fail('ram.size', `(${hex(ra.size)}) does not fit ${m.machine}'s ${hex(m.ram.size)} bytes of RAM`);
    if (kind === 'emulator') {
      if (!within(f, m.flash)) r.fail('flash', `must lie inside ${m.machine}'s code memory ${hex(m.flash.origin)}+${hex(m.flash.size)}`);
      if (!within(ra, m.ram)) r.fail('ram', `must lie inside ${m.machine}'s RAM ${hex(m.ram.origin)}+${hex(m.ram.size)}`);
      if ((vectors === null) !== (m.vectors === null) || (vectors && m.vectors && !within(vectors, m.vectors))) {
        r.fail('vectors', `must match ${m.machine}'s boot region`);
      }
    } else if (vectors !== null) {
      r.fail('vectors', 'is only for emulator boards that boot outside their flash');
    }
    sim = {
      machine: m.machine,
      cpu: m.cpu,
      vectors: m.vectors,
      flash: { origin: m.flash.origin, size: f.size },
      ram: { origin: m.ram.origin, size: ra.size },
      binary: m.binary,
      debian: m.debian,
      machineOptions: m.machineOptions,
      extraArgs: m.extraArgs,
      port: m.port,
      uartModel: m.uartModel,
      uartBase: m.uartBase,
      counter: m.counter,
      systickHz: m.systickHz,
      insnsPerTick: m.systickHz === null ? { num: 1, shift: 0 } : (insnsPerTick(m.systickHz) as { num: number; shift: number }),
    };
  }
  if (flash && ram && flash.origin < ram.origin + ram.size && ram.origin < flash.origin + flash.size) {
    r.fail('ram', 'overlaps flash');
  }

  let platformio: PlatformioInfo | null = null;
  const pio: Reader | null = r.sub('platformio');
  if (pio !== null) {
    platformio = { platform: pio.string('platform'), board: pio.string('board'), framework: pio.oneOf('framework', ['arduino', 'none'] as const) };
    if (host) r.fail('platformio', 'must be null for the host');
  }

  let ren: RenodeInfo | null = null;
  const rn: Reader | null = r.sub('renode');
  if (rn !== null) {
    ren = { platform: rn.string('platform'), uart: rn.string('uart'), setup: rn.stringList('setup') };
    const entry = renode.find((e) => e.platform === ren?.platform);
    if (entry === undefined) {
      return rn.fail('platform', `'${ren.platform}' is not a checked Renode platform (sim/renode-platforms.json)`);
    }
    if (!(ren.uart in entry.uarts)) {
      rn.fail('uart', `'${ren.uart}' is not a UART of ${ren.platform} (${Object.keys(entry.uarts).join(', ')})`);
    }
  }

  return {
    id,
    name: r.string('name'),
    mcu: r.string('mcu'),
    kind,
    arch,
    core,
    fpu,
    mve: r.has('mve') && r.obj.mve !== null ? r.string('mve') : null,
    dsp: r.bool('dsp'),
    cflags,
    toolchain,
    clockHz,
    vectors,
    flash,
    ram,
    port,
    portMacro: portMacro(port),
    console: r.string('console'),
    platformio,
    renode: ren,
    qemu,
    sim,
    notes: r.optString('notes', ''),
    sources: r.stringList('sources'),
    file: path.join(dir, file),
  };
}

/** Loads and validates every boards/<id>.json of a directory (fragments live in its subdirectories). */
export function loadBoardsFrom(dir: string, renodePlatformsFile: string = rootPath('sim', 'renode-platforms.json')): Board[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json') && fs.statSync(path.join(dir, n)).isFile());
  } catch {
    throw new TinymlError(`cannot read the boards directory ${dir}`);
  }
  const renode = loadRenodePlatforms(renodePlatformsFile);
  const machines = new Map<string, QemuMachine>();
  return names
    .sort()
    .map((n) => parseBoard(dir, n, renode, machines));
}

let cached: Board[] | null = null;

/** Every board, sorted by id. */
export function listBoards(): Board[] {
  if (cached === null) cached = loadBoardsFrom(rootPath('boards'));
  return cached;
}

/** The board with this id; a TinymlError naming the valid ids otherwise. */
export function getBoard(id: string): Board {
  const boards = listBoards();
  const b = boards.find((x) => x.id === id);
  if (!b) throw new TinymlError(`unknown board '${id}' (valid: ${boards.map((x) => x.id).join(', ')})`);
  return b;
}

/** One row of `tinyml boards`. */
export interface BoardRow {
  id: string;
  name: string;
  mcu: string;
  kind: BoardKind;
  core: Core | null;
  fpu: Fpu;
  dsp: boolean;
  clockHz: number | null;
  flash: number | null;
  ram: number | null;
  platformio: PlatformioInfo | null;
  renode: RenodeInfo | null;
  qemu: { machine: string; cpu: string | undefined } | null;
}

/** `tinyml boards`: every board (the host pseudo-board apart: it has no budget and no emulator). */
export function boardsReport(): BoardRow[] {
  return listBoards().filter((b) => b.kind !== 'host').map((b) => ({
    id: b.id, name: b.name, mcu: b.mcu, kind: b.kind, core: b.core, fpu: b.fpu, dsp: b.dsp, clockHz: b.clockHz,
    flash: b.flash?.size ?? null, ram: b.ram?.size ?? null,
    platformio: b.platformio, renode: b.renode, qemu: b.sim ? { machine: b.sim.machine, cpu: b.sim.cpu } : null,
  }));
}
