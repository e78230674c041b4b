/** `tinyml ops`: the op support matrix (op x tensor type), as a table, JSON or docs/ops.md. */
import { MATRIX_TYPES, runs, supportMarkdown, supportMatrix, tflmCoverage } from '../ops/matrix';
import { table } from '../inspect';
import { CommandInstaller } from './common';

const SHORT = { kernel: 'ref', fast: 'fast', folded: 'fold', '-': '-' } as const;

export const opsCommand: CommandInstaller = (program, out) => {
  program
    .command('ops')
    .description('list the ops tinyml runs, per tensor type: reference kernel, fast kernel, folded, or not supported')
    .option('--json', 'print JSON')
    .option('--markdown', 'print the Markdown of docs/ops.md')
    .option('--all', 'also list the TFLM ops tinyml does not support yet')
    .action((o: { json?: boolean; markdown?: boolean; all?: boolean }) => {
      const rows = supportMatrix();
      if (o.json) {
        out.log(JSON.stringify(rows, null, 2));
        return;
      }
      if (o.markdown) {
        out.log(supportMarkdown(rows));
        return;
      }
      const shown = o.all ? rows : rows.filter(runs);
      out.log(table(['op', 'TFLM', ...MATRIX_TYPES, 'folds'], shown.map((r) => [
        r.op, r.inTflm ? 'yes' : 'no', ...MATRIX_TYPES.map((t) => SHORT[r.cells[t]]), r.folds ? 'yes' : '',
      ])));
      const { covered, total } = tflmCoverage(rows);
      out.log(`\n${covered} of the ${total} ops TFLite Micro registers run here (ref: reference kernel, bit-exact with TFLM; fast: a fast kernel too; fold: computed at generation time)${o.all ? '' : '; --all lists the rest'}.`);
    });
};
