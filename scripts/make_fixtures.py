#!/usr/bin/env python3
"""Builds the per-op fixture models in test/fixtures/ops/ with TensorFlow (deterministic).

Each fixture is a tiny tf.function graph (weights from a seeded RNG) converted with
tf.lite.TFLiteConverter, once as a plain float32 model and once fully int8-quantized
(representative dataset from a seeded RNG). Every converted model is then loaded and run
once in TensorFlow Lite Micro (scripts/tflm_oracle.py); models TFLM cannot run are dropped.
Writes test/fixtures/ops/<name>_<dtype>.tflite and test/fixtures/ops/manifest.json.

Usage: .venv/bin/python scripts/make_fixtures.py [--out DIR] [--only SUBSTRING] [--keep-failing]
(or `npm run fixtures`). Needs requirements-train.txt: scripts/setup.sh --extra train
"""
import argparse
import importlib.util
import json
import os
import random
import struct
import sys
import zlib

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("PYTHONHASHSEED", "0")

import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REP_SAMPLES = 64

try:
    import tensorflow as tf  # noqa: E402
except Exception as e:  # pragma: no cover
    sys.stderr.write(f"make_fixtures: TensorFlow is not installed ({e}); run scripts/setup.sh --extra train\n")
    sys.exit(1)

tf.get_logger().setLevel("ERROR")


