/**
 * The `tinyml` command line: one file per command, listed here. Each command parses its options,
 * calls one library function that returns a report, and prints it. Every failure is one line on
 * stderr and a nonzero exit code.
 */
import { Command, CommanderError } from 'commander';
import { TinymlError, fromSim } from '../errors';
import { GENERATOR_VERSION } from '../version';
import { boardsCommand } from './boards';
import { buildCommand } from './build';
import { CommandInstaller, Out } from './common';
import { flashCommand } from './flash';
import { genCommand } from './gen';
import { inspectCommand } from './inspect';
import { opsCommand } from './ops';
import { runCommand } from './run';
import { simCommand } from './sim';
import { verifyCommand } from './verify';

/** Every command, in the order `tinyml --help` lists them. */
export const COMMANDS: readonly CommandInstaller[] = [
  inspectCommand, genCommand, runCommand, verifyCommand, boardsCommand, opsCommand, buildCommand, simCommand, flashCommand,
];

const stdio: Out = {
  log: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
};

export function buildProgram(out: Out = stdio): Command {
  const program = new Command();
  program
    .name('tinyml')
    .description('Turn a TensorFlow Lite model into a static-memory C firmware project, and run it in an emulator.')
    .version(GENERATOR_VERSION)
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.log(s.trimEnd()), writeErr: (s) => out.err(s.trimEnd()) });
  for (const install of COMMANDS) install(program, out);
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[], out: Out = stdio): Promise<number> {
  const program = buildProgram(out);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (caught) {
    const e = fromSim(caught);
    if (e instanceof CommanderError) {
      // commander has already printed its one-line message (or help/version output).
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof TinymlError) {
      out.err(`tinyml: ${e.message.split('\n')[0]}`);
      return e.exitCode;
    }
    const msg = e instanceof Error ? e.message : String(e);
    out.err(`tinyml: internal error: ${msg.split('\n')[0]}`);
    if (process.env.TINYML_DEBUG) out.err(String((e as Error).stack));
    return 70;
  }
}
