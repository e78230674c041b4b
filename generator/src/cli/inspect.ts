/** `tinyml inspect MODEL`: ops, shapes, MACs, weights and the arena plan. */
import { formatInspect } from '../inspect';
import { inspectFile } from '../inspect-arena';
import { CommandInstaller } from './common';

export const inspectCommand: CommandInstaller = (program, out) => {
  program
    .command('inspect')
    .description('show the ops, tensors, MACs and memory of a .tflite model')
    .argument('<model>', 'the .tflite file')
    .option('--json', 'print the machine-readable report')
    .option('--tflm', "add TFLM's arena bytes (runs tflite-micro)")
    .option('--plan', 'show the arena plan as a table')
    .option('--svg <file>', 'write the arena plan over time as an SVG picture')
    .action(async (model: string, o: { json?: boolean; tflm?: boolean; plan?: boolean; svg?: string }) => {
      const r = await inspectFile(model, { tflm: o.tflm, plan: o.plan && !o.json, svg: o.svg });
      if (o.json) {
        out.log(JSON.stringify(r.report, null, 2));
        return;
      }
      out.log(formatInspect(r.report));
      if (r.planTable) {
        out.log('');
        out.log(r.planTable);
      }
      if (r.svgFile) out.log(`wrote the arena plan picture to ${r.svgFile}`);
    });
};
