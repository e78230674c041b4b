/** `tinyml boards`: the boards, with their budgets and emulator stand-ins. */
import { boardsReport } from '../boards';
import { table } from '../inspect';
import { CommandInstaller } from './common';

export const boardsCommand: CommandInstaller = (program, out) => {
  program
    .command('boards')
    .description('list the boards tinyml can generate firmware for, with their budgets')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) => {
      const boards = boardsReport();
      if (o.json) {
        out.log(JSON.stringify(boards, null, 2));
        return;
      }
      out.log(table(['board', 'name', 'core', 'FPU', 'DSP', 'clock', 'flash', 'RAM', 'emulator'], boards.map((b) => [
        b.id, b.name, b.core ?? 'host', b.fpu, b.dsp ? 'yes' : 'no', b.clockHz ? `${b.clockHz / 1e6} MHz` : '-',
        b.flash ? `${b.flash / 1024} KB` : '-', b.ram ? `${b.ram / 1024} KB` : '-', b.qemu ? b.qemu.machine : '-',
      ])));
      out.log(`\n${boards.length} boards (flash and RAM: the usable part, after any bootloader); also \`--board host\` for this computer's C compiler.`);
    });
};
