/** `tinyml gen`: a project for a board, for the host, or an example's firmware. */
import { generate } from '../generate';
import { CommandInstaller, kernelsOption } from './common';

export const genCommand: CommandInstaller = (program, out) => {
  program
    .command('gen')
    .description('generate a C project for a board from a .tflite model')
    .requiredOption('--board <board>', 'target board (see `tinyml boards`), or host')
    .option('--model <model>', 'the .tflite file')
    .option('--example <name>', 'an example application from examples/ (its model and its app)')
    .requiredOption('--out <dir>', 'output folder (created; replaced only if tinyml made it)')
    .option('--kernels <kind>', 'ref (portable reference kernels) or dsp (Cortex-M DSP extension)')
    .action((o: { board: string; model?: string; example?: string; out: string; kernels?: string }) => {
      const r = generate({ board: o.board, model: o.model, example: o.example, out: o.out, kernels: kernelsOption(o.kernels) });
      switch (r.kind) {
        case 'example':
          out.log(`wrote the ${r.example} example for ${r.board.name} (${r.board.id}, ${r.kernelNote}) to ${r.out}: arena ${r.arenaBytes} bytes, weights ${r.weightsBytes} bytes`);
          out.log(`next: tinyml build ${r.out} && tinyml sim ${r.out}${r.defaultInput ? ` [--input ${r.defaultInput}]` : ''}`);
          return;
        case 'host':
          out.log(`wrote ${r.files} files to ${r.out} (host project: run \`make -C ${r.out}\`); arena ${r.arenaBytes} bytes`);
          return;
        case 'board': {
          const b = r.board;
          out.log(`wrote ${r.files} files to ${r.out} for ${b.name} (${b.id}, ${b.core}, ${r.kernelNote}): arena ${r.arenaBytes} bytes, weights ${r.weightsBytes} bytes`);
          out.log(`next: tinyml build ${r.out}   (${b.toolchain?.prefix ?? 'arm-none-eabi-'}gcc; flash and RAM against the board's budget)`);
          out.log(`      tinyml sim ${r.out}     (run it in QEMU${b.sim ? ` on ${b.sim.machine}` : ''})`);
        }
      }
    });
};
