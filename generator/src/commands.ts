/** CLI commands beyond inspect: gen, run, verify (boards, build, sim and flash register in their modules). */
import * as path from 'path';
import { Command } from 'commander';
import { addCommands } from './cli';
import { compile } from './codegen';
import { TinymlError } from './errors';
import { buildHost, hostProjectFiles, runHostBinary, writeFilesAtomically } from './host';
import { table } from './inspect';
import { loadModel } from './model';
import { flashProject } from './flash';
import { verifyLoaded } from './verify';
import { GENERATOR_VERSION } from './version';

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

function kernelsOption(v: string | undefined): 'ref' | 'dsp' | undefined {
  if (v === undefined) return undefined;
  if (v !== 'ref' && v !== 'dsp') throw new TinymlError(`--kernels must be ref or dsp, not '${v}'`);
  return v;
}

/** Hook for the board layer: generates a firmware project for a non-host board. */
export type BoardGen = (opts: { board: string; model: string; out: string; kernels?: 'ref' | 'dsp'; log: (s: string) => void }) => Promise<void>;
let boardGen: BoardGen | null = null;
export function setBoardGen(fn: BoardGen): void {
  boardGen = fn;
}

addCommands((program: Command, out) => {
  program
    .command('gen')
    .description('generate a C project for a board from a .tflite model')
    .requiredOption('--board <board>', 'target board (see `tinyml boards`), or host')
    .requiredOption('--model <model>', 'the .tflite file')
    .requiredOption('--out <dir>', 'output folder (created; replaced only if tinyml made it)')
    .option('--kernels <kind>', 'ref (portable reference kernels) or dsp (Cortex-M DSP extension)')
    .action(async (o: { board: string; model: string; out: string; kernels?: string }) => {
      const kernels = kernelsOption(o.kernels);
      if (o.board === 'host') {
        const m = loadModel(o.model);
        const c = compile(m, { kernels });
        const files = hostProjectFiles(c);
        files.set('tinyml.json', JSON.stringify({ generator: GENERATOR_VERSION, board: 'host', model: path.resolve(o.model), summary: c.summary }, null, 2) + '\n');
        writeFilesAtomically(o.out, files);
        out.log(`wrote ${files.size} files to ${o.out} (host project: run \`make -C ${o.out}\`); arena ${c.plan.arenaBytes} bytes`);
        return;
      }
      if (!boardGen) throw new TinymlError(`unknown board '${o.board}' (valid: host)`);
      await boardGen({ board: o.board, model: o.model, out: o.out, kernels, log: out.log });
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
    .command('flash')
    .description("upload a generated project to its board with PlatformIO (installed on first use)")
    .argument('<dir>', 'a folder made by `tinyml gen`')
    .action((dir: string) => flashProject(dir, out.log));
});
