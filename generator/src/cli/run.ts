/** `tinyml run MODEL`: the model compiled for this computer, run on raw tensor files. */
import { runModel } from '../host';
import { CommandInstaller, collect, kernelsOption } from './common';

export const runCommand: CommandInstaller = (program, out) => {
  program
    .command('run')
    .description('generate, compile for this computer (cached) and run a model on raw tensor files')
    .argument('<model>', 'the .tflite file')
    .option('--input <file>', 'raw little-endian bytes of one model input (repeat, in input order; several sets run as consecutive steps)', collect, [])
    .option('--output <file>', 'where to write one model output (repeat, in output order; one set per step)', collect, [])
    .option('--kernels <kind>', 'ref or dsp')
    .option('--sanitize', 'build with -fsanitize=address,undefined')
    .action((model: string, o: { input: string[]; output: string[]; kernels?: string; sanitize?: boolean }) => {
      const r = runModel(model, { inputs: o.input, outputs: o.output, kernels: kernelsOption(o.kernels), sanitize: o.sanitize });
      out.log(`ran ${r.model}: ${r.outputs.map((x) => `output ${x.index} -> ${x.file} (${x.bytes} bytes)`).join(', ')}`);
    });
};