def _load_oracle():
    spec = importlib.util.spec_from_file_location("tflm_oracle", os.path.join(ROOT, "scripts", "tflm_oracle.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


oracle = _load_oracle()
schema = oracle._import_schema()
OP_NAMES = {v: k for k, v in vars(schema.BuiltinOperator).items() if not k.startswith("_") and isinstance(v, int)}
TYPE_NAMES = {v: k.lower() for k, v in vars(schema.TensorType).items() if not k.startswith("_") and isinstance(v, int)}


# ---------------------------------------------------------------------------------------------
# Fixture definitions
# ---------------------------------------------------------------------------------------------

class Fixture:
    def __init__(self, name, inputs, build, description, ranges=None, dtypes=("int8", "float32"),
                 int8_in=tf.int8, int8_out=tf.int8, dynamic_batch=False, per_tensor_dense=False, patch=None):
        self.name = name
        self.inputs = inputs            # list of shapes
        self.build = build              # build(rng) -> function(*tensors) -> tensor(s)
        self.description = description
        self.ranges = ranges or [1.0] * len(inputs)  # representative data: uniform(-r, r) per input
        self.dtypes = dtypes
        self.int8_in = int8_in
        self.int8_out = int8_out
        self.dynamic_batch = dynamic_batch        # signature batch dim None (stops SQUEEZE -> RESHAPE)
        self.per_tensor_dense = per_tensor_dense  # int8 FULLY_CONNECTED weights per-tensor
        self.patch = patch                        # patch(bytearray) edits the converted flatbuffer


FIXTURES = []


def fx(name, inputs, description, **kw):
    def deco(build):
        FIXTURES.append(Fixture(name, inputs, build, description, **kw))
        return build
    return deco


def w(rng, *shape, scale=0.5):
    return tf.constant(rng.uniform(-scale, scale, size=shape).astype(np.float32))


def conv(rng, x, kh, kw, cout, strides=(1, 1), padding="SAME", dilations=(1, 1), bias=True, act=None):
    cin = x.shape[-1]
    y = tf.nn.conv2d(x, w(rng, kh, kw, cin, cout), strides=[1, strides[0], strides[1], 1],
                     padding=padding, dilations=[1, dilations[0], dilations[1], 1])
    if bias:
        y = tf.nn.bias_add(y, w(rng, cout, scale=0.2))
    return _act(y, act)


def dwconv(rng, x, kh, kw, mult, strides=(1, 1), padding="SAME", dilations=(1, 1), bias=True, act=None):
    cin = x.shape[-1]
    y = tf.nn.depthwise_conv2d(x, w(rng, kh, kw, cin, mult), strides=[1, strides[0], strides[1], 1],
                               padding=padding, dilations=list(dilations))
    if bias:
        y = tf.nn.bias_add(y, w(rng, cin * mult, scale=0.2))
    return _act(y, act)


def _act(y, act):
    if act == "relu":
        return tf.nn.relu(y)
    if act == "relu6":
        return tf.nn.relu6(y)
    assert act is None
    return y


# CONV_2D ---------------------------------------------------------------------------------------
@fx("conv2d_3x3_s1_same", [[1, 9, 7, 3]], "CONV_2D 3x3 stride 1 SAME, 3->4 channels, bias, no activation")
def _(rng):
    return lambda x: conv(rng, x, 3, 3, 4)


@fx("conv2d_3x3_s2_valid_relu", [[1, 9, 7, 2]], "CONV_2D 3x3 stride 2 VALID, 2->5 channels, bias, fused RELU")
def _(rng):
    return lambda x: conv(rng, x, 3, 3, 5, strides=(2, 2), padding="VALID", act="relu")


@fx("conv2d_5x3_s2x1_same_relu6", [[1, 9, 7, 3]], "CONV_2D 5x3 kernel, stride (2,1) SAME, 3->4 channels, fused RELU6")
def _(rng):
    return lambda x: conv(rng, x, 5, 3, 4, strides=(2, 1), act="relu6")


@fx("conv2d_3x3_dil2_same", [[1, 9, 9, 3]], "CONV_2D 3x3 dilation 2 SAME, 3->4 channels, bias")
def _(rng):
    return lambda x: conv(rng, x, 3, 3, 4, dilations=(2, 2))


@fx("conv2d_1x1_nobias", [[1, 8, 8, 4]], "CONV_2D 1x1 stride 1, 4->6 channels, no bias in the TF graph")
def _(rng):
    return lambda x: conv(rng, x, 1, 1, 6, bias=False)


# DEPTHWISE_CONV_2D -----------------------------------------------------------------------------
@fx("dwconv_3x3_m1_same_relu6", [[1, 9, 7, 4]], "DEPTHWISE_CONV_2D 3x3 multiplier 1 stride 1 SAME, bias, fused RELU6")
def _(rng):
    return lambda x: dwconv(rng, x, 3, 3, 1, act="relu6")


@fx("dwconv_3x3_m2_valid", [[1, 8, 8, 3]], "DEPTHWISE_CONV_2D 3x3 depth multiplier 2 (3->6) stride 1 VALID, bias")
def _(rng):
    return lambda x: dwconv(rng, x, 3, 3, 2, padding="VALID")


@fx("dwconv_3x3_s2_same", [[1, 9, 7, 4]], "DEPTHWISE_CONV_2D 3x3 multiplier 1 stride 2 SAME, bias")
def _(rng):
    return lambda x: dwconv(rng, x, 3, 3, 1, strides=(2, 2))


@fx("dwconv_3x3_dil2_same_relu", [[1, 9, 9, 3]], "DEPTHWISE_CONV_2D 3x3 dilation 2 SAME, bias, fused RELU")
def _(rng):
    return lambda x: dwconv(rng, x, 3, 3, 1, dilations=(2, 2), act="relu")


# FULLY_CONNECTED -------------------------------------------------------------------------------
@fx("fc_rank2_relu", [[1, 16]], "FULLY_CONNECTED [1,16] -> [1,8], bias, fused RELU")
def _(rng):
    return lambda x: tf.nn.relu(tf.matmul(x, w(rng, 16, 8)) + w(rng, 8, scale=0.2))


@fx("fc_rank4_flatten", [[1, 4, 3, 2]], "Flatten [1,4,3,2] to [1,24] then FULLY_CONNECTED -> [1,5], bias")
def _(rng):
    return lambda x: tf.matmul(tf.reshape(x, [1, 24]), w(rng, 24, 5)) + w(rng, 5, scale=0.2)


@fx("fc_rank2_relu_pertensor", [[1, 16]], "FULLY_CONNECTED [1,16] -> [1,8], bias, fused RELU, int8 weights per-tensor "
    "(converter._experimental_disable_per_channel_quantization_for_dense_layers)", dtypes=("int8",), per_tensor_dense=True)
def _(rng):
    return lambda x: tf.nn.relu(tf.matmul(x, w(rng, 16, 8)) + w(rng, 8, scale=0.2))


@fx("fc_rank3_keepdims", [[1, 3, 8]], "Dense on a rank-3 input: einsum [1,3,8] x [8,5] + bias -> [1,3,5]")
def _(rng):
    return lambda x: tf.einsum("bsi,io->bso", x, w(rng, 8, 5)) + w(rng, 5, scale=0.2)


@fx("fc_nobias", [[1, 12]], "FULLY_CONNECTED [1,12] -> [1,6], no bias in the TF graph")
def _(rng):
    return lambda x: tf.matmul(x, w(rng, 12, 6))


# Pooling ---------------------------------------------------------------------------------------
@fx("avgpool_2x2_s2_valid", [[1, 8, 8, 3]], "AVERAGE_POOL_2D 2x2 stride 2 VALID")
def _(rng):
    return lambda x: tf.nn.avg_pool2d(x, 2, 2, "VALID")


@fx("avgpool_3x3_s1_same", [[1, 9, 7, 3]], "AVERAGE_POOL_2D 3x3 stride 1 SAME (edges average over valid elements only)")
def _(rng):
    return lambda x: tf.nn.avg_pool2d(x, 3, 1, "SAME")


@fx("avgpool_3x3_s2_same", [[1, 9, 7, 2]], "AVERAGE_POOL_2D 3x3 stride 2 SAME on an odd 9x7 input")
def _(rng):
    return lambda x: tf.nn.avg_pool2d(x, 3, 2, "SAME")


@fx("maxpool_2x2_s2_valid", [[1, 8, 8, 3]], "MAX_POOL_2D 2x2 stride 2 VALID")
def _(rng):
    return lambda x: tf.nn.max_pool2d(x, 2, 2, "VALID")


@fx("maxpool_3x3_s1_same", [[1, 9, 7, 3]], "MAX_POOL_2D 3x3 stride 1 SAME")
def _(rng):
    return lambda x: tf.nn.max_pool2d(x, 3, 1, "SAME")


@fx("maxpool_3x3_s2_same", [[1, 9, 7, 2]], "MAX_POOL_2D 3x3 stride 2 SAME on an odd 9x7 input")
def _(rng):
    return lambda x: tf.nn.max_pool2d(x, 3, 2, "SAME")


# SOFTMAX ---------------------------------------------------------------------------------------
@fx("softmax_beta1", [[1, 10]], "SOFTMAX beta 1 over 10 classes", ranges=[4.0])
def _(rng):
    return lambda x: tf.nn.softmax(x)


def _set_softmax_beta(beta):
    """Overwrite the (explicitly stored) beta of every SOFTMAX in place. TF has no softmax beta and the
    converter keeps x*beta as a separate MUL, so a beta != 1 model can only be made this way."""
    def patch(buf):
        m = schema.Model.GetRootAsModel(buf, 0)
        g = m.Subgraphs(0)
        n = 0
        for i in range(g.OperatorsLength()):
            op = g.Operators(i)
            oc = m.OperatorCodes(op.OpcodeIndex())
            if max(oc.BuiltinCode(), oc.DeprecatedBuiltinCode()) != schema.BuiltinOperator.SOFTMAX:
                continue
            tab = op.BuiltinOptions()
            opts = schema.SoftmaxOptions()
            opts.Init(tab.Bytes, tab.Pos)
            off = opts._tab.Offset(4)
            if off == 0:
                raise RuntimeError("SOFTMAX beta not stored explicitly; cannot patch in place")
            struct.pack_into("<f", buf, opts._tab.Pos + off, beta)
            n += 1
        if n == 0:
            raise RuntimeError("no SOFTMAX to patch")
    return patch


@fx("softmax_beta2", [[1, 3, 3, 5]], "SOFTMAX with beta 2.0 over the last axis of a rank-4 tensor "
    "(beta written into the converted flatbuffer; representative data was for beta 1)", ranges=[3.0],
    patch=_set_softmax_beta(2.0))
def _(rng):
    return lambda x: tf.nn.softmax(x)


@fx("softmax_scaled_rank4", [[1, 3, 3, 5]], "softmax(2*x) over the last axis of a rank-4 tensor: the converter keeps MUL then SOFTMAX beta 1", ranges=[3.0])
def _(rng):
    return lambda x: tf.nn.softmax(x * 2.0)


# Shape ops -------------------------------------------------------------------------------------
@fx("reshape", [[1, 4, 4, 3]], "RESHAPE [1,4,4,3] -> [1,6,8]")
def _(rng):
    return lambda x: tf.reshape(x, [1, 6, 8])


@fx("squeeze_as_reshape", [[1, 1, 5, 3]], "tf.squeeze axis 1 with a static shape: the converter emits RESHAPE [1,1,5,3] -> [1,5,3]")
def _(rng):
    return lambda x: tf.squeeze(x, axis=[1])


def _reshape_to_squeeze(dims):
    """The converter always turns tf.squeeze into RESHAPE (even with a dynamic batch dim), so the SQUEEZE
    fixture is the converted RESHAPE model re-expressed as SQUEEZE(squeeze_dims) with the shape input
    dropped: the same tensors and quantization, rebuilt with the flatbuffer object API. Only used on
    models without constant weights (the object API does not keep 16-byte buffer alignment)."""
    import flatbuffers

    def patch(buf):
        m = schema.ModelT.InitFromPackedBuf(bytes(buf), 0)
        g = m.subgraphs[0]
        assert len(g.operators) == 1
        op = g.operators[0]
        op.inputs, op.outputs = [int(t) for t in op.inputs], [int(t) for t in op.outputs]
        g.inputs, g.outputs = [int(t) for t in g.inputs], [int(t) for t in g.outputs]
        oc = m.operatorCodes[op.opcodeIndex]
        assert max(oc.builtinCode, oc.deprecatedBuiltinCode) == schema.BuiltinOperator.RESHAPE
        oc.builtinCode = oc.deprecatedBuiltinCode = schema.BuiltinOperator.SQUEEZE
        oc.version = 1
        shape_tensor = op.inputs[1]
        op.inputs = [op.inputs[0]]
        op.builtinOptionsType = schema.BuiltinOptions.SqueezeOptions
        op.builtinOptions = schema.SqueezeOptionsT()
        op.builtinOptions.squeezeDims = list(dims)
        # Drop the now unused shape tensor (the last tensor index is renumbered if needed).
        last = len(g.tensors) - 1
        if shape_tensor != last:
            g.tensors[shape_tensor] = g.tensors[last]
            for lst in (op.inputs, op.outputs, g.inputs, g.outputs):
                for k, t in enumerate(lst):
                    if t == last:
                        lst[k] = shape_tensor
            for sd in m.signatureDefs or []:
                for tm in (sd.inputs or []) + (sd.outputs or []):
                    if tm.tensorIndex == last:
                        tm.tensorIndex = shape_tensor
        g.tensors.pop()
        for t in g.tensors:
            t.shapeSignature = None  # static shapes only
        b = flatbuffers.Builder(1024)
        b.Finish(m.Pack(b), file_identifier=b"TFL3")
        buf[:] = b.Output()
    return patch


@fx("squeeze", [[1, 1, 5, 3]], "SQUEEZE axis 1: [1,1,5,3] -> [1,5,3] (the converter emits RESHAPE for tf.squeeze; "
    "this model is that RESHAPE rewritten as SQUEEZE squeeze_dims=[1] by make_fixtures.py)",
    patch=_reshape_to_squeeze([1]))
def _(rng):
    return lambda x: tf.squeeze(x, axis=[1])


@fx("expand_dims_as_reshape", [[1, 5, 3]], "tf.expand_dims axis 2 with a static shape: the converter emits RESHAPE [1,5,3] -> [1,5,1,3]")
def _(rng):
    return lambda x: tf.expand_dims(x, axis=2)


@fx("expand_dims", [[1, 5, 3]], "EXPAND_DIMS axis 2: [1,5,3] -> [1,5,1,3] (batch dim dynamic in the signature, -1 in shape_signature)",
    dynamic_batch=True)
def _(rng):
    return lambda x: tf.expand_dims(x, axis=2)


# Elementwise binary ----------------------------------------------------------------------------
def _binary(op_name, tf_op, act_variant):
    @fx(f"{op_name}_same_shape", [[1, 4, 4, 3], [1, 4, 4, 3]],
        f"{op_name.upper()} of two [1,4,4,3] inputs, same shape", ranges=[1.0, 2.0])
    def _(rng):
        return lambda a, b: tf_op(a, b)

    @fx(f"{op_name}_bcast_c", [[1, 4, 4, 3], [1, 1, 1, 3]],
        f"{op_name.upper()} broadcast [1,4,4,3] with a [1,1,1,3] input"
        + (", fused RELU" if act_variant == "c" else ""), ranges=[1.0, 0.5])
    def _(rng):
        if act_variant == "c":
            return lambda a, b: tf.nn.relu(tf_op(a, b))
        return lambda a, b: tf_op(a, b)

    @fx(f"{op_name}_bcast_hc", [[1, 4, 4, 3], [1, 4, 1, 3]],
        f"{op_name.upper()} broadcast [1,4,4,3] with a [1,4,1,3] input"
        + (", fused RELU6" if act_variant == "hc" else ""), ranges=[2.0, 1.0])
    def _(rng):
        if act_variant == "hc":
            return lambda a, b: tf.nn.relu6(tf_op(a, b))
        return lambda a, b: tf_op(a, b)

    @fx(f"{op_name}_const", [[1, 5, 3, 4]], f"{op_name.upper()} of an input with a constant [4] vector", ranges=[1.5])
    def _(rng):
        c = w(rng, 4, scale=1.0)
        return lambda a: tf_op(a, c)


_binary("add", tf.add, "c")
_binary("sub", tf.subtract, "hc")
_binary("mul", tf.multiply, "c")


# Quantize / dequantize ---------------------------------------------------------------------------
@fx("quantize_float_in", [[1, 6, 5]], "Float input QUANTIZE to int8, int8 ADD with a constant, int8 output",
    dtypes=("int8",), int8_in=tf.float32, int8_out=tf.int8, ranges=[2.0])
def _(rng):
    c = w(rng, 5, scale=1.0)
    return lambda a: a + c


@fx("dequantize_float_out", [[1, 6, 5]], "int8 input, int8 ADD with a constant, DEQUANTIZE to a float output",
    dtypes=("int8",), int8_in=tf.int8, int8_out=tf.float32, ranges=[2.0])
def _(rng):
    c = w(rng, 5, scale=1.0)
    return lambda a: a + c


@fx("quantize_requant", [[1, 10], [1, 10]],
    "int8 SOFTMAX (fixed output scale 1/256) concatenated with an input of another scale: "
    "the converter requantizes int8->int8 with QUANTIZE", dtypes=("int8",), ranges=[4.0, 3.0])
def _(rng):
    return lambda a, b: tf.concat([tf.nn.softmax(a), b], axis=-1)


# Activations -----------------------------------------------------------------------------------
@fx("logistic", [[1, 5, 7, 2]], "LOGISTIC (sigmoid)", ranges=[6.0])
def _(rng):
    return lambda x: tf.math.sigmoid(x)


@fx("tanh", [[1, 5, 7, 2]], "TANH", ranges=[4.0])
def _(rng):
    return lambda x: tf.math.tanh(x)


@fx("relu", [[1, 5, 7, 2]], "RELU", ranges=[2.0])
def _(rng):
    return lambda x: tf.nn.relu(x)


@fx("relu6", [[1, 5, 7, 2]], "RELU6. Note: the int8 model has different input and output quantization and TFLM's "
    "int8 RELU6 only clamps in the input's quantization (ignores the output scale/zero point), so TFLM and TFLite disagree; "
    "TFLM is the oracle", ranges=[8.0])
def _(rng):
    return lambda x: tf.nn.relu6(x)


@fx("leaky_relu", [[1, 5, 7, 2]], "LEAKY_RELU alpha 0.2", ranges=[3.0])
def _(rng):
    return lambda x: tf.nn.leaky_relu(x, alpha=0.2)


@fx("hard_swish", [[1, 5, 7, 2]], "HARD_SWISH as x * relu6(x + 3) / 6", ranges=[5.0])
def _(rng):
    return lambda x: x * tf.nn.relu6(x + 3.0) * (1.0 / 6.0)


# CONCATENATION ---------------------------------------------------------------------------------
@fx("concat_axis_last_3in", [[1, 4, 4, 2], [1, 4, 4, 3], [1, 4, 4, 1]],
    "CONCATENATION of 3 inputs on axis -1. Representative ranges differ (1, 4, 0.25) but the converter gives the "
    "int8 inputs and output one shared scale/zero point (TFLM's int8 concat is a plain copy); see quantize_requant", ranges=[1.0, 4.0, 0.25])
def _(rng):
    return lambda a, b, c: tf.concat([a, b, c], axis=-1)


@fx("concat_axis1_2in", [[1, 3, 5, 2], [1, 2, 5, 2]],
    "CONCATENATION of 2 inputs on axis 1. Representative ranges differ (2, 0.5) but the converter gives the "
    "int8 inputs and output one shared scale/zero point", ranges=[2.0, 0.5])
def _(rng):
    return lambda a, b: tf.concat([a, b], axis=1)


# PAD -------------------------------------------------------------------------------------------
@fx("pad_asym", [[1, 5, 7, 3]], "PAD with asymmetric paddings [[0,0],[1,2],[0,1],[2,0]] (zeros)", ranges=[1.0])
def _(rng):
    return lambda x: tf.pad(x, [[0, 0], [1, 2], [0, 1], [2, 0]])


@fx("pad_asym_value", [[1, 5, 7, 3]], "PAD (PADV2) with asymmetric paddings and constant value 0.5", ranges=[1.0])
def _(rng):
    return lambda x: tf.pad(x, [[0, 0], [2, 1], [1, 0], [0, 0]], constant_values=0.5)


# MEAN ------------------------------------------------------------------------------------------
@fx("mean_hw_keepdims", [[1, 5, 7, 4]], "MEAN over axes [1,2] keepdims true")
def _(rng):
    return lambda x: tf.reduce_mean(x, axis=[1, 2], keepdims=True)


@fx("mean_hw", [[1, 5, 7, 4]], "MEAN over axes [1,2] keepdims false")
def _(rng):
    return lambda x: tf.reduce_mean(x, axis=[1, 2], keepdims=False)


# STRIDED_SLICE ---------------------------------------------------------------------------------
@fx("strided_slice", [[1, 9, 7, 4]], "STRIDED_SLICE x[:, 1:8:2, :5, 1:] (begin/end masks, stride 2)")
def _(rng):
    return lambda x: x[:, 1:8:2, :5, 1:]


# TRANSPOSE -------------------------------------------------------------------------------------
@fx("transpose_rank3", [[2, 4, 6]], "TRANSPOSE rank 3, perm [2,0,1]")
def _(rng):
    return lambda x: tf.transpose(x, [2, 0, 1])


@fx("transpose_rank4", [[1, 3, 4, 5]], "TRANSPOSE rank 4, perm [0,3,1,2]")
def _(rng):
    return lambda x: tf.transpose(x, [0, 3, 1, 2])


# Element-wise math and logic ---------------------------------------------------------------
# ABS, NEG, SQUARE, SQRT, RSQRT, EXP, LOG, SIN, COS, FLOOR, CEIL, ROUND, ELU, MAXIMUM, MINIMUM, DIV,
# SQUARED_DIFFERENCE, FLOOR_DIV, FLOOR_MOD and the comparisons. Each is made float32 and int8;
# the int8 models TFLM cannot run (its EXP, LOG, SIN, ... are float-only) are dropped by the script.
# Inputs of LOG, SQRT and RSQRT go through abs(x) + 0.1 so that every output is finite. (PRELU and
# the int16, int32, int64 and bool cases the converter cannot make are built in test/ops-math.test.ts.)


def _unary(name, fn, description, rng_=2.0):
    @fx(f"math_{name}", [[1, 5, 7, 2]], description, ranges=[rng_])
    def _(rng):
        return fn


_unary("abs", tf.math.abs, "ABS")
_unary("neg", tf.math.negative, "NEG")
_unary("square", tf.math.square, "SQUARE")
_unary("exp", tf.math.exp, "EXP")
_unary("sin", tf.math.sin, "SIN", 4.0)
_unary("cos", tf.math.cos, "COS", 4.0)
_unary("floor", tf.math.floor, "FLOOR", 3.0)
_unary("ceil", tf.math.ceil, "CEIL", 3.0)
_unary("round", tf.math.round, "ROUND (halves to even)", 3.0)
_unary("elu", tf.nn.elu, "ELU", 3.0)
_unary("sqrt", lambda x: tf.math.sqrt(tf.math.abs(x) + 0.1), "SQRT of abs(x) + 0.1")
_unary("rsqrt", lambda x: tf.math.rsqrt(tf.math.abs(x) + 0.1), "RSQRT of abs(x) + 0.1")
_unary("log", lambda x: tf.math.log(tf.math.abs(x) + 0.1), "LOG of abs(x) + 0.1")


def _binary(name, fn, description, shapes=([1, 4, 4, 3], [1, 1, 1, 3]), ranges=(2.0, 1.0)):
    @fx(f"math_{name}", list(shapes), description, ranges=list(ranges))
    def _(rng):
        return fn


_binary("maximum_bcast", tf.math.maximum, "MAXIMUM broadcast [1,4,4,3] with [1,1,1,3]")
_binary("minimum_same", tf.math.minimum, "MINIMUM of two [1,4,4,3] inputs", shapes=([1, 4, 4, 3], [1, 4, 4, 3]))
_binary("squared_difference_bcast", tf.math.squared_difference, "SQUARED_DIFFERENCE broadcast [1,4,4,3] with [1,1,1,3]")
_binary("div", lambda a, b: a / (tf.math.abs(b) + 0.5), "DIV by abs(b) + 0.5 (broadcast [1,4,4,3] by [1,1,1,3])")
_binary("floor_div", lambda a, b: tf.math.floordiv(a, tf.math.abs(b) + 0.5), "FLOOR_DIV by abs(b) + 0.5")
_binary("floor_mod", lambda a, b: tf.math.floormod(a, tf.math.abs(b) + 0.5), "FLOOR_MOD by abs(b) + 0.5")


def _compare(name, fn):
    @fx(f"math_{name}", [[1, 4, 4, 3], [1, 1, 1, 3]], f"{name.upper()} broadcast [1,4,4,3] with [1,1,1,3], bool output",
        ranges=[1.0, 0.5])
    def _(rng):
        return fn


_compare("equal", tf.math.equal)
_compare("not_equal", tf.math.not_equal)
_compare("greater", tf.math.greater)
_compare("greater_equal", tf.math.greater_equal)
_compare("less", tf.math.less)
_compare("less_equal", tf.math.less_equal)
# SUM, REDUCE_MAX, REDUCE_MIN ------------------------------------------------------------------
@fx("sum_hw_keepdims", [[1, 5, 7, 4]], "SUM over axes [1,2] keepdims true")
def _(rng):
    return lambda x: tf.reduce_sum(x, axis=[1, 2], keepdims=True)


@fx("sum_last", [[2, 6, 5]], "SUM over the last axis, keepdims false", ranges=[2.0])
def _(rng):
    return lambda x: tf.reduce_sum(x, axis=[-1])


@fx("reduce_max_c", [[1, 5, 7, 4]], "REDUCE_MAX over axis 3 keepdims false", ranges=[2.0])
def _(rng):
    return lambda x: tf.reduce_max(x, axis=[3])


@fx("reduce_max_hw_keepdims", [[1, 5, 7, 4]], "REDUCE_MAX over axes [1,2] keepdims true")
def _(rng):
    return lambda x: tf.reduce_max(x, axis=[1, 2], keepdims=True)


@fx("reduce_min_axis0_2", [[3, 4, 5]], "REDUCE_MIN over axes [0,2] keepdims false", ranges=[2.0])
def _(rng):
    return lambda x: tf.reduce_min(x, axis=[0, 2])


# Data movement (SPLIT, SPLIT_V, UNPACK, SLICE, GATHER, GATHER_ND, SPACE_TO_DEPTH, DEPTH_TO_SPACE,
# REVERSE_V2, BROADCAST_TO, MIRROR_PAD, SPACE_TO_BATCH_ND, BATCH_TO_SPACE_ND) -------------------
@fx("move_split", [[1, 6, 4]], "SPLIT into 3 on axis 1: three outputs")
def _(rng):
    return lambda x: tf.split(x, 3, axis=1)


@fx("move_split_v", [[2, 3, 6]], "SPLIT_V sizes [1,3,2] on axis -1: three outputs")
def _(rng):
    return lambda x: tf.split(x, [1, 3, 2], axis=-1)


@fx("move_unpack", [[2, 3, 4]], "UNPACK (tf.unstack) on axis 1: three [2,4] outputs")
def _(rng):
    return lambda x: tf.unstack(x, axis=1)


@fx("move_slice", [[1, 5, 7, 3]], "SLICE begin [0,1,2,0] size [1,3,4,2]")
def _(rng):
    return lambda x: tf.slice(x, [0, 1, 2, 0], [1, 3, 4, 2])


@fx("move_gather", [[2, 5, 3]], "GATHER positions [3,0,2,2] on axis 1")
def _(rng):
    return lambda x: tf.gather(x, [3, 0, 2, 2], axis=1)


@fx("move_gather_nd", [[4, 3, 5]], "GATHER_ND indices [[1,2],[0,0],[3,1]]")
def _(rng):
    return lambda x: tf.gather_nd(x, [[1, 2], [0, 0], [3, 1]])


@fx("move_space_to_depth", [[1, 4, 6, 3]], "SPACE_TO_DEPTH block 2")
def _(rng):
    return lambda x: tf.nn.space_to_depth(x, 2)


@fx("move_depth_to_space", [[1, 2, 3, 8]], "DEPTH_TO_SPACE block 2")
def _(rng):
    return lambda x: tf.nn.depth_to_space(x, 2)


@fx("move_reverse", [[1, 4, 5, 3]], "REVERSE_V2 on axis 2")
def _(rng):
    return lambda x: tf.reverse(x, [2])


@fx("move_broadcast_to", [[1, 4, 1]], "BROADCAST_TO [2,4,3]")
def _(rng):
    return lambda x: tf.broadcast_to(x, [2, 4, 3])


@fx("move_mirror_pad", [[1, 5, 6, 2]], "MIRROR_PAD REFLECT [[0,0],[2,1],[1,2],[0,0]]")
def _(rng):
    return lambda x: tf.pad(x, [[0, 0], [2, 1], [1, 2], [0, 0]], mode="REFLECT")


@fx("move_mirror_pad_symmetric", [[1, 4, 3, 2]], "MIRROR_PAD SYMMETRIC [[0,0],[1,3],[2,0],[0,0]]")
def _(rng):
    return lambda x: tf.pad(x, [[0, 0], [1, 3], [2, 0], [0, 0]], mode="SYMMETRIC")


@fx("move_space_to_batch", [[1, 4, 4, 3]], "SPACE_TO_BATCH_ND block [2,2] paddings [[1,1],[0,2]]")
def _(rng):
    return lambda x: tf.space_to_batch(x, [2, 2], [[1, 1], [0, 2]])


@fx("move_batch_to_space", [[4, 3, 3, 2]], "BATCH_TO_SPACE_ND block [2,2] crops [[0,1],[1,0]]")
def _(rng):
    return lambda x: tf.batch_to_space(x, [2, 2], [[0, 1], [1, 0]])


# TRANSPOSE_CONV --------------------------------------------------------------------------------
@fx("transpose_conv_3x3_s2_same", [[1, 4, 5, 3]], "TRANSPOSE_CONV 3x3 stride 2 SAME, 3->4 channels, bias")
def _(rng):
    wt = w(rng, 3, 3, 4, 3)
    b = w(rng, 4, scale=0.2)
    return lambda x: tf.nn.bias_add(tf.nn.conv2d_transpose(x, wt, [1, 8, 10, 4], strides=2, padding="SAME"), b)


@fx("transpose_conv_2x2_s2_valid_relu", [[1, 3, 3, 2]], "TRANSPOSE_CONV 2x2 stride 2 VALID, 2->5 channels, bias, RELU")
def _(rng):
    wt = w(rng, 2, 2, 5, 2)
    b = w(rng, 5, scale=0.2)
    return lambda x: tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d_transpose(x, wt, [1, 6, 6, 5], strides=2, padding="VALID"), b))


