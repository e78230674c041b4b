/**
 * Golden tests: per case a model, its options and the committed generated C. The C is
 * regenerated here and must match byte for byte. After an intended change, refresh with
 * `TINYML_UPDATE_GOLDEN=1 npm test` and review the diff.
 *
 * Besides the model cases, one complete board project (test/golden/projects.json): every file
 * `tinyml gen` writes for it. Files rendered by tinyml are compared with their golden copies (the
 * model path in tinyml.json made relative to the repository, so the copy is stable); files copied
 * unchanged from micro-runtime/ (runtime/**, port/**) are listed in copied.txt and compared with
 * their source.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CompileOptions, compile, constDataBytes } from '../generator/src/codegen';
import { generateProject } from '../generator/src/firmware';
import { loadModel } from '../generator/src/model';
import { ROOT } from './helpers/env';

interface Case { name: string; model: string; options: CompileOptions }
interface ProjectCase { name: string; board: string; model: string }

const GOLDEN = path.join(ROOT, 'test', 'golden');
const cases = JSON.parse(fs.readFileSync(path.join(GOLDEN, 'cases.json'), 'utf8')) as Case[];
const projects = JSON.parse(fs.readFileSync(path.join(GOLDEN, 'projects.json'), 'utf8')) as ProjectCase[];
const FILES = ['model/model.c', 'model/model.h', 'model/test_input.c'];

function compareWithGolden(label: string, expectedPath: string, actual: string): void {
  if (process.env.TINYML_UPDATE_GOLDEN) {
    fs.mkdirSync(path.dirname(expectedPath), { recursive: true });
    fs.writeFileSync(expectedPath, actual);
  }
  assert.ok(fs.existsSync(expectedPath), `${expectedPath} is missing (run with TINYML_UPDATE_GOLDEN=1)`);
  const expected = fs.readFileSync(expectedPath, 'utf8');
  if (actual !== expected) {
    const a = actual.split('\n'), e = expected.split('\n');
    const i = a.findIndex((l, k) => l !== e[k]);
    assert.fail(`${label} differs from the golden copy at line ${i + 1}:\n  golden:    ${e[i]}\n  generated: ${a[i]}`);
  }
}

/** The bytes of `static const T name[N]` arrays in the emitted C: an independent check of compile()'s recorded counts. */
function arrayBytesInC(text: string): number {
  const sizes: Record<string, number> = { int8_t: 1, uint8_t: 1, int16_t: 2, uint16_t: 2, int32_t: 4, uint32_t: 4, float: 4, int64_t: 8 };
  let total = 0;
  for (const m of text.matchAll(/static const (\w+) \w+\[(\d+)\]/g)) total += (sizes[m[1]] ?? 4) * Number(m[2]);
  return total;
}

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else out.push(r);
  }
  return out.sort();
}

describe('golden generated C', () => {
  for (const c of cases) {
    it(`${c.name} (${path.basename(c.model)}) regenerates identically`, () => {
      const compiled = compile(loadModel(path.join(ROOT, c.model)), c.options);
      for (const f of FILES) compareWithGolden(`${c.name}/${f}`, path.join(GOLDEN, c.name, f), String(compiled.files.get(f)));
      // The byte counts compile() records for the fit check are those of the C it emitted.
      const emitted = arrayBytesInC(String(compiled.files.get('model/model.c'))) + arrayBytesInC(String(compiled.files.get('model/test_input.c')));
      assert.equal(constDataBytes(compiled.bytes), emitted);
    });
  }

  it('the DSP case runs DSP kernels', () => {
    const c = cases.find((x) => x.options.kernels === 'dsp')!;
    assert.match(fs.readFileSync(path.join(GOLDEN, c.name, 'model', 'model.c'), 'utf8'), /tm_eval_\w+_dsp/);
  });
});

describe('golden board project', () => {
  for (const p of projects) {
    it(`${p.name}: every file gen writes for ${p.board} (${path.basename(p.model)}) regenerates identically`, () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-golden-'));
      try {
        const out = path.join(tmp, 'fw');
        generateProject({ board: p.board, model: path.join(ROOT, p.model), out });
        const files = listFiles(out);
        const copied: string[] = [];
        const goldenDir = path.join(GOLDEN, p.name);
        for (const f of files) {
          let text = fs.readFileSync(path.join(out, f), 'utf8');
          const source = f.startsWith('runtime/') ? path.join(ROOT, 'micro-runtime', f.slice('runtime/'.length))
            : f.startsWith('port/') ? path.join(ROOT, 'micro-runtime', f) : null;
          if (source && fs.existsSync(source)) {
            assert.equal(text, fs.readFileSync(source, 'utf8'), `${f} is not a copy of ${path.relative(ROOT, source)}`);
            copied.push(f);
            continue;
          }
          if (f === 'tinyml.json') {
            const m = JSON.parse(text) as { model: string };
            assert.ok(path.isAbsolute(m.model));
            m.model = path.relative(ROOT, m.model);
            text = JSON.stringify(m, null, 2) + '\n';
          }
          compareWithGolden(`${p.name}/${f}`, path.join(goldenDir, 'files', f), text);
        }
        compareWithGolden(`${p.name}/copied.txt`, path.join(goldenDir, 'copied.txt'), copied.join('\n') + '\n');
        // No golden file left over that gen no longer writes.
        const rendered = files.filter((f) => !copied.includes(f));
        assert.deepEqual(listFiles(path.join(goldenDir, 'files')), rendered);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  }
});
