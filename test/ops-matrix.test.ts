/** The op support matrix (`tinyml ops`, docs/ops.md) is derived from the op modules and kept in sync. */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { OPS } from '../generator/src/ops';
import { TFLM_OPS, supportMarkdown, supportMatrix } from '../generator/src/ops/matrix';
import { ROOT, cli } from './helpers/env';

describe('op support matrix', () => {
  it('docs/ops.md is the generated matrix (regenerate: tinyml ops --markdown > docs/ops.md)', () => {
    assert.equal(fs.readFileSync(path.join(ROOT, 'docs', 'ops.md'), 'utf8'), supportMarkdown());
  });

  it('lists every op tinyml supports and every op TFLM registers, once', () => {
    const rows = supportMatrix();
    const names = rows.map((r) => r.op);
    assert.equal(new Set(names).size, names.length);
    for (const d of OPS) assert.ok(names.includes(d.name), d.name);
    for (const op of TFLM_OPS) assert.ok(names.includes(op), op);
  });

  it('says what runs how: DSP int8 conv, reference float conv, folded-only RANGE and SHAPE, nothing for an op without a module', () => {
    const row = (op: string) => supportMatrix().find((r) => r.op === op)!;
    assert.equal(row('CONV_2D').cells.int8, 'fast');
    assert.equal(row('CONV_2D').cells.float32, 'kernel');
    assert.equal(row('RANGE').cells.int32, 'folded');
    assert.equal(row('RANGE').inTflm, false);
    assert.equal(row('SHAPE').cells.float32, 'folded');
    // An op without a module is '-' in every column.
    for (const r of supportMatrix().filter((x) => !OPS.some((d) => d.name === x.op))) assert.ok(Object.values(r.cells).every((c) => c === '-'), r.op);
  });

  it('tinyml ops --json prints the matrix and the table names the folded and fast cells', () => {
    const j = cli(['ops', '--json']);
    assert.equal(j.status, 0, j.stderr);
    assert.deepEqual(JSON.parse(j.stdout), supportMatrix());
    const t = cli(['ops']);
    assert.equal(t.status, 0, t.stderr);
    assert.match(t.stdout, /^RANGE +no +- +- +- +fold +fold +fold +- +yes$/m);
    assert.match(t.stdout, /^CONV_2D +yes +fast +- +- +ref /m);
    assert.match(t.stdout, /\d+ of the 102 ops TFLite Micro registers run here/);
  });
});
