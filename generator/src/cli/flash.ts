/** `tinyml flash DIR`: PlatformIO's upload to the project's board. */
import { flashProject } from '../flash';
import { CommandInstaller } from './common';

export const flashCommand: CommandInstaller = (program, out) => {
  program
    .command('flash')
    .description('upload a generated project to its board with PlatformIO (installed on first use)')
    .argument('<dir>', 'a folder made by `tinyml gen`')
    .action((dir: string) => {
      const r = flashProject(dir, out.log);
      out.log(`flashed ${r.board}`);
    });
};
