/**
 * The op tests' shared checks against tflite-micro: an exactness assertion (int8 bit for bit,
 * float32 within the verify tolerance), the committed per-op fixtures of a family of ops, and the
 * models a test file builds (some also under -fsanitize=address,undefined).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { opDef } from '../../generator/src/ops';
import { VerifyResult, verifyModel } from '../../generator/src/verify';
import { ROOT } from './env';

export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'ops');

interface ManifestEntry { file: string; dtype: string; ops: string[]; tflmOk?: boolean }

export interface Built { name: string; bytes: Uint8Array; samples?: number }

export function assertExact(r: VerifyResult): void {
  for (const o of r.outputs) {
    if (o.dtype === 'float32') assert.ok(o.withinTolerance, `${r.model} output ${o.index}: ${o.mismatches} values off, max diff ${o.maxDiff}`);
    else assert.ok(o.identical, `${r.model} output ${o.index}: ${o.mismatches} values differ, max diff ${o.maxDiff}`);
  }
}

/** The fixtures (test/fixtures/ops/manifest.json) that use one of `ops` and that TFLM runs. */
function manifest(ops: string[]): ManifestEntry[] {
  const p = path.join(FIXTURES, 'manifest.json');
  if (!fs.existsSync(p)) return [];
  return (JSON.parse(fs.readFileSync(p, 'utf8')) as ManifestEntry[])
    .filter((e) => e.tflmOk !== false && e.ops.some((op) => ops.includes(op)));
}

/** `per-op fixtures`: each fixture using one of `ops` is exact on 30 random inputs. */
export function describeFixtures(ops: string[]): void {
  describe('per-op fixtures', () => {
    const entries = manifest(ops);
    if (entries.length === 0) {
      it('has fixtures', function () { this.skip(); });
    }
    for (const e of entries) {
      it(`${e.file} (${e.ops.join(', ')}) is exact`, function () {
        const file = path.join(FIXTURES, e.file);
        if (!fs.existsSync(file)) this.skip();
        // Fixtures that also use an op without a kernel wait until it has one.
        if (e.ops.some((op) => !opDef(op))) this.skip();
        assertExact(verifyModel(file, { samples: 30 }));
      });
    }
  });
}

/**
 * `models built here`: each model is exact, and those named in `sanitize` also under the
 * sanitizers; `more` adds tests of its own, given the folder the models are written to.
 */
export function describeBuiltModels(prefix: string, models: Built[], sanitize: Set<string>, more?: (dir: () => string) => void): void {
  describe('models built here', () => {
    let dir = '';
    before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix)); });
    after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });
    for (const m of models) {
      it(`${m.name} is exact`, () => {
        const file = path.join(dir, `${m.name}.tflite`);
        fs.writeFileSync(file, m.bytes);
        assertExact(verifyModel(file, { samples: m.samples ?? 20 }));
      });
      if (sanitize.has(m.name)) {
        it(`${m.name} is exact under -fsanitize=address,undefined`, () => {
          const file = path.join(dir, `${m.name}.tflite`);
          fs.writeFileSync(file, m.bytes);
          assertExact(verifyModel(file, { samples: 3, sanitize: true }));
        });
      }
    }
    more?.(() => dir);
  });
}