@fx("transpose_conv_4x3_s1x2_nobias", [[2, 3, 4, 3]], "TRANSPOSE_CONV 4x3 stride 1x2 SAME, 3->2 channels, no bias, batch 2")
def _(rng):
    wt = w(rng, 4, 3, 2, 3)
    return lambda x: tf.nn.conv2d_transpose(x, wt, [2, 3, 8, 2], strides=[1, 2], padding="SAME")


# RESIZE_NEAREST_NEIGHBOR, RESIZE_BILINEAR -----------------------------------------------------
def _resize(method, size, align=False, half=False):
    def build(rng):
        if method == "nearest":
            return lambda x: tf.compat.v1.image.resize_nearest_neighbor(x, size, align_corners=align, half_pixel_centers=half)
        return lambda x: tf.compat.v1.image.resize_bilinear(x, size, align_corners=align, half_pixel_centers=half)
    return build


for _m, _op in (("nearest", "RESIZE_NEAREST_NEIGHBOR"), ("bilinear", "RESIZE_BILINEAR")):
    fx(f"resize_{_m}_up", [[1, 4, 5, 3]], f"{_op} [4,5] -> [9,7]")(_resize(_m, [9, 7]))
    fx(f"resize_{_m}_down_align", [[1, 7, 6, 2]], f"{_op} [7,6] -> [3,4], align_corners")(_resize(_m, [3, 4], align=True))
    fx(f"resize_{_m}_half_pixel", [[2, 3, 5, 2]], f"{_op} [3,5] -> [7,8], half_pixel_centers, batch 2")(
        _resize(_m, [7, 8], half=True))


