/** `tinyml verify MODEL`: our C against tflite-micro on random inputs; exit 0 only when exact. */
import { TinymlError } from '../errors';
import { table } from '../inspect';
import { verifyModel } from '../verify';
import { CommandInstaller, kernelsOption } from './common';

export const verifyCommand: CommandInstaller = (program, out) => {
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
      const r = verifyModel(model, { samples, seed: Number(o.seed), kernels: kernelsOption(o.kernels), sanitize: o.sanitize });
      if (o.json) {
        out.log(JSON.stringify(r, null, 2));
      } else {
        out.log(r.stateful ? `${r.model}: ${r.samples} steps of a stateful model (random inputs in sequence, variable tensors carried over), ours vs tflite-micro` : `${r.model}: ${r.samples} random inputs, ours vs tflite-micro`);
        out.log(table(['output', 'name', 'type', 'result', 'max diff', 'mismatches'], r.outputs.map((x) => [
          x.index, x.name, x.dtype,
          x.identical ? 'bit-identical' : x.dtype === 'float32' && x.withinTolerance ? 'within tolerance' : 'DIFFERENT',
          x.maxDiff, x.mismatches,
        ])));
      }
      if (!r.ok) throw new TinymlError(`${r.model}: outputs differ from tflite-micro`);
    });
};
