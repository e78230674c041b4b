/**
 * The emulator interface: every emulator tinyml can run a firmware ELF in (QEMU, Renode) offers
 * the same two calls. A run resolves to the program's exit code and everything it printed on its
 * console; it rejects with a one-line SimError when the emulator is missing, refuses to start or
 * exceeds the timeout.
 */
export interface EmulatorRunOptions {
  /** Working directory: semihosting and scripts resolve relative paths against it. */
  cwd: string;
  timeoutMs: number;
  /** The program's command-line arguments (after its name), where the emulator passes them. */
  args?: string[];
  /** QEMU: the machine (-M) and CPU model (-cpu; the machine's default when omitted). */
  machine?: string;
  cpu?: string;
  /** QEMU: options after -M <machine>, (e.g. revb=true), further arguments (e.g. -bios none),
   *  the executable (default qemu-system-arm) and the Debian package that has it. */
  machineOptions?: string;
  extraArgs?: string[];
  binary?: string;
  package?: string;
  /** Renode: the Robot test that loads the ELF and waits for the app's lines. */
  script?: string;
}

export interface EmulatorRun {
  /** The program's exit code (QEMU: its semihosting exit; Renode: the Robot test's status). */
  exitCode: number;
  /** Everything the program printed on its console UART. */
  console: string;
}

export interface Emulator {
  readonly name: 'qemu' | 'renode';
  /** True when the emulator's executable is installed here. */
  available(): boolean;
  run(elf: string, options: EmulatorRunOptions): Promise<EmulatorRun>;
}
