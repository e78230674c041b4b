/**
 * State kept across invocations (issue 11, "State"): TFLite variable tensors (is_variable) get an
 * arena region of their own that no other tensor reuses, are reset as TFLM resets them (int8 to
 * its zero point, everything else to zeros, the buffer ignored) at the first invocation and by
 * tm_reset(), and keep their bytes from one tm_invoke to the next.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compile } from '../generator/src/codegen';
import { hostProjectFiles } from '../generator/src/host';
import { loadModelBytes } from '../generator/src/model';
import { Built, describeBuiltModels } from './helpers/exact';
import { BTensor, Opt, buildTflite } from './helpers/tflite-builder';

const FLOAT32 = 0, INT8 = 9;
const ADD = 0;
const addOpts: Opt = { type: 11, write: (b) => { b.startObject(1); b.addFieldInt8(0, 0, 0); } };

function f32(values: number[]): Uint8Array {
  return new Uint8Array(new Float32Array(values).buffer);
}

/** in + var -> a; a + var -> b; b + in -> out: the variable is read by two ops, a third buffer is planned around it. */
function addChain(t: { input: BTensor; variable: BTensor; mid: BTensor; mid2: BTensor; out: BTensor }): Uint8Array {
  return buildTflite({
    tensors: [t.input, t.variable, t.mid, t.mid2, t.out],
    ops: [
      { code: ADD, inputs: [0, 1], outputs: [2], options: addOpts },
      { code: ADD, inputs: [2, 1], outputs: [3], options: addOpts },
      { code: ADD, inputs: [3, 0], outputs: [4], options: addOpts },
    ],
    inputs: [0],
    outputs: [4],
  });
}

const INT8_CHAIN = addChain({
  input: { shape: [1, 6], type: INT8, scale: [0.1], zeroPoint: [3], name: 'x' },
  variable: { shape: [1, 6], type: INT8, scale: [0.05], zeroPoint: [-7], name: 'state', isVariable: true },
  mid: { shape: [1, 6], type: INT8, scale: [0.12], zeroPoint: [1] },
  mid2: { shape: [1, 6], type: INT8, scale: [0.15], zeroPoint: [-2] },
  out: { shape: [1, 6], type: INT8, scale: [0.2], zeroPoint: [0] },
});

// A float32 variable with a buffer of non-zero values: TFLM resets it to zeros without reading it.
const FLOAT_CHAIN = addChain({
  input: { shape: [2, 3], type: FLOAT32, name: 'x' },
  variable: { shape: [2, 3], type: FLOAT32, name: 'state', isVariable: true, data: f32([1, 2, 3, 4, 5, 6]) },
  mid: { shape: [2, 3], type: FLOAT32 },
  mid2: { shape: [2, 3], type: FLOAT32 },
  out: { shape: [2, 3], type: FLOAT32 },
});

const BUILT: Built[] = [
  { name: 'variable_add_chain_int8', bytes: INT8_CHAIN },
  { name: 'variable_add_chain_float32', bytes: FLOAT_CHAIN },
];

