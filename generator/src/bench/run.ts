/**
 * `npm run bench`: size and speed figures per model, written to docs/bench.md (a table a person
 * reads) and docs/bench.json (for tools). Benchmarks, not tests: nothing here fails on a number.
 *
 * Host part: arena bytes (ours, the lower bound, TFLM's as tflite-micro's recording allocator
 * reports it), weight bytes, and runtime code bytes (the model's kernels and interpreter
 * compiled with arm-none-eabi-gcc -Os for Cortex-M4, .text).
 * Device part (bench/device.ts; skipped with --host-only): instructions per inference under QEMU icount.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compile } from '../codegen';
import { mdTable } from '../inspect';
import { loadModel } from '../model';
import { oracleAlloc, oracleAvailable } from '../oracle';
import { repoRoot } from '../root';
import { Progress } from '../progress';
import { BENCH_MODELS } from './models';

export { BENCH_MODELS };

export interface HostBenchRow {
  model: string;
  macs: number;
  arena: number;
  lowerBound: number;
  tflmTotal: number | null;
  tflmHead: number | null;
  weights: number;
  codeBytes: number | null;
}

/** .text bytes of the model's runtime sources, compiled for Cortex-M4 with -Os. */
export function runtimeCodeBytes(files: Map<string, string | Buffer>, sources: string[]): number | null {
  if (spawnSync('sh', ['-c', 'command -v arm-none-eabi-gcc']).status !== 0) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-code-'));
  try {
    for (const [rel, content] of files) {
      if (!rel.startsWith('runtime/')) continue;
      const p = path.join(dir, rel);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
    }
    const objs: string[] = [];
    for (const s of sources) {
      const obj = path.join(dir, `${path.basename(s)}.o`);
      const r = spawnSync('arm-none-eabi-gcc', ['-std=c99', '-Os', '-mcpu=cortex-m4', '-mthumb', '-mfloat-abi=hard', '-mfpu=fpv4-sp-d16',
        '-ffunction-sections', '-I', path.join(dir, 'runtime', 'include'), '-c', path.join(dir, 'runtime', s), '-o', obj], { encoding: 'utf8' });
      if (r.status !== 0) return null;
      objs.push(obj);
    }
    const size = spawnSync('arm-none-eabi-size', ['-t', ...objs], { encoding: 'utf8' });
    const total = size.stdout.trim().split('\n').pop()!.trim().split(/\s+/);
    return Number(total[0]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function hostBench(modelsDir: string, progress?: Progress): HostBenchRow[] {
  const rows: HostBenchRow[] = [];
  for (const name of BENCH_MODELS) {
    const p = path.join(modelsDir, name);
    progress?.step(name);
    if (!fs.existsSync(p)) continue;
    const m = loadModel(p);
    let c;
    try {
      c = compile(m);
    } catch (e) {
      process.stderr.write(`bench: ${name}: ${(e as Error).message}\n`);
      continue;
    }
    const tflm = oracleAvailable() ? oracleAlloc(p) : null;
    rows.push({
      model: name.replace(/\.tflite$/, ''),
      macs: c.summary.macs,
      arena: c.plan.arenaBytes,
      lowerBound: c.plan.lowerBound,
      tflmTotal: tflm?.total ?? null,
      tflmHead: tflm?.head ?? null,
      weights: c.summary.weightsBytes,
      codeBytes: runtimeCodeBytes(c.files, c.summary.runtimeSources),
    });
  }
  return rows;
}

function pct(a: number, b: number): string {
  return b ? `${((a / b - 1) * 100).toFixed(1)}%` : '-';
}

export function hostMarkdown(rows: HostBenchRow[]): string {
  return mdTable(
    ['model', 'MACs', 'arena (ours)', 'lower bound', 'over bound', 'TFLM arena (total)', 'TFLM (planned head)', 'ours vs TFLM total', 'weights', 'runtime code (M4 -Os)'],
    rows.map((r) => [
      r.model, r.macs, r.arena, r.lowerBound, pct(r.arena, r.lowerBound), r.tflmTotal ?? '-', r.tflmHead ?? '-',
      r.tflmTotal ? `${(100 * r.arena / r.tflmTotal).toFixed(0)}%` : '-', r.weights, r.codeBytes ?? '-',
    ]),
    [false, true, true, true, true, true, true, true, true, true],
  );
}

async function main(): Promise<void> {
  const modelsDir = process.env.TINYML_MODELS ?? path.resolve(repoRoot(), '..', 'shared', 'models');
  if (!fs.existsSync(modelsDir)) {
    process.stderr.write(`bench: ${modelsDir} not found; set TINYML_MODELS\n`);
    process.exitCode = 1;
    return;
  }
  const progress = new Progress('bench (host)', BENCH_MODELS.length);
  const rows = hostBench(modelsDir, progress);
  progress.done();
  const parts: string[] = [];
  parts.push('# Benchmarks');
  parts.push('');
  parts.push(`Made by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Models from ../shared/models (see its README).`);
  parts.push('');
  parts.push('## Memory and size (host part)');
  parts.push('');
  parts.push('Arena: the one static buffer that holds every activation and scratch buffer. Lower bound: the largest number of bytes alive at any one op step; no plan can use less. TFLM arena: what tflite-micro\'s RecordingMicroAllocator reports for the same model (total = planned head + persistent tail; its tail holds per-op data that tinyml puts in flash). Weights: constant tensor bytes (flash). Runtime code: .text of the interpreter and the kernels the model uses, compiled with arm-none-eabi-gcc 12 -Os for Cortex-M4.');
  parts.push('');
  parts.push(hostMarkdown(rows));
  const json: Record<string, unknown> = { date: new Date().toISOString(), host: rows };
  if (!process.argv.includes('--host-only')) {
    const { deviceBench, deviceMarkdown } = await import('./device');
    const rows = await deviceBench(modelsDir);
    parts.push('');
    parts.push(deviceMarkdown(rows));
    json.device = rows;
  }
  const docs = path.join(repoRoot(), 'docs');
  fs.mkdirSync(docs, { recursive: true });
  fs.writeFileSync(path.join(docs, 'bench.md'), parts.join('\n') + '\n');
  fs.writeFileSync(path.join(docs, 'bench.json'), JSON.stringify(json, null, 2) + '\n');
  process.stdout.write(parts.join('\n') + '\n\nwrote docs/bench.md and docs/bench.json\n');
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    process.exitCode = 1;
  });
}
