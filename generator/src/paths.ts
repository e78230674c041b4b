/** Locating the tinyml project root from compiled code (dist/generator/src) or from sources. */
import * as fs from 'fs';
import * as path from 'path';

let cachedRoot: string | null = null;

/** The directory holding tinyml's package.json, found by walking up from this file. */
export function projectRoot(): string {
  if (cachedRoot !== null) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      cachedRoot = dir;
      return dir;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the tinyml project root (no package.json above ${__dirname})`);
    dir = up;
  }
}

/** A path inside the project root. */
export function rootPath(...parts: string[]): string {
  return path.join(projectRoot(), ...parts);
}