# BATCH_MATMUL ----------------------------------------------------------------------------------
@fx("batch_matmul_rank3", [[2, 4, 5], [2, 5, 3]], "BATCH_MATMUL of two inputs [2,4,5] x [2,5,3]", ranges=[1.0, 2.0])
def _(rng):
    return lambda a, b: tf.matmul(a, b)


@fx("batch_matmul_adj_bcast", [[3, 1, 6, 4], [2, 3, 6]], "BATCH_MATMUL adj_x adj_y, batch dims [3,1] x [2] broadcast",
    ranges=[1.0, 1.5])
def _(rng):
    return lambda a, b: tf.matmul(a, b, transpose_a=True, transpose_b=True)


# ARG_MAX, ARG_MIN ------------------------------------------------------------------------------
@fx("arg_max_last", [[1, 5, 7, 6]], "ARG_MAX over the last axis, int32 output")
def _(rng):
    return lambda x: tf.math.argmax(x, axis=-1, output_type=tf.int32)


@fx("arg_min_axis1", [[2, 6, 5]], "ARG_MIN over axis 1, int32 output")
def _(rng):
    return lambda x: tf.math.argmin(x, axis=1, output_type=tf.int32)


# L2_NORMALIZATION ------------------------------------------------------------------------------
@fx("l2norm_last", [[1, 4, 5, 6]], "L2_NORMALIZATION over the last axis", ranges=[2.0])
def _(rng):
    return lambda x: tf.math.l2_normalize(x, axis=-1)


