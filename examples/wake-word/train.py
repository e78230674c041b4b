#!/usr/bin/env python3
"""Trains the wake-word model on data/dataset.npz (made by data.py), converts it to a full-int8
TFLite model (model.tflite) and prints the held-out accuracy of the int8 model in TFLite's Python
interpreter, on features computed by the C front end and quantized by its fe_quantize.

    .venv/bin/python examples/wake-word/train.py [--epochs 50] [--arch g]

Model (arch g, the default; ~19 k parameters, ~0.73 M MACs): input int8 [1, 49, 40, 1] ->
  CONV_2D 16x(10x4) stride 2, ReLU -> DEPTHWISE_CONV_2D 3x3, ReLU -> CONV_2D 1x1 24, ReLU ->
  DEPTHWISE_CONV_2D 3x3 stride 2, ReLU -> CONV_2D 1x1 32, ReLU -> RESHAPE ->
  FULLY_CONNECTED 4 -> SOFTMAX
(batch norm is folded into the convolutions by the converter; dropout exists only in training).
The other --arch values are the smaller and larger variants compared in README.md.
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wwlib  # noqa: E402
from wwlib import CHANNELS, FRAMES, LABELS  # noqa: E402


def build_model(tf, arch='b', batch_size=None):
    L = tf.keras.layers

    def conv_bn(x, filters, kernel, strides=(1, 1)):
        x = L.Conv2D(filters, kernel, strides=strides, padding='same', use_bias=False)(x)
        return L.ReLU()(L.BatchNormalization()(x))

    def dw_bn(x, strides):
        x = L.DepthwiseConv2D((3, 3), strides=strides, padding='same', use_bias=False)(x)
        return L.ReLU()(L.BatchNormalization()(x))

    inp = L.Input((FRAMES, CHANNELS, 1), batch_size=batch_size, name='features')
    if arch == 'a':
        x = conv_bn(inp, 8, (10, 8), (2, 2))
        x = conv_bn(dw_bn(x, (2, 2)), 32, (1, 1))
    elif arch == 'b':
        x = conv_bn(inp, 8, (10, 8), (2, 2))
        x = conv_bn(dw_bn(x, (2, 2)), 32, (1, 1))
        x = conv_bn(dw_bn(x, (2, 2)), 64, (1, 1))
    elif arch == 'c':
        x = conv_bn(inp, 12, (10, 8), (2, 2))
        x = conv_bn(dw_bn(x, (1, 1)), 24, (1, 1))
        x = conv_bn(dw_bn(x, (2, 2)), 32, (1, 1))
        x = conv_bn(dw_bn(x, (2, 2)), 64, (1, 1))
    elif arch == 'd':
        x = conv_bn(inp, 16, (10, 4), (2, 2))
        x = conv_bn(dw_bn(x, (2, 2)), 32, (1, 1))
    elif arch == 'e':
        x = conv_bn(inp, 8, (10, 8), (2, 2))
        x = conv_bn(dw_bn(x, (1, 1)), 16, (1, 1))
        x = conv_bn(dw_bn(x, (2, 2)), 32, (1, 1))
    elif arch == 'f':
        x = conv_bn(inp, 16, (10, 4), (2, 2))
        x = conv_bn(dw_bn(x, (1, 1)), 16, (1, 1))
        x = conv_bn(dw_bn(x, (2, 2)), 32, (1, 1))
    elif arch == 'g':
        x = conv_bn(inp, 16, (10, 4), (2, 2))
        x = conv_bn(dw_bn(x, (1, 1)), 24, (1, 1))
        x = conv_bn(dw_bn(x, (2, 2)), 32, (1, 1))
    x = L.Flatten()(x)
    x = L.Dropout(0.3)(x)
    out = L.Dense(len(LABELS), activation='softmax', name='scores')(x)
    return tf.keras.Model(inp, out, name='wake_word')


def augment(tf, x, y):
    """SpecAugment-style masking: one random band of up to 6 channels and one span of up to 6
    frames set to 0 (the noise floor) in half the batches' examples."""
    b = tf.shape(x)[0]
    f0 = tf.random.uniform([b, 1, 1, 1], 0, CHANNELS, dtype=tf.int32)
    fw = tf.random.uniform([b, 1, 1, 1], 0, 7, dtype=tf.int32)
    t0 = tf.random.uniform([b, 1, 1, 1], 0, FRAMES, dtype=tf.int32)
    tw = tf.random.uniform([b, 1, 1, 1], 0, 7, dtype=tf.int32)
    ch = tf.reshape(tf.range(CHANNELS), [1, 1, CHANNELS, 1])
    fr = tf.reshape(tf.range(FRAMES), [1, FRAMES, 1, 1])
    mask = ((ch >= f0) & (ch < f0 + fw)) | ((fr >= t0) & (fr < t0 + tw))
    use = tf.random.uniform([b, 1, 1, 1]) < 0.5
    return tf.where(mask & use, tf.zeros_like(x), x), y


