/**
 * The `tinyml` command line. It only parses argv and prints; the work is in the library
 * (index.ts). Every failure is one line on stderr and a nonzero exit code.
 */
import { Command, CommanderError } from 'commander';
import { TinymlError, fromSim } from './errors';
import { formatInspect, inspectModel } from './inspect';
import { loadModel } from './model';
import { GENERATOR_VERSION } from './version';

type Out = { log: (s: string) => void; err: (s: string) => void };

const stdio: Out = {
  log: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
};

/** Commands register themselves here so that other modules can add theirs. */
export type CommandInstaller = (program: Command, out: Out) => void;
const installers: CommandInstaller[] = [];
export function addCommands(install: CommandInstaller): void {
  installers.push(install);
}

function installInspect(program: Command, out: Out): void {
  program
    .command('inspect')
    .description('show the ops, tensors, MACs and memory of a .tflite model')
    .argument('<model>', 'the .tflite file')
    .option('--json', 'print the machine-readable report')
    .option('--tflm', "add TFLM's arena bytes (runs tflite-micro)")
    .option('--plan', 'show the arena plan as a table')
    .option('--svg <file>', 'write the arena plan over time as an SVG picture')
    .action(async (model: string, opts: { json?: boolean; tflm?: boolean; plan?: boolean; svg?: string }) => {
      const m = loadModel(model);
      const j = inspectModel(m);
      const { planForInspect } = await import('./inspect-arena');
      const plan = await planForInspect(m, j);
      if (opts.tflm && j.arena) {
        const { oracleAlloc } = await import('./oracle');
        j.arena.tflm = oracleAlloc(model).total;
      }
      if (opts.svg) {
        if (!plan) throw new TinymlError(`${m.graph.label}: no arena plan (the model has ops tinyml cannot compile)`);
        const { planSvg } = await import('./plan-report');
        require('fs').writeFileSync(opts.svg, planSvg(m.graph, plan));
      }
      if (opts.json) {
        out.log(JSON.stringify(j, null, 2));
      } else {
        out.log(formatInspect(j));
        if (plan && opts.plan) {
          const { planTable } = await import('./plan-report');
          out.log('');
          out.log(planTable(m.graph, plan));
        }
        if (opts.svg) out.log(`wrote the arena plan picture to ${opts.svg}`);
      }
    });
}

export function buildProgram(out: Out = stdio): Command {
  const program = new Command();
  program
    .name('tinyml')
    .description('Turn a TensorFlow Lite model into a static-memory C firmware project, and run it in an emulator.')
    .version(GENERATOR_VERSION)
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.log(s.trimEnd()), writeErr: (s) => out.err(s.trimEnd()) });
  installInspect(program, out);
  for (const install of installers) install(program, out);
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[], out: Out = stdio): Promise<number> {
  // Commands implemented in other modules register through addCommands() when loaded.
  await import('./commands');
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