describe('variable tensors (state kept across invocations)', function () {
  this.timeout(600000);
  describeBuiltModels('tinyml-state-', BUILT, new Set(['variable_add_chain_int8', 'variable_add_chain_float32']));

  it('the planner gives a variable tensor a region of its own, alive at every step', () => {
    const c = compile(loadModelBytes(INT8_CHAIN, 'variable_add_chain_int8.tflite'));
    const v = c.plan.buffers.filter((b) => b.persistent);
    assert.equal(v.length, 1);
    assert.deepEqual(v[0].tensors, [1]);
    assert.equal(v[0].first, 0);
    assert.equal(v[0].last, c.plan.steps - 1);
    for (const b of c.plan.buffers) {
      if (b === v[0]) continue;
      const disjoint = b.offset + b.bytes <= v[0].offset || v[0].offset + v[0].bytes <= b.offset;
      assert.ok(disjoint, `buffer ${b.id} (tensors ${b.tensors}) shares bytes with the variable`);
    }
    const modelC = String(c.files.get('model/model.c'));
    assert.match(modelC, new RegExp(`\\{ tm_arena \\+ ${v[0].offset}, 6u, -7 \\}, /\\* t1 int8\\[1,6\\] state \\*/`));
    assert.match(modelC, /tm_variables, &tm_state_ready, 1/);
  });

  it('a model without variable tensors has no variable table', () => {
    const c = compile(loadModelBytes(buildTflite({
      tensors: [{ shape: [4], type: FLOAT32 }, { shape: [4], type: FLOAT32 }, { shape: [4], type: FLOAT32 }],
      ops: [{ code: ADD, inputs: [0, 1], outputs: [2], options: addOpts }], inputs: [0, 1], outputs: [2],
    }), 'plain.tflite'));
    assert.match(String(c.files.get('model/model.c')), /NULL, NULL, 0\n\};/);
    assert.ok(!String(c.files.get('model/model.c')).includes('tm_variables'));
    assert.ok(c.plan.buffers.every((b) => !b.persistent));
  });

  it('the state persists from one tm_invoke to the next and tm_reset restores it (C, under the sanitizers)', function () {
    const c = compile(loadModelBytes(INT8_CHAIN, 'variable_add_chain_int8.tflite'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-state-c-'));
    try {
      for (const [rel, content] of hostProjectFiles(c)) {
        if (rel === 'app/host_main.c' || rel === 'Makefile') continue;
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), content);
      }
      // The application may write the state itself (as a kernel such as SVDF does): the next
      // invocation must see those bytes, and tm_reset must put the zero point back.
      fs.writeFileSync(path.join(dir, 'main.c'), `#include <stdio.h>
#include <string.h>
#include "model.h"
static void run(int8_t *out) {
  const tm_io *in = tm_input(&tinyml_model, 0);
  memset(in->data, 10, in->bytes);
  if (tm_invoke(&tinyml_model, NULL, NULL, NULL) != TM_OK) { puts("invoke failed"); return; }
  memcpy(out, tm_output(&tinyml_model, 0)->data, 6);
}
int main(void) {
  int8_t first[6], again[6], scribbled[6], reset[6];
  int8_t *state = (int8_t *)tinyml_model.variables[0].data;
  int i;
  run(first);
  for (i = 0; i < 6; ++i) if (state[i] != -7) { puts("state not reset at start-up"); return 1; }
  run(again);
  memset(state, 40, 6);
  run(scribbled);
  for (i = 0; i < 6; ++i) if (state[i] != 40) { puts("state lost between invocations"); return 1; }
  if (tm_reset(&tinyml_model) != TM_OK) return 1;
  for (i = 0; i < 6; ++i) if (state[i] != -7) { puts("tm_reset did not restore the state"); return 1; }
  run(reset);
  printf("%d %d %d %d\\n", first[0], again[0], scribbled[0], reset[0]);
  return memcmp(first, again, 6) != 0 || memcmp(first, reset, 6) != 0 || memcmp(first, scribbled, 6) == 0;
}
`);
      const srcs = [...c.files.keys()].filter((f) => f.endsWith('.c')).map((f) => path.join(dir, f));
      const cc = spawnSync(process.env.CC ?? 'cc', ['-std=c99', '-O1', '-g', '-fsanitize=address,undefined', '-fno-sanitize-recover=all',
        '-Wall', '-Wextra', '-Werror', '-pedantic', '-I', path.join(dir, 'model'), '-I', path.join(dir, 'runtime', 'include'),
        path.join(dir, 'main.c'), ...srcs, '-o', path.join(dir, 'state_test'), '-lm'], { encoding: 'utf8' });
      assert.equal(cc.status, 0, cc.stderr);
      const r = spawnSync(path.join(dir, 'state_test'), { encoding: 'utf8' });
      assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
      const [first, again, scribbled, reset] = r.stdout.trim().split(' ').map(Number);
      assert.equal(first, again);
      assert.equal(first, reset);
      assert.notEqual(first, scribbled);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
