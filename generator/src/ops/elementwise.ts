/**
 * ADD, SUB and MUL prepare (TFLM CalculateOpDataAdd / CalculateOpDataSub / CalculateOpDataMul),
 * with the broadcast walk precomputed for up to 5-D shapes.
 */
import type { Graph, Node, Tensor } from '../graph';
import { activationRangeFloat, activationRangeQuantized, quantizeMultiplier } from '../quant';
import { activationField, binarySpec } from './checks';
import { addDsp } from './dsp/add';
import { CFloat, CStruct, FoldFn, OpDef, PrepareFn, PreparedOp } from './types';
import { constValues, fieldNumbers, valuesBytes, wrapInt } from './values';
import { extendShape, input, output, scale, unsupported, zeroPoint } from './util';

const MAX_DIMS = 5;

/** The tm_broadcast struct: output shape and per-input element strides (0 where broadcast). */
export function broadcastParams(g: Graph, n: Node, a: Tensor, b: Tensor, y: Tensor): CStruct {
  const rank = Math.max(a.shape.length, b.shape.length, y.shape.length);
  if (rank > MAX_DIMS) unsupported(g, n, `${rank}-D broadcasting (at most ${MAX_DIMS}-D)`);
  const dims = extendShape(y.shape, MAX_DIMS);
  const strides = (t: Tensor): number[] => {
    const s = extendShape(t.shape, MAX_DIMS);
    const out = new Array<number>(MAX_DIMS).fill(0);
    let step = 1;
    for (let d = MAX_DIMS - 1; d >= 0; d--) {
      if (s[d] === dims[d]) out[d] = dims[d] === 1 ? 0 : step;
      else if (s[d] === 1) out[d] = 0;
      else unsupported(g, n, `input [${t.shape.join(',')}] that does not broadcast to [${y.shape.join(',')}]`);
      step *= s[d];
    }
    return out;
  };
  const s1 = strides(a), s2 = strides(b);
  const broadcast = a.elements === y.elements && b.elements === y.elements ? 0 : 1;
  return { size: y.elements, broadcast, dims, strides1: s1, strides2: s2 };
}

/**
 * The input the output may overwrite: a computed input with exactly the output's elements,
 * preferring one that no later op reads (the planner makes the final call).
 */
function inPlaceInput(g: Graph, n: Node, a: Tensor, b: Tensor, y: Tensor): number | undefined {
  const fits = (t: Tensor) => !t.data && t.elements === y.elements && t.bytes === y.bytes;
  const readLater = (t: Tensor) => g.outputs.includes(t.index) || g.nodes.some((m) => m.index > n.index && m.inputs.includes(t.index));
  const candidates = [a, b].map((t, k) => ({ t, k })).filter(({ t }) => fits(t));
  return (candidates.find(({ t }) => !readLater(t)) ?? candidates[0])?.k;
}

type Kind = 'add' | 'sub' | 'mul';

/** TFLM QuantizeMultiplierSmallerThanOneExp, refusing what TFLM would abort on. */
function smallerThanOne(g: Graph, n: Node, what: string, real: number): { multiplier: number; shift: number } {
  if (!(real > 0 && real < 1)) unsupported(g, n, `${what} multiplier ${real} (must be in (0, 1))`);
  return quantizeMultiplier(real);
}

/**
 * ADD and SUB (TFLM CalculateOpDataAdd / CalculateOpDataSub, double arithmetic): input
 * multipliers relative to twice the larger input scale, output multiplier relative to
 * 2^left_shift. (Some TFLM sources compute SUB's in float; the tflite-micro build we verify
 * against uses double for both, which exhaustive tests over all input pairs confirm.)
 */
function addSubQuant(g: Graph, n: Node, a: Tensor, b: Tensor, y: Tensor): CStruct {
  const leftShift = 20;
  const s1 = scale(a), s2 = scale(b), so = scale(y);
  const twiceMax = 2 * Math.max(s1, s2);
  const q1 = smallerThanOne(g, n, 'input 1', s1 / twiceMax);
  const q2 = smallerThanOne(g, n, 'input 2', s2 / twiceMax);
  const qo = smallerThanOne(g, n, 'output', twiceMax / ((1 << leftShift) * so));
  return {
    input1_offset: -zeroPoint(a), input2_offset: -zeroPoint(b), output_offset: zeroPoint(y),
    left_shift: leftShift,
    input1_multiplier: q1.multiplier, input1_shift: q1.shift,
    input2_multiplier: q2.multiplier, input2_shift: q2.shift,
    output_multiplier: qo.multiplier, output_shift: qo.shift,
  };
}

