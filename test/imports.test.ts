/**
 * The module graph of generator/ and sim/: no import cycle (static, `import type`, dynamic
 * `import()` and `require()` all count), and nothing in sim/ imports generator/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './helpers/env';

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The repository-relative .ts files a source imports (relative specifiers only). */
export function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specs = new Set<string>();
  for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)'(\.{1,2}\/[^']*)'/gm)) specs.add(m[1]);
  const out: string[] = [];
  for (const s of specs) {
    const base = path.resolve(path.dirname(file), s);
    if (/\.(json|js)$/.test(s)) continue; // data (package.json), not a module of ours
    const hit = [`${base}.ts`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p));
    if (!hit) throw new Error(`${path.relative(ROOT, file)}: cannot resolve import '${s}'`);
    out.push(path.relative(ROOT, hit));
  }
  return out;
}

/** Every cycle's members (strongly connected components larger than one, or a self-import). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

describe('module graph of generator/ and sim/', () => {
  const files = [...tsFiles(path.join(ROOT, 'generator', 'src')), ...tsFiles(path.join(ROOT, 'sim'))];
  const graph = new Map(files.map((f) => [path.relative(ROOT, f), importsOf(f)]));

  it('reads real imports (the walker sees the CLI, the library and sim/)', () => {
    assert.ok(graph.size > 30, `only ${graph.size} modules found`);
    assert.ok(graph.get('generator/src/codegen.ts')!.length > 3);
    assert.ok([...graph.values()].some((deps) => deps.some((d) => d.startsWith('sim/'))), 'nothing imports sim/');
  });

  it('finds a cycle when there is one (self-check of the walker)', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    assert.deepEqual(cycles(g), [['a', 'b', 'c']]);
  });

  it('has no import cycle', () => {
    const found = cycles(graph);
    assert.deepEqual(found, [], `import cycles:\n${found.map((c) => `  ${c.join(' <-> ')}`).join('\n')}`);
  });

  it('sim/ imports nothing from generator/', () => {
    const bad = [...graph].filter(([f]) => f.startsWith('sim/')).flatMap(([f, deps]) => deps.filter((d) => d.startsWith('generator/')).map((d) => `${f} -> ${d}`));
    assert.deepEqual(bad, []);
  });
});
