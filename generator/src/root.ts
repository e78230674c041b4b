/** The tinyml installation root (where package.json, micro-runtime/ and templates/ are). */
import * as fs from 'fs';
import * as path from 'path';

let cached: string | null = null;

export function repoRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'micro-runtime'))) {
      cached = dir;
      return dir;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the tinyml root (package.json beside micro-runtime/)');
    dir = up;
  }
}
