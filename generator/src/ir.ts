/**
 * The graph IR: the main subgraph of a model as tensors and nodes, with options decoded and
 * constant data attached. Built from a RawModel by buildGraph(); checked by validateGraph() (ops/validate.ts).
 */
import * as path from 'path';
import { TinymlError } from './errors';
import { DTYPE_BYTES, RawModel, builtinName, tensorTypeName } from './tflite';
import { decodeOptions } from './options';

export type { FoldedNode, Graph, Node, Quant, Tensor } from './graph';
import type { Graph, Node, Quant, Tensor } from './graph';

export function cIdentifier(s: string): string {
  let id = s.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(id)) id = `m_${id}`;
  return id;
}

export function product(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Builds the IR of subgraph 0, checking every index it follows. Errors are one line:
 * `<label>: operator 7 (CONV_2D): input 2 is tensor 412, but the subgraph has 96 tensors`.
 */
export function buildGraph(raw: RawModel, label: string): Graph {
  const fileLabel = path.basename(label);
  if (raw.subgraphs.length === 0) throw new TinymlError(`${fileLabel}: the model has no subgraphs`);
  const sg = raw.subgraphs[0];
  const nT = sg.tensors.length;
  const tensors: Tensor[] = sg.tensors.map((t, i) => {
    const dtype = tensorTypeName(t.type);
    for (const d of t.shape) {
      if (d < 0) throw new TinymlError(`${fileLabel}: tensor ${i} (${t.name}) has a dynamic shape [${t.shape.join(',')}]; only static shapes are supported`);
    }
    const elements = product(t.shape);
    if (!Number.isSafeInteger(elements) || elements > 2 ** 31) {
      throw new TinymlError(`${fileLabel}: tensor ${i} (${t.name}) has an implausible shape [${t.shape.join(',')}]`);
    }
    const elemBytes = DTYPE_BYTES[dtype] ?? 0;
    if (t.buffer >= raw.buffers.length && t.buffer !== 0) {
      throw new TinymlError(`${fileLabel}: tensor ${i} (${t.name}) uses buffer ${t.buffer}, but the model has ${raw.buffers.length} buffers`);
    }
    // A variable tensor is state kept across invocations, not a constant: TFLM allocates it in
    // its persistent arena and resets it (int8 to its zero point, else to zeros) without reading
    // its buffer (ResetVariableTensors), so its data is not kept here either.
    const data = t.isVariable ? null : raw.buffers[t.buffer]?.data ?? null;
    if (t.hasSparsity) throw new TinymlError(`${fileLabel}: tensor ${i} (${t.name}) is sparse; sparse tensors are not supported`);
    if (data && elemBytes > 0 && data.length !== elements * elemBytes) {
      throw new TinymlError(`${fileLabel}: tensor ${i} (${t.name}) has ${data.length} bytes of data, but its shape [${t.shape.join(',')}] of ${dtype} needs ${elements * elemBytes}`);
    }
    let quant: Quant | null = null;
    if (t.quantization && t.quantization.scale.length > 0) {
      const q = t.quantization;
      if (q.hasDetails) throw new TinymlError(`${fileLabel}: tensor ${i} (${t.name}) uses custom quantization details, which are not supported`);
      if (q.zeroPoint.length !== 0 && q.zeroPoint.length !== q.scale.length) {
        throw new TinymlError(`${fileLabel}: tensor ${i} (${t.name}) has ${q.scale.length} scales but ${q.zeroPoint.length} zero points`);
      }
      // Per-channel scales on a dimension the tensor lacks are kept as they are, not refused:
      // TFLM checks per-channel quantization only where a kernel uses it (a conv or FC filter,
      // checked by its prepare) and ignores it elsewhere, e.g. on the rank-1 bias of TFLM's own
      // person_detect model, whose bias scale the kernel computes itself.
      quant = {
        scale: q.scale,
        zeroPoint: q.zeroPoint.length ? q.zeroPoint : q.scale.map(() => 0),
        axis: q.quantizedDimension,
      };
    }
    return {
      index: i, name: t.name, dtype, shape: t.shape, elements, bytes: elements * elemBytes,
      data, quant, isVariable: t.isVariable,
    };
  });
  const checkTensorList = (list: number[], where: string, allowAbsent: boolean) => {
    list.forEach((ti, k) => {
      if (ti === -1 && allowAbsent) return;
      if (ti < 0 || ti >= nT) {
        throw new TinymlError(`${fileLabel}: ${where}: ${k} is tensor ${ti}, but the subgraph has ${nT} tensors`);
      }
    });
  };
  checkTensorList(sg.inputs, 'subgraph input', false);
  checkTensorList(sg.outputs, 'subgraph output', false);
  const nodes: Node[] = sg.operators.map((o, i) => {
    if (o.opcodeIndex >= raw.operatorCodes.length) {
      throw new TinymlError(`${fileLabel}: operator ${i}: opcode index ${o.opcodeIndex}, but the model has ${raw.operatorCodes.length} operator codes`);
    }
    const oc = raw.operatorCodes[o.opcodeIndex];
    const op = oc.code === 32 ? `CUSTOM:${oc.customCode ?? '?'}` : builtinName(oc.code);
    const where = `operator ${i} (${op})`;
    checkTensorList(o.inputs, `${where}: input`, true);
    checkTensorList(o.outputs, `${where}: output`, false);
    let options: Record<string, number | boolean | number[]>;
    try {
      options = decodeOptions(op, o.builtinOptionsType, o.builtinOptions);
    } catch (e) {
      throw new TinymlError(`${fileLabel}: ${where}: ${(e as Error).message}`);
    }
    return { index: i, op, code: oc.code, version: oc.version, inputs: o.inputs, outputs: o.outputs, options };
  });
  const base = path.basename(label).replace(/\.tflite$/i, '');
  return { label: fileLabel, name: cIdentifier(base), tensors, nodes, inputs: sg.inputs, outputs: sg.outputs, raw, folded: [] };
}