function elementwisePrepare(kind: Kind): PrepareFn {
  return (g, n): PreparedOp => {
    const a = input(g, n, 0);
    const b = input(g, n, 1);
    const y = output(g, n);
    if (a.dtype !== b.dtype || a.dtype !== y.dtype) unsupported(g, n, `${a.dtype} and ${b.dtype} inputs with a ${y.dtype} output`);
    const bc = broadcastParams(g, n, a, b, y);
    const act = n.options.activation as number;
    const header = 'tinyml/kernels/elementwise.h';
    const inPlace = inPlaceInput(g, n, a, b, y);
    if (a.dtype === 'int8') {
      const range = activationRangeQuantized(act, scale(y), zeroPoint(y));
      let q: CStruct;
      if (kind === 'mul') {
        const qm = quantizeMultiplier((scale(a) * scale(b)) / scale(y));
        q = {
          input1_offset: -zeroPoint(a), input2_offset: -zeroPoint(b), output_offset: zeroPoint(y),
          output_multiplier: qm.multiplier, output_shift: qm.shift,
        };
      } else {
        q = addSubQuant(g, n, a, b, y);
      }
      return {
        eval: `tm_eval_${kind}_s8`,
        headers: [header],
        sources: [`src/kernels/${kind}_s8.c`],
        paramsType: kind === 'mul' ? 'tm_mul_s8_params' : 'tm_add_sub_s8_params',
        params: { bc, ...q, act_min: range.min, act_max: range.max },
        scratchBytes: 0,
        ...(inPlace !== undefined ? { inPlaceInput: inPlace } : {}),
      };
    }
    if (a.dtype === 'float32') {
      const range = activationRangeFloat(act);
      return {
        eval: `tm_eval_${kind}_f32`,
        headers: [header],
        sources: [`src/kernels/${kind}_f32.c`],
        paramsType: 'tm_elementwise_f32_params',
        params: { bc, act_min: new CFloat(range.min), act_max: new CFloat(range.max) },
        scratchBytes: 0,
        ...(inPlace !== undefined ? { inPlaceInput: inPlace } : {}),
      };
    }
    return unsupported(g, n, `${a.dtype} input`);
  };
}

/**
 * Constant float32 or int32 inputs (shape arithmetic, mostly): the kernel's arithmetic, done
 * here. float32: one IEEE operation per element (a double result rounded once to float32 is the
 * float32 result for +, - and *), then the activation clamp. int32: two's complement, no
 * activation. Quantized types are left to the kernel.
 */
function elementwiseFold(kind: Kind): FoldFn {
  const op = kind === 'add' ? (x: number, y: number) => x + y : kind === 'sub' ? (x: number, y: number) => x - y : null;
  return (g, n) => {
    const [a, b] = [0, 1].map((k) => g.tensors[n.inputs[k]]);
    const y = g.tensors[n.outputs[0]];
    if (!a || !b || !y || a.dtype !== y.dtype || b.dtype !== y.dtype || (y.dtype !== 'float32' && y.dtype !== 'int32')) return null;
    const va = constValues(a), vb = constValues(b);
    if (!va || !vb) return null;
    const act = (n.options.activation as number | undefined) ?? 0;
    if (y.dtype === 'int32' && act !== 0) return null;
    const bc = broadcastParams(g, n, a, b, y);
    const dims = fieldNumbers(bc.dims), s1 = fieldNumbers(bc.strides1), s2 = fieldNumbers(bc.strides2);
    const range = activationRangeFloat(act);
    const out: number[] = [];
    for (let i0 = 0; i0 < dims[0]; i0++)
      for (let i1 = 0; i1 < dims[1]; i1++)
        for (let i2 = 0; i2 < dims[2]; i2++)
          for (let i3 = 0; i3 < dims[3]; i3++)
            for (let i4 = 0; i4 < dims[4]; i4++) {
              const x = va[i0 * s1[0] + i1 * s1[1] + i2 * s1[2] + i3 * s1[3] + i4 * s1[4]];
              const z = vb[i0 * s2[0] + i1 * s2[1] + i2 * s2[2] + i3 * s2[3] + i4 * s2[4]];
              if (y.dtype === 'int32') out.push(op ? wrapInt('int32', op(x, z)) : Math.imul(x, z));
              else out.push(Math.min(Math.max(Math.fround(op ? op(x, z) : x * z), range.min), range.max));
            }
    const bytes = valuesBytes(y.dtype, out);
    return bytes ? [bytes] : null;
  };
}

const addSubOptions = (unionType: number) => ({
  unionType,
  fields: [activationField(0), { name: 'potScaleInt16', slot: 1, kind: 'bool' as const, dflt: 1 }],
});

export const ADD: OpDef = {
  name: 'ADD', options: addSubOptions(11), spec: binarySpec, prepare: elementwisePrepare('add'), fold: elementwiseFold('add'),
  fast: [{ kernels: 'dsp', types: ['int8'], specialize: addDsp }],
};
export const SUB: OpDef = { name: 'SUB', options: addSubOptions(28), spec: binarySpec, prepare: elementwisePrepare('sub'), fold: elementwiseFold('sub') };
export const MUL: OpDef = { name: 'MUL', options: { unionType: 21, fields: [activationField(0)] }, spec: binarySpec, prepare: elementwisePrepare('mul'), fold: elementwiseFold('mul') };
