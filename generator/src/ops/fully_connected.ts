/** FULLY_CONNECTED prepare (TFLM CalculateOpDataFullyConnected, done ahead of time). */
import { activationRangeFloat, activationRangeQuantized, perChannelMultipliers } from '../quant';
import { foldedBias } from './conv2d';
import { Q, activationField, shp } from './checks';
import { fullyConnectedDsp } from './dsp/fully_connected';
import { CArray, CExpr, CFloat, OpDef, PrepareFn, PreparedOp } from './types';
import { input, optionalInput, output, scale, unsupported, zeroPoint } from './util';

const prepareFullyConnected: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const w = input(g, n, 1);
  const bias = optionalInput(g, n, 2);
  const y = output(g, n);
  const outputDepth = w.shape[0];
  const accumDepth = w.shape[1];
  const batches = x.elements / accumDepth;
  const act = n.options.activation as number;
  const header = 'tinyml/kernels/fully_connected.h';
  if (x.dtype === 'int8') {
    if (w.dtype !== 'int8') unsupported(g, n, `${w.dtype} weights with int8 input`);
    if (bias && bias.dtype !== 'int32') unsupported(g, n, `${bias.dtype} bias`);
    const wq = w.quant!;
    if (wq.scale.length !== 1 && (wq.scale.length !== outputDepth || wq.axis !== 0)) {
      unsupported(g, n, `${wq.scale.length} weight scales on dimension ${wq.axis} for ${outputDepth} outputs`);
    }
    const { multipliers, shifts } = perChannelMultipliers(scale(x), wq.scale, scale(y), outputDepth);
    const range = activationRangeQuantized(act, scale(y), zeroPoint(y));
    const filterOffset = -(w.quant!.zeroPoint[0] ?? 0);
    return {
      eval: 'tm_eval_fully_connected_s8',
      headers: [header],
      sources: ['src/kernels/fully_connected_s8.c'],
      paramsType: 'tm_fully_connected_s8_params',
      params: {
        batches, accum_depth: accumDepth, output_depth: outputDepth,
        input_offset: -zeroPoint(x),
        filter_offset: filterOffset,
        output_offset: zeroPoint(y),
        multiplier: new CArray('int32_t', multipliers),
        shift: new CArray('int32_t', shifts),
        act_min: range.min, act_max: range.max,
        // only symmetric weights fold: with a filter offset the sum also depends on the input
        bias_folded: filterOffset === 0
          ? foldedBias(w, bias, -zeroPoint(x), outputDepth, accumDepth, accumDepth, 1)
          : new CExpr('NULL'),
      },
      scratchBytes: 0,
    };
  }
  if (x.dtype === 'float32') {
    if (w.dtype !== 'float32') unsupported(g, n, `${w.dtype} weights with float32 input (hybrid quantization)`);
    const range = activationRangeFloat(act);
    return {
      eval: 'tm_eval_fully_connected_f32',
      headers: [header],
      sources: ['src/kernels/fully_connected_f32.c'],
      paramsType: 'tm_fully_connected_f32_params',
      params: {
        batches, accum_depth: accumDepth, output_depth: outputDepth,
        act_min: new CFloat(range.min), act_max: new CFloat(range.max),
      },
      scratchBytes: 0,
    };
  }
  return unsupported(g, n, `${x.dtype} input`);
};

export const FULLY_CONNECTED: OpDef = {
  name: 'FULLY_CONNECTED',
  options: {
    unionType: 8,
    fields: [activationField(0), { name: 'weightsFormat', slot: 1, kind: 'i8', dflt: 0 }, { name: 'keepNumDims', slot: 2, kind: 'bool', dflt: 0 }],
  },
  spec: {
    inputs: [2, 3],
    constInputs: [1, 2],
    optionalInputs: [2],
    quantInputs: [1],
    types: Q,
    check: (n, t, out) => {
      const x = t(0)!, w = t(1)!, b = t(2);
      if (w.shape.length !== 2) return `weights must be 2-D, got ${shp(w)}`;
      if (n.options.weightsFormat !== 0) return `shuffled weights format ${n.options.weightsFormat} is not supported`;
      if (x.elements % w.shape[1] !== 0) return `input ${shp(x)} is not a whole number of rows of ${w.shape[1]}`;
      const batches = x.elements / w.shape[1];
      if (out.elements !== batches * w.shape[0]) return `output ${shp(out)} should hold ${batches}x${w.shape[0]} values`;
      if (b && b.elements !== w.shape[0]) return `bias has ${b.elements} elements for ${w.shape[0]} outputs`;
      return null;
    },
    macs: (_n, t, out) => out.elements * t(1)!.shape[1],
  },
  prepare: prepareFullyConnected,
  fast: [{ kernels: 'dsp', types: ['int8'], specialize: fullyConnectedDsp }],
};