@fx("l2norm_rank2", [[3, 10]], "L2_NORMALIZATION of a [3,10] input (an asymmetric range: non-zero zero point)",
    ranges=[1.0])
def _(rng):
    return lambda x: tf.math.l2_normalize(x + 0.4, axis=-1)


# CUMSUM ----------------------------------------------------------------------------------------
@fx("cumsum_axis1", [[2, 6, 3]], "CUMSUM along axis 1")
def _(rng):
    return lambda x: tf.math.cumsum(x, axis=1)


@fx("cumsum_last_exclusive_reverse", [[1, 4, 7]], "CUMSUM along the last axis, exclusive and reverse", ranges=[2.0])
def _(rng):
    return lambda x: tf.math.cumsum(x + 0.3, axis=-1, exclusive=True, reverse=True)


# LOG_SOFTMAX -----------------------------------------------------------------------------------
@fx("log_softmax_last", [[2, 10]], "LOG_SOFTMAX over the last axis", ranges=[4.0])
def _(rng):
    return lambda x: tf.nn.log_softmax(x)


@fx("log_softmax_rank4", [[1, 3, 4, 7]], "LOG_SOFTMAX of a [1,3,4,7] input (an asymmetric input range)", ranges=[2.0])
def _(rng):
    return lambda x: tf.nn.log_softmax(x * 3.0 + 1.0)


