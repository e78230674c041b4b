/**
 * Models built from JSON by flatc with our schema (generator/schema/tflite.fbs), read back by
 * our own reader: checks the reader's field slots and union numbers against an independent
 * encoder, including builtin codes above 127 and signature defs.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadModelBytes } from '../generator/src/model';
import { hasCommand, ROOT } from './helpers/env';

const SCHEMA = path.join(ROOT, 'generator', 'schema', 'tflite.fbs');

function flatcModel(json: object): Uint8Array {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyml-flatc-'));
  try {
    fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify(json));
    const r = spawnSync('flatc', ['-b', '-o', dir, SCHEMA, path.join(dir, 'm.json')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return new Uint8Array(fs.readFileSync(path.join(dir, 'm.tflite')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const q = (s: number, z = 0) => ({ scale: [s], zero_point: [z] });

function oneOp(code: string, optionsType: string | null, options: object, nIn = 1): object {
  const tensors = [
    { shape: [1, 4, 4, 2], type: 'INT8', buffer: 0, name: 'a', quantization: q(0.5, 1) },
    { shape: [1, 4, 4, 2], type: 'INT8', buffer: 0, name: 'b', quantization: q(0.5, 1) },
    { shape: [1, 4, 4, 2], type: 'INT8', buffer: 0, name: 'out', quantization: q(0.5, 1) },
  ];
  return {
    version: 3,
    operator_codes: [{ deprecated_builtin_code: 0, builtin_code: code }],
    subgraphs: [{
      tensors, inputs: nIn === 2 ? [0, 1] : [0], outputs: [2],
      operators: [{ opcode_index: 0, inputs: nIn === 2 ? [0, 1] : [0], outputs: [2], ...(optionsType ? { builtin_options_type: optionsType, builtin_options: options } : {}) }],
    }],
    buffers: [{}],
  };
}

describe('the reader against models made by flatc from our schema', function () {
  before(function () {
    if (!hasCommand('flatc')) this.skip();
  });

  it('reads a model with per-channel quantization, a builtin code above 127 and a signature', () => {
    const bytes = flatcModel({
      version: 3,
      operator_codes: [{ deprecated_builtin_code: 9, builtin_code: 'FULLY_CONNECTED' }, { deprecated_builtin_code: 127, builtin_code: 'GELU' }],
      subgraphs: [{
        tensors: [
          { shape: [1, 2], type: 'INT8', buffer: 0, name: 'in', quantization: q(0.5, 1) },
          { shape: [3, 2], type: 'INT8', buffer: 1, name: 'w', quantization: { scale: [0.1, 0.2, 0.3], zero_point: [0, 0, 0], quantized_dimension: 0 } },
          { shape: [1, 3], type: 'INT8', buffer: 0, name: 'out', quantization: q(0.25, -2) },
          { shape: [1, 3], type: 'INT8', buffer: 0, name: 'gelu', quantization: q(0.25, -2) },
        ],
        inputs: [0], outputs: [3],
        operators: [
          { opcode_index: 0, inputs: [0, 1, -1], outputs: [2], builtin_options_type: 'FullyConnectedOptions', builtin_options: { fused_activation_function: 'RELU6', keep_num_dims: true } },
          { opcode_index: 1, inputs: [2], outputs: [3] },
        ],
      }],
      buffers: [{}, { data: [1, 2, 3, 4, 5, 250] }, { data: [49, 46, 49, 52, 46, 48, 0] }],
      metadata: [{ name: 'min_runtime_version', buffer: 2 }],
      signature_defs: [{ inputs: [{ name: 'x', tensor_index: 0 }], outputs: [{ name: 'y', tensor_index: 3 }], signature_key: 'serving_default', subgraph_index: 0 }],
    });
    const m = loadModelBytes(bytes, 'flatc.tflite');
    assert.deepEqual(m.graph.nodes.map((n) => n.op), ['FULLY_CONNECTED', 'GELU']);
    assert.deepEqual(m.graph.nodes[0].options, { activation: 3, weightsFormat: 0, keepNumDims: true });
    assert.deepEqual(m.validation.unsupported, [{ op: 'GELU', count: 1 }]);
    assert.deepEqual(m.graph.tensors[1].quant!.scale.map((s) => Math.fround(s)), [0.1, 0.2, 0.3].map(Math.fround));
    assert.deepEqual([...m.graph.tensors[1].data!], [1, 2, 3, 4, 5, 250]);
    assert.equal(m.graph.raw.minRuntimeVersion, '1.14.0');
    assert.deepEqual(m.graph.raw.signatures[0], { key: 'serving_default', subgraphIndex: 0, inputs: [{ name: 'x', tensorIndex: 0 }], outputs: [{ name: 'y', tensorIndex: 3 }] });
  });

  const cases: [string, string, object, Record<string, unknown>, number][] = [
    ['AVERAGE_POOL_2D', 'Pool2DOptions', { padding: 'VALID', stride_w: 1, stride_h: 1, filter_width: 1, filter_height: 1, fused_activation_function: 'RELU' }, { padding: 1, strideW: 1, strideH: 1, filterW: 1, filterH: 1, activation: 1 }, 1],
    ['SOFTMAX', 'SoftmaxOptions', { beta: 0.5 }, { beta: 0.5 }, 1],
    ['ADD', 'AddOptions', { fused_activation_function: 'RELU_N1_TO_1' }, { activation: 2, potScaleInt16: true }, 2],
    ['MUL', 'MulOptions', { fused_activation_function: 'RELU' }, { activation: 1 }, 2],
    ['SUB', 'SubOptions', { pot_scale_int16: false }, { activation: 0, potScaleInt16: false }, 2],
    ['LEAKY_RELU', 'LeakyReluOptions', { alpha: 0.25 }, { alpha: 0.25 }, 1],
  ];
  for (const [op, type, options, expected, nIn] of cases) {
    it(`decodes ${type} for ${op}`, () => {
      const m = loadModelBytes(flatcModel(oneOp(op, type, options, nIn)), `${op}.tflite`);
      assert.deepEqual(m.graph.nodes[0].options, expected);
    });
  }

  it('rejects an options table of the wrong union type', () => {
    const bytes = flatcModel(oneOp('SOFTMAX', 'AddOptions', {}));
    assert.throws(() => loadModelBytes(bytes, 'w.tflite'), /operator 0 \(SOFTMAX\): options table has union type 11, expected 9/);
  });
});
