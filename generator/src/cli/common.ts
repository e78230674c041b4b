/** What every command file shares: where it prints, and option parsers. */
import { Command } from 'commander';
import { TinymlError } from '../errors';

export type Out = { log: (s: string) => void; err: (s: string) => void };

/** A command: adds itself to the program; its action calls one library function and prints the report. */
export type CommandInstaller = (program: Command, out: Out) => void;

export function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

export function kernelsOption(v: string | undefined): 'ref' | 'dsp' | undefined {
  if (v === undefined) return undefined;
  if (v !== 'ref' && v !== 'dsp') throw new TinymlError(`--kernels must be ref or dsp, not '${v}'`);
  return v;
}
