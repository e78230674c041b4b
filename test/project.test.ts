/**
 * The project targets: the board target (boardProject: files, manifest, budget; the fit check
 * from compile()'s byte counts) and the host target (hostProject), and tinyml.json's one writer
 * and reader.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { getBoard } from '../generator/src/boards';
import { compile, constDataBytes } from '../generator/src/codegen';
import { TinymlError } from '../generator/src/errors';
import { hostProject } from '../generator/src/host';
import { manifestText, readManifest } from '../generator/src/manifest';
import { loadModel } from '../generator/src/model';
import { CODE_ALLOWANCE_BYTES, CODE_ALLOWANCE_DSP_BYTES, RAM_ALLOWANCE_BYTES, boardProject, checkFits } from '../generator/src/project';
import { ROOT } from './helpers/env';

const FC = path.join(ROOT, 'test', 'fixtures', 'ops', 'fc_rank2_relu_int8.tflite');
const CONV = path.join(ROOT, 'test', 'fixtures', 'ops', 'conv2d_3x3_s1_same_int8.tflite');

function oneLineError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof TinymlError, `a TinymlError, got ${String(e)}`);
    assert.match(e.message, pattern);
    assert.ok(!e.message.includes('\n'));
    return true;
  });
}

describe('board target', () => {
  it('returns files, manifest and budget; tinyml.json is the manifest as written', () => {
    const c = compile(loadModel(CONV), { kernels: 'dsp' });
    const p = boardProject(getBoard('nano33'), c, { modelPath: CONV, label: 'conv', kernels: 'dsp' });
    assert.equal(p.files.get('tinyml.json'), manifestText(p.manifest));
    assert.equal(p.manifest.board, 'nano33');
    assert.equal(p.manifest.stackBytes, 8192);
    assert.equal(p.manifest.kernels, 'dsp');
    assert.deepEqual(p.budget, { flash: constDataBytes(c.bytes) + CODE_ALLOWANCE_DSP_BYTES, ram: c.plan.arenaBytes + 8192 + RAM_ALLOWANCE_BYTES });
    for (const f of ['model/model.c', 'app/main.c', 'Makefile', 'linker/board.ld', 'platformio.ini', 'runtime/src/interpreter.c']) assert.ok(p.files.has(f), f);
  });

  it('the fit check says by how many bytes flash and RAM are over, from the recorded byte counts', () => {
    const c = compile(loadModel(FC));
    const data = constDataBytes(c.bytes);
    assert.ok(data > 0 && c.bytes.constants.length > 0 && c.bytes.testInput > 0);
    const b = getBoard('bluepill');
    const tiny = { ...b, flash: { ...b.flash!, size: 1000 }, ram: { ...b.ram!, size: 100 } };
    const flashNeed = data + CODE_ALLOWANCE_BYTES;
    const ramNeed = c.plan.arenaBytes + 2048 + RAM_ALLOWANCE_BYTES;
    const n = (x: number) => x.toLocaleString('en-US');
    oneLineError(() => checkFits(tiny, c, 'fc.tflite', 2048), new RegExp(
      `^fc\\.tflite does not fit bluepill: flash is over by ${n(flashNeed - 1000)} bytes \\(needs about ${n(flashNeed)}: ${n(data)} of weights, op data and test input and about ${n(CODE_ALLOWANCE_BYTES)} of code; bluepill has 1,000\\); ` +
      `RAM is over by ${n(ramNeed - 100)} bytes \\(needs about ${n(ramNeed)}: arena ${n(c.plan.arenaBytes)}, stack 2,048, other ${n(RAM_ALLOWANCE_BYTES)}; bluepill has 100\\)$`));
    assert.deepEqual(checkFits(b, c, 'fc.tflite', 2048), { flash: flashNeed, ram: ramNeed });
  });
});

describe('host target', () => {
  it('is the model, the runtime, the host runner and a Makefile, with a host manifest and no budget', () => {
    const c = compile(loadModel(FC));
    const p = hostProject(c, FC);
    assert.equal(p.budget, null);
    assert.equal(p.manifest.board, 'host');
    assert.equal(p.manifest.kernels, undefined);
    assert.ok(p.files.has('app/host_main.c') && p.files.has('Makefile') && p.files.has('model/model.c'));
    assert.ok(![...p.files.keys()].some((f) => f.startsWith('port/')));
    assert.equal(p.files.get('tinyml.json'), manifestText(p.manifest));
  });
});

describe('tinyml.json', () => {
  it('has one writer and one reader that agree', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-manifest-'));
    try {
      const c = compile(loadModel(FC));
      const m = { generator: '0.0.0', board: 'nano33', model: FC, kernels: 'ref' as const, stackBytes: 8192, example: 'gesture', summary: c.summary };
      const text = manifestText(m);
      assert.deepEqual(Object.keys(JSON.parse(text)), ['generator', 'board', 'model', 'kernels', 'stackBytes', 'example', 'summary']);
      fs.writeFileSync(path.join(dir, 'tinyml.json'), text);
      assert.deepEqual(readManifest(dir), m);
      fs.writeFileSync(path.join(dir, 'tinyml.json'), '{"board": 3}');
      oneLineError(() => readManifest(dir), /unreadable project manifest/);
      fs.writeFileSync(path.join(dir, 'tinyml.json'), '{');
      oneLineError(() => readManifest(dir), /unreadable project manifest/);
      fs.rmSync(path.join(dir, 'tinyml.json'));
      oneLineError(() => readManifest(dir), /not a tinyml project \(no tinyml\.json\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