# ---------------------------------------------------------------------------------------------
# Conversion, inspection and the TFLM check
# ---------------------------------------------------------------------------------------------

def _seed(name):
    return zlib.crc32(name.encode("utf-8")) & 0x7FFFFFFF


def convert(f, dtype):
    seed = _seed(f.name)
    rng = np.random.default_rng(seed)
    tf.random.set_seed(seed)
    body = f.build(rng)
    sig = [tf.TensorSpec([None] + list(s[1:]) if f.dynamic_batch else s, tf.float32, name=f"in{i}")
           for i, s in enumerate(f.inputs)]
    module = tf.Module()
    module.fn = tf.function(lambda *xs: body(*xs), input_signature=sig)
    cf = module.fn.get_concrete_function()
    conv_ = tf.lite.TFLiteConverter.from_concrete_functions([cf], module)
    if dtype == "int8":
        def rep():
            data_rng = np.random.default_rng(seed + 1)
            for _ in range(REP_SAMPLES):
                yield [data_rng.uniform(-r, r, size=s).astype(np.float32) for s, r in zip(f.inputs, f.ranges)]

        conv_.optimizations = [tf.lite.Optimize.DEFAULT]
        conv_.representative_dataset = rep
        conv_.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        conv_.inference_input_type = f.int8_in
        conv_.inference_output_type = f.int8_out
        if f.per_tensor_dense:
            conv_._experimental_disable_per_channel_quantization_for_dense_layers = True
    data = bytearray(conv_.convert())
    if f.patch is not None:
        f.patch(data)
    return bytes(data)


