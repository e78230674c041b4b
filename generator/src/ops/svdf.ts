/**
 * SVDF prepare (TFLM svdf_common.cc PrepareSvdf): five inputs (input [batch, input_size],
 * feature weights [num_filters, input_size], time weights [num_filters, memory_size], optional
 * bias [num_units] (required: TFLM reads it), as TFLM reads it, the variable activation state [batch, memory_size * num_filters]), output
 * [batch, num_units] with num_units = num_filters / rank. int8: int8 feature weights, int16 time
 * weights and state (the int8-state variant is not built), int32 bias whose scale is state * time
 * weights scale, effective_scale_1 = input * feature / state and effective_scale_2 = state * time /
 * output, each a float product as TFLM computes it. float32: all float32, fused activation NONE,
 * RELU, RELU6 or RELU_N1_TO_1.
 */
import { activationRangeFloat, quantizeMultiplier } from '../quant';
import { activationField, shp } from './checks';
import { CFloat, OpDef, PrepareFn, PreparedOp } from './types';
import { input, optionalInput, output, scale, unsupported, zeroPoint } from './util';

const prepareSvdf: PrepareFn = (g, n): PreparedOp => {
  const x = input(g, n, 0);
  const wf = input(g, n, 1);
  const wt = input(g, n, 2);
  const bias = optionalInput(g, n, 3);
  const state = input(g, n, 4);
  const y = output(g, n);
  const rank = n.options.rank as number;
  // TFLM's SVDF reads the bias unconditionally (its Python interpreter crashes on a model without one).
  if (!bias) unsupported(g, n, 'no bias (TFLM requires one)');
  if (!state.isVariable) unsupported(g, n, 'an activation state (input 4) that is not a variable tensor');
  if (x.shape.length !== 2) unsupported(g, n, `input ${shp(x)} (TFLM takes [batch, input_size])`);
  if (wf.shape.length !== 2 || wt.shape.length !== 2) unsupported(g, n, `weights ${shp(wf)} and ${shp(wt)} (both must be rank 2)`);
  const [batch, inputSize] = x.shape;
  const numFilters = wf.shape[0];
  const memorySize = wt.shape[1];
  if (wf.shape[1] !== inputSize) unsupported(g, n, `feature weights ${shp(wf)} for input ${shp(x)}`);
  if (wt.shape[0] !== numFilters) unsupported(g, n, `time weights ${shp(wt)} for ${numFilters} filters`);
  if (!(rank > 0) || numFilters % rank !== 0) unsupported(g, n, `rank ${rank} with ${numFilters} filters (must divide)`);
  const numUnits = numFilters / rank;
  if (bias && (bias.shape.length !== 1 || bias.shape[0] !== numUnits)) unsupported(g, n, `bias ${shp(bias)} for ${numUnits} units`);
  if (state.shape.length !== 2 || state.shape[0] !== batch || state.shape[1] !== memorySize * numFilters) {
    unsupported(g, n, `activation state ${shp(state)} (expected [${batch},${memorySize * numFilters}])`);
  }
  if (y.shape.length !== 2 || y.shape[0] !== batch || y.shape[1] !== numUnits) unsupported(g, n, `output ${shp(y)} (expected [${batch},${numUnits}])`);
  if (!(batch > 0 && inputSize > 0 && memorySize > 0)) unsupported(g, n, 'an empty tensor');
  const base = {
    batch, input_size: inputSize, num_filters: numFilters, num_units: numUnits, rank, memory_size: memorySize,
  };
  const common = { headers: ['tinyml/kernels/svdf.h'], paramsType: 'tm_svdf_params' };
  if (x.dtype === 'int8') {
    if (wf.dtype !== 'int8') unsupported(g, n, `${wf.dtype} feature weights with int8 input`);
    if (wt.dtype !== 'int16' || state.dtype !== 'int16') unsupported(g, n, `${wt.dtype} time weights and ${state.dtype} state (int16 both are supported)`);
    if (bias.dtype !== 'int32') unsupported(g, n, `${bias.dtype} bias with int8 input`);
    if (y.dtype !== 'int8') unsupported(g, n, `${y.dtype} output with int8 input`);
    for (const t of [wf, wt, state, bias, y]) if (!t.quant) unsupported(g, n, `tensor ${t.index} (${t.name}) without quantization`);
    const f = Math.fround;
    const s1 = f(f(scale(x) * scale(wf)) / scale(state));
    const s2 = f(f(scale(state) * scale(wt)) / scale(y));
    if (!(Math.abs(scale(bias) - f(scale(state) * scale(wt))) < 1e-5)) unsupported(g, n, `bias scale ${scale(bias)} (TFLM requires state scale * time weights scale)`);
    const q1 = quantizeMultiplier(s1);
    const q2 = quantizeMultiplier(s2);
    return {
      ...common, eval: 'tm_eval_svdf_s8', sources: ['src/kernels/svdf_s8.c'],
      params: {
        ...base, input_zero_point: zeroPoint(x), output_zero_point: zeroPoint(y),
        scale_1_multiplier: q1.multiplier, scale_1_shift: q1.shift, scale_2_multiplier: q2.multiplier, scale_2_shift: q2.shift,
        act_min: new CFloat(0), act_max: new CFloat(0),
      },
      scratchBytes: 4 * batch * (numFilters + numUnits),
    };
  }
  if (x.dtype !== 'float32') unsupported(g, n, `${x.dtype} input`);
  for (const t of [wf, wt, state, y, ...(bias ? [bias] : [])]) if (t.dtype !== 'float32') unsupported(g, n, `tensor ${t.index} (${t.name}) is ${t.dtype} with float32 input`);
  const act = n.options.activation as number;
  if (![0, 1, 2, 3].includes(act)) unsupported(g, n, `fused activation ${act} (NONE, RELU, RELU_N1_TO_1, RELU6 are supported)`);
  const range = activationRangeFloat(act);
  return {
    ...common, eval: 'tm_eval_svdf_f32', sources: ['src/kernels/svdf_f32.c'],
    params: {
      ...base, input_zero_point: 0, output_zero_point: 0, scale_1_multiplier: 0, scale_1_shift: 0, scale_2_multiplier: 0, scale_2_shift: 0,
      act_min: new CFloat(range.min), act_max: new CFloat(range.max),
    },
    scratchBytes: 4 * batch * numFilters,
  };
};

export const SVDF: OpDef = {
  name: 'SVDF',
  options: {
    unionType: 6,
    fields: [{ name: 'rank', slot: 0, kind: 'i32', dflt: 0 }, activationField(1), { name: 'asymmetricQuantizeInputs', slot: 2, kind: 'bool', dflt: 0 }],
  },
  spec: {
    inputs: [5, 5], constInputs: [1, 2], optionalInputs: [3], quantInputs: [1, 2], types: ['int8', 'float32'],
    macs: (_n, t, out) => {
      const wf = t(1)!, wt = t(2)!;
      return out.shape[0] * (wf.elements + wt.elements);
    },
  },
  prepare: prepareSvdf,
};
