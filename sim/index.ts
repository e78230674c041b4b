/** The emulators tinyml can run firmware in, by name, and the app-output protocol. */
import { Emulator } from './emulator';
import { SimError } from './errors';
import { qemu } from './qemu';
import { renode } from './renode';

export const EMULATORS: Record<Emulator['name'], Emulator> = { qemu, renode };

export function getEmulator(name: string): Emulator {
  const e = (EMULATORS as Record<string, Emulator | undefined>)[name];
  if (!e) throw new SimError(`unknown emulator '${name}' (valid: ${Object.keys(EMULATORS).join(', ')})`);
  return e;
}

export type { Emulator, EmulatorRun, EmulatorRunOptions } from './emulator';
export { SimError } from './errors';
export { RECORD, LINE_PREFIX, parseAppOutput, parseResults } from './protocol';
export type { AppOutput, AppOutputValue } from './protocol';
export { qemuDefs, runQemu } from './qemu';
export type { QemuTarget } from './qemu';
