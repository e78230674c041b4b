/**
 * The one error type sim/ throws for a run that cannot happen or output that cannot be read: a
 * missing emulator, a refused machine, a timeout, an unparsable record. Its message is one line.
 * sim/ knows nothing of the generator; the generator maps a SimError to its TinymlError.
 */
export class SimError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'SimError';
  }
}
