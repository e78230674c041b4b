/**
 * Golden tests: per case a model, its options and the committed generated C. The C is
 * regenerated here and must match byte for byte. After an intended change, refresh with
 * `TINYML_UPDATE_GOLDEN=1 npm test` and review the diff.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CompileOptions, compile } from '../generator/src/codegen';
import { loadModel } from '../generator/src/model';
import { ROOT } from './helpers/env';

interface Case { name: string; model: string; options: CompileOptions }

const GOLDEN = path.join(ROOT, 'test', 'golden');
const cases = JSON.parse(fs.readFileSync(path.join(GOLDEN, 'cases.json'), 'utf8')) as Case[];
const FILES = ['model/model.c', 'model/model.h', 'model/test_input.c'];

describe('golden generated C', () => {
  for (const c of cases) {
    it(`${c.name} (${path.basename(c.model)}) regenerates identically`, () => {
      const compiled = compile(loadModel(path.join(ROOT, c.model)), c.options);
      for (const f of FILES) {
        const expectedPath = path.join(GOLDEN, c.name, f);
        const actual = String(compiled.files.get(f));
        if (process.env.TINYML_UPDATE_GOLDEN) {
          fs.mkdirSync(path.dirname(expectedPath), { recursive: true });
          fs.writeFileSync(expectedPath, actual);
        }
        assert.ok(fs.existsSync(expectedPath), `${expectedPath} is missing (run with TINYML_UPDATE_GOLDEN=1)`);
        const expected = fs.readFileSync(expectedPath, 'utf8');
        if (actual !== expected) {
          const a = actual.split('\n'), e = expected.split('\n');
          const i = a.findIndex((l, k) => l !== e[k]);
          assert.fail(`${c.name}/${f} differs from the golden copy at line ${i + 1}:\n  golden:    ${e[i]}\n  generated: ${a[i]}`);
        }
      }
    });
  }
});
