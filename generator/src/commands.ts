/** CLI commands beyond inspect: gen, run, verify (boards, build, sim and flash register in their modules). */
import * as path from 'path';
import { Command } from 'commander';
import { addCommands } from './cli';
import { compile } from './codegen';
import { TinymlError } from './errors';
import { buildHost, hostProjectFiles, runHostBinary, writeFilesAtomically } from './host';

import { loadModel } from './model';
import { listBoards } from './boards';
import { buildProject, generateProject, profileByType, runSim } from './firmware';
import { exampleFiles, loadExample, parseResults } from './examples';
import { flashProject, readManifest } from './flash';
import { fmtCount, table } from './inspect';
import { verifyLoaded } from './verify';
import { GENERATOR_VERSION } from './version';

function kernelNote(c: { prepared: { specialized?: boolean }[] }): string {
  const fast = c.prepared.filter((p) => p.specialized).length;
  return fast ? `DSP kernels for ${fast} of ${c.prepared.length} ops` : 'reference kernels';
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

function kernelsOption(v: string | undefined): 'ref' | 'dsp' | undefined {
  if (v === undefined) return undefined;
  if (v !== 'ref' && v !== 'dsp') throw new TinymlError(`--kernels must be ref or dsp, not '${v}'`);
  return v;
}

addCommands((program: Command, out) => {
  program
    .command('gen')
    .description('generate a C project for a board from a .tflite model')
    .requiredOption('--board <board>', 'target board (see `tinyml boards`), or host')
    .option('--model <model>', 'the .tflite file')
    .option('--example <name>', 'an example application from examples/ (its model and its app)')
    .requiredOption('--out <dir>', 'output folder (created; replaced only if tinyml made it)')
    .option('--kernels <kind>', 'ref (portable reference kernels) or dsp (Cortex-M DSP extension)')
    .action(async (o: { board: string; model?: string; example?: string; out: string; kernels?: string }) => {
      const kernels = kernelsOption(o.kernels);
      if (!!o.model === !!o.example) throw new TinymlError('give exactly one of --model MODEL and --example NAME');
      if (o.example) {
        if (o.board === 'host') throw new TinymlError('examples are firmware: give a board (e.g. --board nano33)');
        const ex = loadExample(o.example);
        const r = generateProject({
          board: o.board, model: ex.modelPath, out: o.out, kernels, example: ex.spec.name,
          extraFiles: exampleFiles(ex), extraRamBytes: ex.spec.ramExtraBytes ?? 0,
        });
        out.log(`wrote the ${ex.spec.name} example for ${r.board.name} (${r.board.id}, ${kernelNote(r.compiled)}) to ${o.out}: arena ${r.compiled.plan.arenaBytes} bytes, weights ${r.compiled.summary.weightsBytes} bytes`);
        out.log(`next: tinyml build ${o.out} && tinyml sim ${o.out}${ex.spec.input.default ? ` [--input ${path.join('examples', ex.spec.name, ex.spec.input.default)}]` : ''}`);
        return;
      }
      if (!o.model) throw new TinymlError('--model is required');
      if (o.board === 'host') {
        const m = loadModel(o.model);
        const c = compile(m, { kernels });
        const files = hostProjectFiles(c);
        files.set('tinyml.json', JSON.stringify({ generator: GENERATOR_VERSION, board: 'host', model: path.resolve(o.model), summary: c.summary }, null, 2) + '\n');
        writeFilesAtomically(o.out, files);
        out.log(`wrote ${files.size} files to ${o.out} (host project: run \`make -C ${o.out}\`); arena ${c.plan.arenaBytes} bytes`);
        return;
      }
      const r = generateProject({ board: o.board, model: o.model, out: o.out, kernels });
      const b = r.board;
      out.log(`wrote ${r.files.size} files to ${o.out} for ${b.name} (${b.id}, ${b.core}, ${kernelNote(r.compiled)}): arena ${r.compiled.plan.arenaBytes} bytes, weights ${r.compiled.summary.weightsBytes} bytes`);
      out.log(`next: tinyml build ${o.out}   (${b.toolchain?.prefix ?? 'arm-none-eabi-'}gcc; flash and RAM against the board's budget)`);
      out.log(`      tinyml sim ${o.out}     (run it in QEMU${b.sim ? ` on ${b.sim.machine}` : ''})`);
    });

  program
    .command('run')
    .description('generate, compile for this computer (cached) and run a model on raw tensor files')
    .argument('<model>', 'the .tflite file')
    .option('--input <file>', 'raw little-endian bytes of one model input (repeat, in input order)', collect, [])
    .option('--output <file>', 'where to write one model output (repeat, in output order)', collect, [])
    .option('--kernels <kind>', 'ref or dsp')
    .option('--sanitize', 'build with -fsanitize=address,undefined')
    .action((model: string, o: { input: string[]; output: string[]; kernels?: string; sanitize?: boolean }) => {
      const m = loadModel(model);
      const g = m.graph;
      if (o.input.length !== g.inputs.length) {
        throw new TinymlError(`${g.label} has ${g.inputs.length} input(s); ${o.input.length} --input file(s) given`);
      }
      if (o.output.length !== g.outputs.length) {
        throw new TinymlError(`${g.label} has ${g.outputs.length} output(s); ${o.output.length} --output file(s) given`);
      }
      const b = buildHost(m, { kernels: kernelsOption(o.kernels), sanitize: o.sanitize });
      runHostBinary(b.binary, o.input, o.output);
      out.log(`ran ${g.label}: ${o.output.map((f, i) => `output ${i} -> ${f} (${g.tensors[g.outputs[i]].bytes} bytes)`).join(', ')}`);
    });

  program
    .command('verify')
    .description('compare our generated C with tflite-micro on random inputs')
    .argument('<model>', 'the .tflite file')
    .option('--samples <n>', 'random input sets', '20')
    .option('--seed <n>', 'random seed', '12345')
    .option('--kernels <kind>', 'ref or dsp')
    .option('--sanitize', 'build with -fsanitize=address,undefined')
    .option('--json', 'print a JSON report')
    .action((model: string, o: { samples: string; seed: string; kernels?: string; sanitize?: boolean; json?: boolean }) => {
      const samples = Number(o.samples);
      if (!Number.isInteger(samples) || samples < 1) throw new TinymlError(`--samples must be a positive whole number, not '${o.samples}'`);
      const r = verifyLoaded(loadModel(model), { samples, seed: Number(o.seed), kernels: kernelsOption(o.kernels), sanitize: o.sanitize });
      if (o.json) {
        out.log(JSON.stringify(r, null, 2));
      } else {
        out.log(`${r.model}: ${r.samples} random inputs, ours vs tflite-micro`);
        out.log(table(['output', 'name', 'type', 'result', 'max diff', 'mismatches'], r.outputs.map((x) => [
          x.index, x.name, x.dtype,
          x.identical ? 'bit-identical' : x.dtype === 'float32' && x.withinTolerance ? 'within tolerance' : 'DIFFERENT',
          x.maxDiff, x.mismatches,
        ])));
      }
      if (!r.ok) throw new TinymlError(`${r.model}: outputs differ from tflite-micro`);
    });

  program
    .command('boards')
    .description('list the boards tinyml can generate firmware for, with their budgets')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) => {
      // The host pseudo-board is listed apart: it has no budget and no emulator.
      const boards = listBoards().filter((b) => b.kind !== 'host');
      if (o.json) {
        out.log(JSON.stringify(boards.map((b) => ({
          id: b.id, name: b.name, mcu: b.mcu, kind: b.kind, core: b.core, fpu: b.fpu, dsp: b.dsp, clockHz: b.clockHz,
          flash: b.flash?.size ?? null, ram: b.ram?.size ?? null,
          platformio: b.platformio, renode: b.renode, qemu: b.sim ? { machine: b.sim.machine, cpu: b.sim.cpu } : null,
        })), null, 2));
        return;
      }
      out.log(table(['board', 'name', 'core', 'FPU', 'DSP', 'clock', 'flash', 'RAM', 'emulator'], boards.map((b) => [
        b.id, b.name, b.core ?? 'host', b.fpu, b.dsp ? 'yes' : 'no', b.clockHz ? `${b.clockHz / 1e6} MHz` : '-',
        b.flash ? `${b.flash.size / 1024} KB` : '-', b.ram ? `${b.ram.size / 1024} KB` : '-', b.sim ? b.sim.machine : '-',
      ])));
      out.log(`\n${boards.length} boards (flash and RAM: the usable part, after any bootloader); also \`--board host\` for this computer's C compiler.`);
    });

  program
    .command('build')
    .description("build a generated project with its board's cross compiler; report flash and RAM against the board's budget")
    .argument('<dir>', 'a folder made by `tinyml gen`')
    .option('--json', 'print JSON')
    .action(async (dir: string, o: { json?: boolean }) => {
      const r = await buildProject(dir);
      if (o.json) {
        out.log(JSON.stringify({ board: r.board, flash: r.flash, ram: r.ram, arena: r.arena, stack: r.stack }, null, 2));
        return;
      }
      const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
      out.log(`built ${dir} for ${r.board}`);
      out.log(table(['memory', 'used', 'budget', 'use'], [
        ['flash', r.flash.used, r.flash.budget, pct(r.flash.used, r.flash.budget)],
        ['RAM', r.ram.used, r.ram.budget, pct(r.ram.used, r.ram.budget)],
      ], [false, true, true, true]));
      out.log(`RAM = data and bss (arena ${r.arena}) + stack ${r.stack.measured} measured in the emulator (${r.stack.reserved} reserved)`);
    });

  program
    .command('sim')
    .description('run a generated project in an emulator: outputs, instructions per inference and a per-op profile')
    .argument('<dir>', 'a folder made by `tinyml gen`')
    .option('--input <file>', 'raw bytes of one model input (repeat in input order); default: the built-in test input', collect, [])
    .option('--output <file>', 'where to write one model output (repeat)', collect, [])
    .option('--emulator <name>', 'qemu (default) or renode (where installed)', 'qemu')
    .option('--json', 'print JSON')
    .action(async (dir: string, o: { input: string[]; output: string[]; emulator: string; json?: boolean }) => {
      if (o.emulator !== 'qemu' && o.emulator !== 'renode') throw new TinymlError(`--emulator must be qemu or renode, not '${o.emulator}'`);
      const r = await runSim(dir, { inputs: o.input, outputs: o.output, emulator: o.emulator });
      const app = r.app;
      const macs = ((): number => {
        try {
          return (JSON.parse(require('fs').readFileSync(require('path').join(dir, 'tinyml.json'), 'utf8')) as { summary: { macs: number } }).summary.macs;
        } catch {
          return 0;
        }
      })();
      const instructions = app.total?.count ?? 0;
      const byType = profileByType(app);
      const manifest = readManifest(dir);
      const results = manifest.example ? parseResults(r.uart) : null;
      const resultsValue = results && manifest.example && loadExample(manifest.example).spec.results === 'single' ? results[0] ?? null : results;
      if (o.json) {
        out.log(JSON.stringify({
          ...(manifest.example ? { example: manifest.example, results: resultsValue } : {}),
          board: r.board.id, emulator: o.emulator, unit: app.total?.unit ?? null, instructions, macs,
          instructionsPerMac: macs ? instructions / macs : null,
          outputs: app.outputs.map((x) => ({ index: x.index, dtype: x.dtype, shape: x.shape, values: x.values })),
          profile: app.ops.map((x) => ({ index: x.index, op: x.name, instructions: x.count })),
          byType, stack: app.stack?.bytes ?? null, arena: app.arena,
        }, null, 2));
        return;
      }
      out.log(`${app.model} on ${r.board.id} (${r.board.sim?.machine ?? o.emulator}, ${r.board.core})`);
      if (results) {
        out.log(`${manifest.example} results:`);
        for (const x of results) out.log(`  ${JSON.stringify(x)}`);
      }
      out.log(`${fmtCount(instructions)} ${app.total?.unit ?? 'instructions'} per inference (${instructions})${macs ? `, ${(instructions / macs).toFixed(2)} per MAC over ${fmtCount(macs)} MACs` : ''}`);
      for (const x of app.outputs) {
        out.log(`output ${x.index} ${x.dtype}[${x.shape.join(',')}]: ${x.values.map((v) => (x.dtype === 'float32' ? v.toPrecision(6) : String(v))).join(' ')}`);
      }
      if (app.ops.length === 0) {
        out.log('(this firmware prints no per-op profile)');
        if (app.stack) out.log(`stack: ${app.stack.bytes} bytes peak (measured), arena ${app.arena} bytes`);
        return;
      }
      out.log('');
      out.log('profile by node type:');
      let cum = 0;
      out.log(table(['node type', 'count', 'instructions', '%', 'cumulative %'], byType.map((e) => {
        cum += e.percent;
        return [e.op, e.count, e.instructions, e.percent.toFixed(1), cum.toFixed(1)];
      }), [false, true, true, true, true]));
      out.log('');
      out.log('per op:');
      out.log(table(['#', 'op', 'instructions', '%'], app.ops.map((x) => [x.index, x.name, x.count, ((100 * x.count) / (instructions || 1)).toFixed(1)]), [true, false, true, true]));
      if (app.stack) out.log(`\nstack: ${app.stack.bytes} bytes peak (measured), arena ${app.arena} bytes`);
      if (o.output.length) out.log(`wrote ${o.output.join(', ')}`);
    });

  program
    .command('flash')
    .description("upload a generated project to its board with PlatformIO (installed on first use)")
    .argument('<dir>', 'a folder made by `tinyml gen`')
    .action((dir: string) => flashProject(dir, out.log));
});
