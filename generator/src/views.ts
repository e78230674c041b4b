/**
 * The view-model of every template: what each one may name, typed. The generator builds these
 * (codegen.ts for templates/model, host.ts for templates/host, project.ts for templates/project);
 * the templates only lay them out. renderTemplate is strict, so a field missing here fails.
 */

/** templates/model/*: one constant tensor array. */
export interface ConstantView {
  index: number;
  dtype: string;
  shapeText: string;
  /** The tensor's name, safe inside a C comment. */
  comment: string;
  ctype: string;
  cname: string;
  count: number;
  /** The initializer lines. */
  body: string;
}

/** An array hoisted out of an op's parameters (e.g. per-channel multipliers). */
export interface OpArrayView {
  ctype: string;
  cname: string;
  count: number;
  body: string;
}

/** One op of model.c: its comment, its data, and (unless an alias) its pointer tables. */
export interface OpView {
  index: number;
  op: string;
  alias: boolean;
  tensorLines: string[];
  arrays: OpArrayView[];
  paramsType: string | null;
  paramsName: string;
  paramsInit: string;
  inName: string;
  outName: string;
  inCount: number;
  outCount: number;
  inPtrs: string;
  outPtrs: string;
}

/** One entry of the op table (ops that run a kernel). */
export interface TableEntryView {
  index: number;
  op: string;
  eval: string;
  params: string;
  inName: string;
  outName: string;
  scratch: string;
  code: number;
  inCount: number;
  outCount: number;
  summary: string;
}

/** A model input or output (tm_io). */
export interface IoView {
  name: string;
  offset: number;
  bytes: number;
  dimsInit: string;
  rank: number;
  dtype: string;
  shapeText: string;
  dtypeEnum: string;
  scale: string;
  zeroPoint: number;
}

/** templates/model/model.h.hbs and model.c.hbs. */
export interface ModelView {
  banner: string;
  name: string;
  numOps: number;
  arenaBytes: number;
  lowerBound: number;
  weightsBytes: number;
  runtimeVersion: number;
  headers: string[];
  constants: ConstantView[];
  ops: OpView[];
  table: TableEntryView[];
  numTableOps: number;
  opTableLength: number;
  emptyTable: boolean;
  inputs: IoView[];
  outputs: IoView[];
  /** Variable tensors (state kept across invocations). */
  variables: VariableView[];
}

export interface VariableView {
  index: number;
  offset: number;
  bytes: number;
  /** The byte tm_reset writes: the zero point for int8, else 0 (as TFLM). */
  fill: number;
  dtype: string;
  shapeText: string;
  comment: string;
}

/** templates/model/test_input.c.hbs. */
export interface TestInputView {
  banner: string;
  seed: number;
  inputs: { ctype: string; count: number; body: string }[];
  pointers: string;
}

/** templates/host/host_main.c.hbs. */
export interface HostMainView {
  banner: string;
}

/** templates/host/Makefile.hbs. */
export interface HostMakefileView {
  name: string;
  version: string;
}

/** A model input or output as the project files describe it. */
export interface ProjectIoView {
  index: number;
  name: string;
  dtype: string;
  shapeText: string;
  bytes: number;
}

/** templates/project/* (but the linker script): the board, the model and the build. */
export interface ProjectView {
  board: {
    id: string;
    name: string;
    mcu: string;
    core: string | null;
    fpu: string;
    dsp: boolean;
    console: string;
    notes: string;
    flash: { origin: number; size: number } | null;
    flashText: string;
    ramText: string;
  };
  model: {
    name: string;
    arenaBytes: number;
    weightsBytes: number;
    macs: number;
    inputs: ProjectIoView[];
    outputs: ProjectIoView[];
  };
  host: boolean;
  arch: 'arm' | 'riscv' | null;
  /** mOption: the -M argument (machine and its options); extraArgs: further QEMU arguments. */
  sim: { machine: string; cpu: string | undefined; binary: string; mOption: string; extraArgs: string } | null;
  /** The cross toolchain: command prefix, C library flags, Debian packages (space-separated). */
  toolchain: { prefix: string; compileFlags: string; linkFlags: string; debian: string; libc: string } | null;
  pio: { platform: string; board: string; arduino: boolean; cpuFlags: string[]; buildFlags: string[] } | null;
  /** vectorTable: null on RISC-V (the core starts at the ELF entry); setup: monitor commands. */
  renode: { platform: string; uart: string; vectorTable: string | null; setup: string[]; timeoutSeconds: number } | null;
  cflags: string;
  boardDefs: string;
  simDefs: string;
  optimize: string;
  stackBytesDec: number;
  nOps: number;
  maxOps: number;
  variantText: string;
  unitText: string;
  unitExplain: string;
}

/** templates/project/linker/firmware.ld.hbs (Arm) and riscv.ld.hbs. */
export interface LinkerView {
  title: string;
  vectors: { origin: string; size: string } | null;
  vectorRegion: 'VECTORS' | 'FLASH';
  flash: { origin: string; size: string };
  ram: { origin: string; size: string };
  stackBytes: string;
  boot2: boolean;
}