def convert(tf, model, x_rep):
    def rep():
        for i in range(len(x_rep)):
            yield [x_rep[i:i + 1]]
    conv = tf.lite.TFLiteConverter.from_keras_model(model)
    conv.optimizations = [tf.lite.Optimize.DEFAULT]
    conv.representative_dataset = rep
    conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    conv.inference_input_type = tf.int8
    conv.inference_output_type = tf.int8
    return conv.convert()


def int8_predict(tf, tflite_bytes, feats):
    """Scores (int8) of the int8 model on float features, quantized by the C fe_quantize."""
    it = tf.lite.Interpreter(model_content=tflite_bytes, num_threads=2)
    it.allocate_tensors()
    inp, out = it.get_input_details()[0], it.get_output_details()[0]
    scale, zp = inp['quantization']
    q = wwlib.quantize(feats, scale, zp).reshape(len(feats), FRAMES, CHANNELS, 1)
    res = np.zeros((len(feats), len(LABELS)), dtype=np.int8)
    for i in range(len(feats)):
        it.set_tensor(inp['index'], q[i:i + 1])
        it.invoke()
        res[i] = it.get_tensor(out['index'])[0]
    return res


def report(name, y, pred):
    acc = float((pred == y).mean())
    cm = np.zeros((len(LABELS), len(LABELS)), dtype=int)
    for a, b in zip(y, pred):
        cm[a, b] += 1
    print(f'{name}: accuracy {acc * 100:.2f}% on {len(y)} clips')
    print('  confusion (rows true, columns predicted): ' + ' '.join(f'{l:>8}' for l in LABELS))
    for i, l in enumerate(LABELS):
        print(f'  {l:>40} ' + ' '.join(f'{v:8d}' for v in cm[i]))
    return acc, cm


