"""Trains the magic-wand gesture model and writes model.tflite (full-integer int8).

  /work/main/.venv/bin/python examples/gesture/train.py [--streams 250] [--varied 250] [--short 1500] [--epochs 14]

Data: synthetic accelerometer streams from data.py (training seeds 0.., held-out seeds
1_000_000..), cut into 128-sample windows, labelled wing/ring/slope/none (see data.window_label),
normalized by the device's own C code (src/gesture.c through ctypes, cpipe.features). Besides the
in-hand streams, --varied streams with the device in any orientation and varied speed, and
--short recordings (a stroke with about a second of stillness around it), both padded as the
firmware pads a recording (data.make_windows_varied).
Prints the held-out accuracy of the float model and of the int8 model in TFLite's interpreter;
evaluate.py measures the C path (our generated C) on windows and on whole streams.
"""
import argparse
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402

import cpipe  # noqa: E402
import data  # noqa: E402

TRAIN_SEED0 = 0
HELDOUT_SEED0 = 1_000_000


def build_model(tf, batch_size=None):
    """batch_size=1 for export: a static batch keeps SHAPE/PACK ops out of the converted model."""
    L = tf.keras.layers
    inp = L.Input(shape=(data.WINDOW, 1, 3), batch_size=batch_size, name="accel")
    x = inp
    for filters, k in ((16, 5), (24, 5), (32, 5), (24, 3)):
        x = L.Conv2D(filters, (k, 1), padding="same", activation="relu")(x)
        x = L.MaxPooling2D((2, 1))(x)
    x = L.Flatten()(x)
    x = L.Dropout(0.25)(x)
    x = L.Dense(24, activation="relu")(x)
    x = L.Dense(len(data.LABELS), activation="softmax", name="probs")(x)
    return tf.keras.Model(inp, x, name="magic_wand")


def load_split(seed0, n_streams, hop, varied=0, short=0):
    t = time.time()
    x, y = data.make_windows(seed0, n_streams, seconds=40, hop=hop)
    if varied or short:
        xv, yv = data.make_windows_varied(seed0 + 100_000, varied, short, seconds=40, hop=hop)
        x, y = np.concatenate([x, xv]), np.concatenate([y, yv])
    f = cpipe.features(x).reshape(-1, data.WINDOW, 1, 3)
    print(f"  {len(y)} windows from {n_streams} + {varied} varied streams and {short} short recordings ({time.time() - t:.0f} s), per class "
          f"{dict(zip(data.LABELS, np.bincount(y, minlength=4).tolist()))}")
    return f, y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--streams", type=int, default=250)
    ap.add_argument("--varied", type=int, default=250)
    ap.add_argument("--short", type=int, default=1500)
    ap.add_argument("--heldout-streams", type=int, default=60)
    ap.add_argument("--epochs", type=int, default=14)
    ap.add_argument("--out", default=os.path.join(HERE, "model.tflite"))
    args = ap.parse_args()

    import tensorflow as tf
    tf.keras.utils.set_random_seed(1234)
    tf.config.experimental.enable_op_determinism()
    t0 = time.time()

    print("training data:")
    xtr, ytr = load_split(TRAIN_SEED0, args.streams, hop=3, varied=args.varied, short=args.short)
    print("held-out data:")
    xte, yte = load_split(HELDOUT_SEED0, args.heldout_streams, hop=4)
    print("held-out data, varied:")
    xtv, ytv = load_split(HELDOUT_SEED0 + 10_000, 0, hop=4, varied=20, short=200)

    counts = np.bincount(ytr, minlength=4).astype(np.float64)
    weights = {i: float(len(ytr) / (4 * counts[i])) for i in range(4)}
    model = build_model(tf)
    model.summary(print_fn=lambda s: None)
    print(f"model: {model.count_params()} parameters")
    steps = args.epochs * int(np.ceil(len(ytr) / 128))
    lr = tf.keras.optimizers.schedules.CosineDecay(3e-3, steps, alpha=0.03)
    model.compile(optimizer=tf.keras.optimizers.Adam(lr), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(xtr, ytr, batch_size=128, epochs=args.epochs, class_weight=weights, shuffle=True,
              validation_data=(xte, yte), verbose=2)
    _, acc = model.evaluate(xte, yte, verbose=0)
    _, accv = model.evaluate(xtv, ytv, verbose=0)
    print(f"held-out accuracy (float Keras model): {acc:.4f}; varied (any orientation, speed, short): {accv:.4f}")

    rng = np.random.default_rng(7)
    rep_idx = rng.choice(len(xtr), 500, replace=False)

    def representative():
        for i in rep_idx:
            yield [xtr[i:i + 1].astype(np.float32)]

    os.makedirs(os.path.join(HERE, "build"), exist_ok=True)
    model.save_weights(os.path.join(HERE, "build", "gesture.weights.h5"))
    export = build_model(tf, batch_size=1)
    export.set_weights(model.get_weights())
    conv = tf.lite.TFLiteConverter.from_keras_model(export)
    conv.optimizations = [tf.lite.Optimize.DEFAULT]
    conv.representative_dataset = representative
    conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    conv.inference_input_type = tf.int8
    conv.inference_output_type = tf.int8
    blob = conv.convert()
    with open(args.out, "wb") as f:
        f.write(blob)
    print(f"wrote {args.out} ({len(blob)} bytes)")

    interp = tf.lite.Interpreter(model_content=blob)
    interp.allocate_tensors()
    ti, to = interp.get_input_details()[0], interp.get_output_details()[0]
    s_in, z_in = ti["quantization"]
    pred = np.empty(len(yte), np.int64)
    for i in range(len(yte)):
        q = np.clip(np.round(xte[i:i + 1] / s_in) + z_in, -128, 127).astype(np.int8)
        interp.set_tensor(ti["index"], q)
        interp.invoke()
        pred[i] = int(np.argmax(interp.get_tensor(to["index"])[0]))
    acc8 = float(np.mean(pred == yte))
    print(f"held-out accuracy (int8 model, TFLite interpreter): {acc8:.4f} on {len(yte)} windows")
    cm = np.zeros((4, 4), np.int64)
    for a, b in zip(yte, pred):
        cm[a, b] += 1
    print("confusion (rows truth, cols predicted; " + " ".join(data.LABELS) + "):")
    print(cm)
    print(f"input scale {s_in:.6g} zero point {z_in}; total {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
