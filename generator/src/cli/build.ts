/** `tinyml build DIR`: the firmware built, flash and RAM against the board's budget. */
import { buildProject } from '../firmware';
import { table } from '../inspect';
import { CommandInstaller } from './common';

export const buildCommand: CommandInstaller = (program, out) => {
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
};
