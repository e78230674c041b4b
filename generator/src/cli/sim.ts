/** `tinyml sim DIR`: the project run in an emulator: outputs, instructions per inference, per-op profile. */
import { simProject } from '../firmware';
import { fmtCount, table } from '../inspect';
import { CommandInstaller, collect } from './common';

export const simCommand: CommandInstaller = (program, out) => {
  program
    .command('sim')
    .description('run a generated project in an emulator: outputs, instructions per inference and a per-op profile')
    .argument('<dir>', 'a folder made by `tinyml gen`')
    .option('--input <file>', 'raw bytes of one model input (repeat in input order); default: the built-in test input', collect, [])
    .option('--output <file>', 'where to write one model output (repeat)', collect, [])
    .option('--emulator <name>', 'qemu (default) or renode (where installed)', 'qemu')
    .option('--json', 'print JSON')
    .action(async (dir: string, o: { input: string[]; output: string[]; emulator: string; json?: boolean }) => {
      const r = await simProject(dir, { inputs: o.input, outputs: o.output, emulator: o.emulator as 'qemu' | 'renode' });
      const app = r.app;
      const { instructions, macs, byType } = r;
      if (o.json) {
        out.log(JSON.stringify({
          ...(r.example ? { example: r.example, results: r.results } : {}),
          board: r.board.id, emulator: r.emulator, unit: r.unit, instructions, macs,
          instructionsPerMac: r.instructionsPerMac,
          outputs: app.outputs.map((x) => ({ index: x.index, dtype: x.dtype, shape: x.shape, values: x.values })),
          profile: app.ops.map((x) => ({ index: x.index, op: x.name, instructions: x.count })),
          byType, stack: app.stack?.bytes ?? null, arena: app.arena,
        }, null, 2));
        return;
      }
      out.log(`${app.model} on ${r.board.id} (${r.board.sim?.machine ?? r.emulator}, ${r.board.core})`);
      if (r.resultLines) {
        out.log(`${r.example} results:`);
        for (const x of r.resultLines) out.log(`  ${JSON.stringify(x)}`);
      }
      out.log(`${fmtCount(instructions)} ${r.unit ?? 'instructions'} per inference (${instructions})${macs ? `, ${(instructions / macs).toFixed(2)} per MAC over ${fmtCount(macs)} MACs` : ''}`);
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
      if (r.outputsWritten.length) out.log(`wrote ${r.outputsWritten.join(', ')}`);
    });
};