def inspect(data):
    m = schema.Model.GetRootAsModel(data, 0)
    g = m.Subgraphs(0)
    ops = []
    for i in range(g.OperatorsLength()):
        op = g.Operators(i)
        oc = m.OperatorCodes(op.OpcodeIndex())
        code = max(oc.BuiltinCode(), oc.DeprecatedBuiltinCode())
        ops.append(OP_NAMES.get(code, f"CODE_{code}"))

    def tinfo(idx):
        t = g.Tensors(idx)
        return {"shape": [int(v) for v in t.ShapeAsNumpy()] if t.ShapeLength() else [],
                "dtype": TYPE_NAMES.get(t.Type(), str(t.Type()))}

    ins = [tinfo(g.Inputs(i)) for i in range(g.InputsLength())]
    outs = [tinfo(g.Outputs(i)) for i in range(g.OutputsLength())]
    return ops, ins, outs


def tflm_check(path):
    """Load in TFLM, feed seeded random input, invoke once. Returns None if OK, else the error."""
    try:
        model = oracle.Model(path)
        rng = np.random.default_rng(_seed(path))
        for i, d in enumerate(model.inputs):
            if d["_np"].kind == "f":
                arr = rng.uniform(-1, 1, size=d["shape"]).astype(d["_np"])
            else:
                info = np.iinfo(d["_np"])
                arr = rng.integers(info.min, info.max + 1, size=d["shape"]).astype(d["_np"])
            model.set_input(i, arr.tobytes())
        model.invoke()
        for o in range(len(model.outputs)):
            out = np.frombuffer(model.get_output(o), dtype=model.outputs[o]["_np"])
            if out.dtype.kind == "f" and not np.all(np.isfinite(out)):
                return "non-finite output"
        return None
    except Exception as e:  # OracleError or anything unexpected
        return oracle._one_line(e)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "test", "fixtures", "ops"))
    ap.add_argument("--only", default=None, help="build only fixtures whose name contains this")
    ap.add_argument("--keep-failing", action="store_true", help="keep models TFLM cannot run (tflmOk false)")
    args = ap.parse_args()

    random.seed(0)
    np.random.seed(0)
    os.makedirs(args.out, exist_ok=True)
    manifest, dropped = [], []
    for f in FIXTURES:
        if args.only and args.only not in f.name:
            continue
        for dtype in f.dtypes:
            fname = f"{f.name}_{dtype}.tflite"
            path = os.path.join(args.out, fname)
            try:
                data = convert(f, dtype)
            except Exception as e:
                dropped.append((fname, f"conversion failed: {oracle._one_line(e)[:300]}"))
                print(f"DROP {fname}: conversion failed", file=sys.stderr)
                continue
            with open(path, "wb") as fh:
                fh.write(data)
            ops, ins, outs = inspect(data)
            err = tflm_check(path)
            status = "ok" if err is None else f"TFLM FAILED: {err}"
            print(f"{fname:44s} {len(data):6d} B  {' '.join(ops):40s} {status}", file=sys.stderr)
            if err is not None and not args.keep_failing:
                os.remove(path)
                dropped.append((fname, err))
                continue
            manifest.append({
                "file": fname,
                "dtype": dtype,
                "ops": ops,
                "description": f.description,
                "inputs": ins,
                "outputs": outs,
                "tflmOk": err is None,
            })
    if args.only is None:
        with open(os.path.join(args.out, "manifest.json"), "w") as fh:
            fh.write("[\n" + ",\n".join("  " + json.dumps(e) for e in manifest) + "\n]\n")
        print(f"wrote {len(manifest)} fixtures and manifest.json to {os.path.relpath(args.out, ROOT)}", file=sys.stderr)
    else:
        print(f"--only given: manifest.json not rewritten ({len(manifest)} fixtures built)", file=sys.stderr)
    for fname, why in dropped:
        print(f"dropped {fname}: {why}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
