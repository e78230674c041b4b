/** Loads the modules that add CLI commands (gen, run, verify, boards, build, sim, flash). */
export {};
