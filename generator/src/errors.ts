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
