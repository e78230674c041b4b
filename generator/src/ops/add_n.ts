/**
 * ADD_N (TFLM add_n.cc): the element-wise sum of two or more same-shape inputs, float32 and int8
 * (every int8 input with one scale and zero point; TFLM's CalculateOpData checks), folded when
 * every float32 input is constant.
 */
import { quantizeMultiplier } from '../quant';
import { shp } from './checks';
import { mathKernel } from './math_common';
import { FoldFn, OpDef, PrepareFn } from './types';
import { constValues, valuesBytes } from './values';
import { output, scale, unsupported, zeroPoint } from './util';

const f32 = Math.fround;

const prepareAddN: PrepareFn = (g, n) => {
  const xs = n.inputs.map((i) => g.tensors[i]);
  const y = output(g, n);
  const x0 = xs[0];
  for (const x of xs) {
    if (x.dtype !== x0.dtype || y.dtype !== x0.dtype) unsupported(g, n, `mixed input/output types (${x.dtype}, ${y.dtype})`);
    if (x.elements !== y.elements || x.shape.length !== x0.shape.length || x.shape.some((d, k) => d !== x0.shape[k])) {
      unsupported(g, n, `inputs of different shapes (${shp(x0)} and ${shp(x)})`);
    }
  }
  if (x0.dtype === 'float32') return mathKernel('add_n_f32', 'tm_add_n_params', { size: y.elements, n_inputs: xs.length });
  if (x0.dtype !== 'int8') return unsupported(g, n, `${x0.dtype} inputs`);
  for (const x of [...xs, y]) if (!x.quant) unsupported(g, n, `int8 tensor ${x.index} without quantization`);
  if (xs.some((x) => zeroPoint(x) !== zeroPoint(x0) || f32(scale(x)) !== f32(scale(x0)))) {
    unsupported(g, n, 'int8 inputs with different quantization (TFLM requires one scale and zero point)');
  }
  const leftShift = 20;
  const twiceMax = 2 * f32(scale(x0));
  const realIn = f32(scale(x0)) / twiceMax;
  const realOut = twiceMax / ((1 << leftShift) * f32(scale(y)));
  // QuantizeMultiplierSmallerThanOneExp aborts outside (0, 1).
  if (!(realOut > 0 && realOut < 1)) unsupported(g, n, `output multiplier ${realOut} (must be in (0, 1))`);
  const qi = quantizeMultiplier(realIn), qo = quantizeMultiplier(realOut);
  return mathKernel('add_n_s8', 'tm_add_n_s8_params', {
    size: y.elements, n_inputs: xs.length,
    input_offset: -zeroPoint(x0), output_offset: zeroPoint(y), left_shift: leftShift,
    input_multiplier: qi.multiplier, input_shift: qi.shift,
    output_multiplier: qo.multiplier, output_shift: qo.shift,
    act_min: -128, act_max: 127,
  });
};

/** float32: the kernel's sum from 0 in input order, rounded to float32 after each addition. */
const foldAddN: FoldFn = (g, n) => {
  const xs = n.inputs.map((i) => g.tensors[i]);
  const y = g.tensors[n.outputs[0]];
  if (y.dtype !== 'float32' || xs.some((x) => x.dtype !== 'float32' || x.elements !== y.elements)) return null;
  const vs = xs.map(constValues);
  if (vs.some((v) => !v)) return null;
  const out = new Array<number>(y.elements).fill(0).map((_, i) => vs.reduce((s, v) => f32(s + v![i]), 0));
  const bytes = valuesBytes('float32', out);
  return bytes ? [bytes] : null;
};

export const ADD_N: OpDef = {
  name: 'ADD_N',
  spec: {
    inputs: [2, 64],
    types: ['int8', 'float32'],
    check: (nd, t, out) => {
      for (let k = 0; k < nd.inputs.length; k++) {
        const x = t(k);
        if (!x || x.elements !== out.elements) return `input ${k} ${shp(x)} and output ${shp(out)} differ in size`;
      }
      return null;
    },
    macs: (nd, _t, out) => out.elements * (nd.inputs.length - 1),
  },
  prepare: prepareAddN,
  fold: foldAddN,
};