def analyze(d, y, pred):
    """Test accuracy by SNR and the words most often misclassified."""
    if 'snr_test' not in d:
        return
    snr, words = d['snr_test'], d['word_test']
    parts = []
    for lo, hi, name in ((-2, 0, 'noise only'), (0, 10, '0-10 dB'), (10, 20, '10-20 dB'), (20, 40, '20-40 dB'),
                         (40, 100, 'clean')):
        m = (snr >= lo) & (snr < hi)
        if m.any():
            parts.append(f'{name} {float((pred[m] == y[m]).mean()) * 100:.1f}% ({int(m.sum())})')
    print('  test accuracy by SNR: ' + ', '.join(parts))
    wrong = {}
    for w, a, b in zip(words, y, pred):
        if a != b:
            wrong[w] = wrong.get(w, 0) + 1
    total = {w: int((words == w).sum()) for w in wrong}
    worst = sorted(wrong.items(), key=lambda kv: -kv[1])[:12]
    print('  most misclassified words: ' + ', '.join(f'{w or "(noise)"} {n}/{total[w]}' for w, n in worst))
    if 'voice_test' in d:
        variants = np.array([v.split('+')[1] if '+' in v else '' for v in d['voice_test']])
        acc = sorted((float((pred[variants == v] == y[variants == v]).mean()), v) for v in set(variants) if v)
        print('  test accuracy by voice variant: ' + ', '.join(f'{v or "default"} {a * 100:.0f}%' for a, v in acc))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=os.path.join(wwlib.DATA, 'dataset.npz'))
    ap.add_argument('--epochs', type=int, default=50)
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--arch', default='g')
    ap.add_argument('--out', default=os.path.join(wwlib.HERE, 'model.tflite'))
    args = ap.parse_args()

    import tensorflow as tf
    tf.keras.utils.set_random_seed(args.seed)
    tf.config.experimental.enable_op_determinism()
    tf.config.threading.set_inter_op_parallelism_threads(1)
    tf.config.threading.set_intra_op_parallelism_threads(2)

    d = np.load(args.data)
    x_tr, y_tr = d['x_train'].astype(np.float32)[..., None], d['y_train'].astype(np.int32)
    x_va, y_va = d['x_val'].astype(np.float32)[..., None], d['y_val'].astype(np.int32)
    x_te, y_te = d['x_test'].astype(np.float32), d['y_test'].astype(np.int32)
    print(f'train {len(y_tr)}, val {len(y_va)}, test {len(y_te)} clips')

    model = build_model(tf, args.arch)
    model.summary(print_fn=lambda s: print(s) if 'params' in s.lower() else None)
    steps = (len(y_tr) + args.batch - 1) // args.batch
    lr = tf.keras.optimizers.schedules.CosineDecay(2e-3, args.epochs * steps, alpha=0.02)
    model.compile(optimizer=tf.keras.optimizers.Adam(lr), loss='sparse_categorical_crossentropy',
                  metrics=['accuracy'])
    ds = (tf.data.Dataset.from_tensor_slices((x_tr, y_tr)).shuffle(len(y_tr), seed=args.seed)
          .batch(args.batch).map(lambda x, y: augment(tf, x, y)).prefetch(2))
    t0 = time.time()
    model.fit(ds, epochs=args.epochs, validation_data=(x_va, y_va), verbose=2)
    train_s = time.time() - t0
    print(f'training took {train_s:.0f} s')

    float_pred = model.predict(x_te[..., None], verbose=0).argmax(axis=1)
    report('float model, test (unseen voices)', y_te, float_pred)

    rng = np.random.default_rng(args.seed)
    rep_idx = rng.choice(len(y_tr), 600, replace=False)
    # Converted with a fixed batch of 1, so Flatten becomes one RESHAPE with a constant shape.
    export = build_model(tf, args.arch, batch_size=1)
    export.set_weights(model.get_weights())
    tfl = convert(tf, export, x_tr[rep_idx])
    with open(args.out, 'wb') as f:
        f.write(tfl)
    print(f'wrote {os.path.relpath(args.out)} ({len(tfl)} bytes)')

    va_acc, _ = report('int8 model, validation', y_va, int8_predict(tf, tfl, x_va[..., 0]).argmax(axis=1))
    te_pred = int8_predict(tf, tfl, x_te).argmax(axis=1)
    te_acc, cm = report('int8 model, test (unseen voices)', y_te, te_pred)
    analyze(d, y_te, te_pred)
    with open(os.path.join(wwlib.BUILD, 'train_report.json'), 'w') as f:
        json.dump({'int8_val_accuracy': va_acc, 'int8_test_accuracy': te_acc, 'confusion': cm.tolist(),
                   'labels': LABELS, 'train_seconds': round(train_s), 'epochs': args.epochs,
                   'model_bytes': len(tfl)}, f, indent=1)


if __name__ == '__main__':
    main()
