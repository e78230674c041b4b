import { SimError } from '../../sim/errors';

/**
 * The one error type the library throws for bad input. The CLI prints `tinyml: <message>` on one
 * line and exits nonzero; anything else escaping is a bug.
 */
export class TinymlError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'TinymlError';
  }
}

export function fail(message: string, exitCode = 1): never {
  throw new TinymlError(message, exitCode);
}

/** A SimError (sim/'s own error type) as the TinymlError it stands for; anything else unchanged. */
export function fromSim(e: unknown): unknown {
  return e instanceof SimError ? new TinymlError(e.message, e.exitCode) : e;
}

/** Calls into sim/, with its SimErrors mapped to TinymlErrors. */
export function viaSim<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw fromSim(e);
  }
}

/** The same for an asynchronous call. */
export async function viaSimAsync<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw fromSim(e);
  }
}
