/**
 * Device part of `npm run bench`: per model and core, instructions per inference and per MAC
 * under QEMU -icount (exact and repeatable), flash and RAM of the board build; and, for cores
 * with the DSP extension, reference against DSP kernels.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildProject, generateProject, profileByType, runSim } from '../firmware';
import { loadModel } from '../model';
import { nodeMacs } from '../ops';
import { TinymlError } from '../errors';
import { mdTable } from '../inspect';
import { Progress } from '../progress';
import { BENCH_MODELS } from './models';

/** Board per core: the boards whose stand-ins cover each core (RISC-V: the HiFive1 on sifive_e,
 *  and rv32_virt for the models that do not fit its 16 KB of RAM). */
export const BENCH_BOARDS = ['pico', 'bluepill', 'nano33', 'disco_f746ng', 'nrf5340dk', 'mps3_an547', 'hifive1', 'rv32_virt'];

export interface DeviceRow {
  model: string;
  board: string;
  core: string;
  kernels: 'ref' | 'dsp';
  fits: boolean;
  note?: string;
  instructions?: number;
  macs?: number;
  perMac?: number;
  flash?: number;
  ram?: number;
  /** instructions and MACs by op type, largest first */
  byType?: { op: string; count: number; instructions: number; macs: number }[];
}

/** The models and boards of the reference-against-DSP table (MLPerf Tiny on the M4 and M7). */
const COMPARE_MODELS = ['mlperf_kws_ref_model', 'mlperf_vww_96_int8', 'mlperf_pretrainedResnet_quant'];
const COMPARE_BOARDS = ['nano33', 'disco_f746ng'];

export async function deviceBench(modelsDir: string, boards = BENCH_BOARDS, models = BENCH_MODELS): Promise<DeviceRow[]> {
  const { getBoard } = await import('../boards');
  const rows: DeviceRow[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-bench-'));
  const jobs: { model: string; board: string; kernels: 'ref' | 'dsp' }[] = [];
  for (const model of models) {
    if (!fs.existsSync(path.join(modelsDir, model))) continue;
    for (const board of boards) {
      jobs.push({ model, board, kernels: 'ref' });
      if (getBoard(board).dsp) jobs.push({ model, board, kernels: 'dsp' });
    }
  }
  const progress = new Progress('bench (device)', jobs.length);
  try {
    for (const j of jobs) {
      progress.step(`${j.model} ${j.board} ${j.kernels}`);
      const b = getBoard(j.board);
      const dir = path.join(tmp, `${j.board}-${j.kernels}-${j.model}`);
      const row: DeviceRow = { model: j.model.replace(/\.tflite$/, ''), board: j.board, core: b.core ?? '-', kernels: j.kernels, fits: true };
      try {
        const g = generateProject({ board: j.board, model: path.join(modelsDir, j.model), out: dir, kernels: j.kernels });
        if (j.kernels === 'dsp' && !g.compiled.prepared.some((p) => p.specialized)) continue; // no DSP kernel for this model yet
        const built = await buildProject(dir);
        const sim = await runSim(dir, {});
        row.instructions = sim.app.total?.count;
        row.macs = g.compiled.summary.macs;
        row.perMac = row.instructions && row.macs ? row.instructions / row.macs : undefined;
        row.flash = built.flash.used;
        row.ram = built.ram.used;
        if (j.board === 'nano33') {
          const graph = loadModel(path.join(modelsDir, j.model)).graph;
          const macsByType = new Map<string, number>();
          for (const n of graph.nodes) macsByType.set(n.op, (macsByType.get(n.op) ?? 0) + nodeMacs(graph, n));
          row.byType = profileByType(sim.app).map((t) => ({ op: t.op, count: t.count, instructions: t.instructions, macs: macsByType.get(t.op) ?? 0 }));
        }
      } catch (e) {
        if (!(e instanceof TinymlError)) throw e;
        row.fits = false;
        row.note = /does not fit/.test(e.message) ? 'does not fit' : e.message;
      }
      rows.push(row);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    progress.done();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}

export function deviceMarkdown(rows: DeviceRow[]): string {
  const parts: string[] = [];
  parts.push('## Speed and size on the device (QEMU)');
  parts.push('');
  parts.push('Instructions per inference are counted by QEMU with `-icount shift=0` (each instruction is 1 ns of virtual time; SysTick ticks every 40 instructions on MPS2), so they are exact to one tick and the same on every run; on RISC-V (rv32imac, E31 core model: hifive1 on sifive_e, rv32_virt on virt) the minstret CSR counts them exactly. They are instructions, not cycles: on a real Cortex-M4 a load takes 2 cycles and SMLAD 1. Flash and RAM are of the board build (RAM includes the stack peak measured in the emulator). `ref` = portable reference kernels, `dsp` = the DSP-extension kernels (`--kernels dsp`, the default on cores that have it).');
  parts.push('');
  parts.push(mdTable(
    ['model', 'board', 'core', 'kernels', 'instructions', 'per MAC', 'flash', 'RAM'],
    rows.map((r) => [r.model, r.board, r.core, r.kernels, r.fits ? r.instructions ?? '-' : r.note ?? '-', r.perMac ? r.perMac.toFixed(2) : '-', r.flash ?? '-', r.ram ?? '-']),
    [false, false, false, false, true, true, true, true],
  ));
  const cmp: (string | number)[][] = [];
  for (const m of COMPARE_MODELS) {
    for (const b of COMPARE_BOARDS) {
      const ref = rows.find((r) => r.model === m && r.board === b && r.kernels === 'ref');
      const dsp = rows.find((r) => r.model === m && r.board === b && r.kernels === 'dsp');
      if (!ref?.instructions || !dsp?.instructions || !ref.perMac || !dsp.perMac) continue;
      cmp.push([m, b, ref.instructions, ref.perMac.toFixed(2), dsp.instructions, dsp.perMac.toFixed(2), `${(ref.instructions / dsp.instructions).toFixed(2)}x`]);
    }
  }
  if (cmp.length) {
    parts.push('');
    parts.push('### Reference against DSP kernels (Cortex-M4 and M7)');
    parts.push('');
    parts.push(mdTable(['model', 'board', 'ref instructions', 'ref per MAC', 'dsp instructions', 'dsp per MAC', 'speed-up'], cmp,
      [false, false, true, true, true, true, true]));
  }
  const typed = rows.filter((r) => r.byType && r.board === 'nano33' && COMPARE_MODELS.includes(r.model));
  if (typed.length) {
    parts.push('');
    parts.push('### Where the instructions go (nano33, by op type)');
    parts.push('');
    const body: (string | number)[][] = [];
    for (const r of typed) {
      for (const t of r.byType!) {
        if (t.instructions < 0.005 * (r.instructions ?? 0)) continue;
        body.push([r.model, r.kernels, t.op, t.count, t.instructions, `${((100 * t.instructions) / (r.instructions ?? 1)).toFixed(1)}%`, t.macs ? (t.instructions / t.macs).toFixed(2) : '-']);
      }
    }
    parts.push(mdTable(['model', 'kernels', 'op', 'ops', 'instructions', 'share', 'per MAC'], body, [false, false, false, true, true, true, true]));
  }
  return parts.join('\n');
}
