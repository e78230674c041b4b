"""Trains the person-detection model (MobileNet v1, width 0.25, 96x96x1, from scratch) on
rendered scenes and writes model.tflite (full-integer int8).

  /work/main/.venv/bin/python examples/person-detection/train.py [--train 12000] [--epochs-small 30] [--epochs 4]

Every training image went through the device's C pre-processing (dataset.py). Training is
progressive: phase 1 trains the same network on the images shrunk to 48x48 (four times cheaper)
with a high learning rate, phase 2 continues at 96x96 on the device's images. Prints the held-out
accuracy of the float model and of the int8 model in TFLite's interpreter; evaluate.py measures
the C path (the device's decoder + our generated C + the post-processing).
"""
import argparse
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402

import dataset  # noqa: E402

MEAN, STD = 128.0, 128.0  # as PD_INPUT_MEAN / PD_INPUT_STD in src/pd_image.h


def to_input(x):
    return ((x.astype(np.float32) - MEAN) / STD)[..., None]


def build_model(tf, batch_size=None, size=96):
    """Keras' MobileNet v1 at alpha 0.25 with 2 classes (0 = no person, 1 = person). A static
    batch of 1 for export keeps shape ops out of the converted model."""
    inp = tf.keras.Input(shape=(size, size, 1), batch_size=batch_size, name="image")
    return tf.keras.applications.MobileNet(input_tensor=inp, alpha=0.25, weights=None, classes=2, dropout=0.1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", type=int, default=12000)
    ap.add_argument("--heldout", type=int, default=1000)
    ap.add_argument("--epochs-small", type=int, default=30, help="phase 1 epochs (48x48)")
    ap.add_argument("--epochs", type=int, default=4, help="phase 2 epochs (96x96)")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--out", default=os.path.join(HERE, "model.tflite"))
    args = ap.parse_args()
    t0 = time.time()

    print("data (rendered, BMP-encoded, pre-processed by the device's C):")
    xtr, ytr = dataset.load("train", args.train)
    xte, yte = dataset.load("heldout", args.heldout)
    print(f"  train {len(ytr)} ({int(ytr.sum())} with a person), held-out {len(yte)} ({int(yte.sum())})")

    import tensorflow as tf
    tf.keras.utils.set_random_seed(1234)
    tf.config.experimental.enable_op_determinism()

    def augment_fn(size):
        pad = size // 12

        def augment(x, y):
            # mirror, shift by up to 1/12 of the side (edge pixels mirrored), brightness, contrast
            x = tf.image.random_flip_left_right(x)
            x = tf.pad(x[None], [[0, 0], [pad, pad], [pad, pad], [0, 0]], mode="SYMMETRIC")[0]
            x = tf.image.random_crop(x, (size, size, 1))
            x = x * tf.random.uniform((), 0.75, 1.25) + tf.random.uniform((), -0.2, 0.2)
            return tf.clip_by_value(x, -1.0, 127.0 / 128.0), y
        return augment

    def fit(model, x, y, xv, epochs, peak_lr, warmup):
        steps = epochs * int(np.ceil(len(y) / args.batch))
        lr = tf.keras.optimizers.schedules.CosineDecay(0.0 if warmup else peak_lr, steps, alpha=0.02,
                                                       warmup_target=peak_lr if warmup else None,
                                                       warmup_steps=steps // 20 if warmup else 0)
        model.compile(optimizer=tf.keras.optimizers.Adam(lr), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        ds = (tf.data.Dataset.from_tensor_slices((x, y))
              .shuffle(len(y), seed=11, reshuffle_each_iteration=True)
              .map(augment_fn(x.shape[1]), num_parallel_calls=1, deterministic=True)
              .batch(args.batch).prefetch(2))
        model.fit(ds, epochs=epochs, validation_data=(xv, yte), verbose=2)

    xtr_f, xte_f = to_input(xtr), to_input(xte)
    # Phase 1 (progressive resizing): the same network (all convolutions, global pooling) on the
    # images shrunk to 48x48 -- four times cheaper per step -- with a high learning rate.
    small = build_model(tf, size=48)
    print(f"model: {small.count_params()} parameters")
    shrink = lambda x: tf.image.resize(x, (48, 48), method="area").numpy()  # noqa: E731
    t1 = time.time()
    print(f"phase 1: {args.epochs_small} epochs at 48x48")
    fit(small, shrink(xtr_f), ytr, shrink(xte_f), args.epochs_small, 3e-2, warmup=True)
    print(f"  {time.time() - t1:.0f} s")
    # Phase 2: the 96x96 model starts from those weights and trains on the device's images.
    model = build_model(tf)
    model.set_weights(small.get_weights())
    t1 = time.time()
    print(f"phase 2: {args.epochs} epochs at 96x96")
    fit(model, xtr_f, ytr, xte_f, args.epochs, 3e-3, warmup=False)
    print(f"  {time.time() - t1:.0f} s")
    _, acc = model.evaluate(xte_f, yte, verbose=0)
    print(f"held-out accuracy (float Keras model): {acc:.4f}")

    os.makedirs(os.path.join(HERE, "build"), exist_ok=True)
    model.save_weights(os.path.join(HERE, "build", "person.weights.h5"))
    export = build_model(tf, batch_size=1)
    export.set_weights(model.get_weights())
    rng = np.random.default_rng(3)
    rep = rng.choice(len(xtr), 300, replace=False)

    def representative():
        for i in rep:
            yield [to_input(xtr[i:i + 1])]

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
        q = np.clip(np.round(xte_f[i:i + 1] / s_in) + z_in, -128, 127).astype(np.int8)
        interp.set_tensor(ti["index"], q)
        interp.invoke()
        pred[i] = int(np.argmax(interp.get_tensor(to["index"])[0]))
    acc8 = float(np.mean(pred == yte))
    tp = int(np.sum((pred == 1) & (yte == 1)))
    fp = int(np.sum((pred == 1) & (yte == 0)))
    fn = int(np.sum((pred == 0) & (yte == 1)))
    print(f"held-out accuracy (int8 model, TFLite interpreter): {acc8:.4f} on {len(yte)} images "
          f"(person recall {tp / max(1, tp + fn):.4f}, false positives {fp} of {int(np.sum(yte == 0))})")
    print(f"input scale {s_in:.6g} zero point {z_in}; total {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
