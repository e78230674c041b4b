"""Synthetic magic-wand accelerometer data: continuous 3-axis streams with gestures at known times.

A stream is synthesized at 100 Hz and box-filtered down to 25 Hz (what an accelerometer with a
low-pass filter, read at 25 Hz, delivers). Units are g (1 g = 9.81 m/s^2), device frame:
x along the wand (pointing forward), y to the left, z up out of the board.

Gestures are drawn in the vertical plane in front of the user (u to the right, v up):
  wing   a "W", left to right
  ring   a circle started at the top, clockwise (a quarter of them anticlockwise)
  slope  a diagonal from top right down to bottom left, then a horizontal line to the right
The hand both translates the wand (its acceleration) and rotates it to point at the drawn
point (which changes how gravity projects onto the axes); the mix, the size, the speed and the
corners' timing vary. The device sits in the hand at a random base tilt (pitch, roll, yaw), with
sensor bias, gain error, noise and tremor. "none" is everything else: holding still, slow drift,
random strokes and curves, half shapes, shakes, flicks and wrist turns.

Variation for real wands (make_stream's `varied=True`): the device in ANY orientation (a uniform
random 3-D rotation instead of the in-hand tilt), gestures drawn 0.6-1.7 times as fast or slow,
and short recordings (`short_stream`: about a second of stillness, one stroke or a non-gesture,
about a second of stillness), padded like the firmware pads them (`pad_like_device`).

Everything is deterministic given a seed. Used by train.py (windows) and make_test_input.py /
evaluate.py (streams written as CSV: t_ms,ax,ay,az).
"""
import numpy as np

LABELS = ["wing", "ring", "slope", "none"]
NONE = 3
RATE = 25            # Hz, the device's sample rate
HI = 100             # Hz, synthesis rate
DEC = HI // RATE
G = 9.81
WINDOW = 128         # samples (5.12 s)
HOP = 8              # samples between inferences on the device
# A window is labelled with a gesture when the whole gesture lies inside it and it ended at most
# POS_MAX_END samples before the window's last sample; windows whose gesture ended between
# POS_MAX_END and NONE_MIN_END samples ago, or is almost (>= 1 - MIN_REMAINING) complete, are
# ambiguous and left out of training; otherwise (no gesture, or long ago, or just begun) "none".
POS_MAX_END = 50     # 2.0 s
NONE_MIN_END = 70    # 2.8 s
MIN_REMAINING = 0.3


def rot_x(a):
    c, s = np.cos(a), np.sin(a)
    z, o = np.zeros_like(a), np.ones_like(a)
    return np.stack([np.stack([o, z, z], -1), np.stack([z, c, -s], -1), np.stack([z, s, c], -1)], -2)


def rot_y(a):
    c, s = np.cos(a), np.sin(a)
    z, o = np.zeros_like(a), np.ones_like(a)
    return np.stack([np.stack([c, z, s], -1), np.stack([z, o, z], -1), np.stack([-s, z, c], -1)], -2)


def rot_z(a):
    c, s = np.cos(a), np.sin(a)
    z, o = np.zeros_like(a), np.ones_like(a)
    return np.stack([np.stack([c, -s, z], -1), np.stack([s, c, z], -1), np.stack([z, z, o], -1)], -2)


def min_jerk(tau):
    tau = np.clip(tau, 0.0, 1.0)
    return tau ** 3 * (10 - 15 * tau + 6 * tau ** 2)


def smooth_noise(rng, n, cutoff_samples, amp):
    """Band-limited noise: random values every cutoff_samples, cubic-ish interpolation."""
    k = max(2, int(n / cutoff_samples) + 3)
    knots = rng.normal(0, amp, size=k)
    x = np.linspace(0, k - 1, n)
    # cosine interpolation between the knots
    i = np.floor(x).astype(int)
    i = np.minimum(i, k - 2)
    f = x - i
    w = (1 - np.cos(np.pi * f)) / 2
    return knots[i] * (1 - w) + knots[i + 1] * w


def polyline_path(rng, pts, n):
    """Min-jerk motion along a polyline, with per-corner pauses. Returns (n, 2)."""
    pts = np.asarray(pts, float)
    seg = np.linalg.norm(np.diff(pts, axis=0), axis=1)
    dur = seg ** 0.6 * rng.uniform(0.8, 1.25, len(seg))
    pause = rng.uniform(0.0, 0.25, len(seg) - 1) * dur.mean()
    total = dur.sum() + pause.sum()
    t = np.linspace(0, total, n)
    out = np.zeros((n, 2))
    out[:] = pts[0]
    t0 = 0.0
    for k in range(len(seg)):
        tau = (t - t0) / dur[k]
        s = min_jerk(tau)[:, None]
        mask = t >= t0
        out[mask] = (pts[k] + (pts[k + 1] - pts[k]) * s)[mask]
        t0 += dur[k] + (pause[k] if k < len(pause) else 0.0)
    return out


def shape_path(rng, label, n):
    """A gesture's path in the drawing plane, roughly in [-0.5, 0.5]^2, n points."""
    j = lambda: rng.normal(0, 0.06, 2)
    if label == 0:  # wing: W
        mid = rng.uniform(0.45, 0.95)
        pts = [(0, 1), (0.25, 0), (0.5, mid), (0.75, 0), (1, 1)]
        pts = [np.array(p) + j() for p in pts]
        p = polyline_path(rng, pts, n)
    elif label == 1:  # ring
        direction = -1.0 if rng.random() < 0.75 else 1.0
        turns = rng.uniform(0.92, 1.12)
        phi0 = np.pi / 2 + rng.normal(0, 0.3)
        s = min_jerk(np.linspace(0, 1, n))
        # constant-speed middle with smooth start/stop
        s = 0.6 * s + 0.4 * np.linspace(0, 1, n)
        phi = phi0 + direction * 2 * np.pi * turns * s
        aspect = rng.uniform(0.75, 1.3)
        p = np.stack([0.5 + 0.5 * np.cos(phi) * aspect, 0.5 + 0.5 * np.sin(phi)], -1)
    elif label == 2:  # slope: down-left diagonal then horizontal right
        pts = [(1, 1), (0, 0), (rng.uniform(0.8, 1.2), 0)]
        pts = [np.array(p) + j() for p in pts]
        p = polyline_path(rng, pts, n)
    else:
        raise ValueError(label)
    p = p - 0.5
    # small smooth wobble of the hand
    p += np.stack([smooth_noise(rng, n, n / 4, 0.025), smooth_noise(rng, n, n / 4, 0.025)], -1)
    # slight rotation/shear of the drawing
    a = rng.normal(0, 0.12)
    r = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    return p @ r.T


def confuser_path(rng, n):
    """A non-gesture deliberate motion in the drawing plane (n points), roughly unit-sized."""
    kind = rng.integers(0, 6)
    if kind == 0:  # single straight stroke
        a, b = rng.uniform(-0.5, 0.5, 2), rng.uniform(-0.5, 0.5, 2)
        return polyline_path(rng, [a, b], n)
    if kind == 1:  # random polyline of 2-3 segments
        pts = rng.uniform(-0.5, 0.5, (rng.integers(3, 5), 2))
        return polyline_path(rng, pts, n)
    if kind == 2:  # arc (half circle or less)
        span = rng.uniform(0.5, 1.2) * np.pi * rng.choice([-1, 1])
        phi = rng.uniform(0, 2 * np.pi) + span * min_jerk(np.linspace(0, 1, n))
        return 0.5 * np.stack([np.cos(phi), np.sin(phi)], -1)
    if kind == 3:  # half a W: a V
        pts = [(0, 1), (0.25, 0), (0.5, 1)]
        return polyline_path(rng, [np.array(p) - 0.5 + rng.normal(0, 0.06, 2) for p in pts], n)
    if kind == 4:  # wavy random curve
        return np.stack([smooth_noise(rng, n, n / 3, 0.35), smooth_noise(rng, n, n / 3, 0.35)], -1)
    # zig-zag back and forth (scrubbing)
    k = rng.integers(2, 5)
    t = np.linspace(0, 1, n)
    ang = rng.uniform(0, np.pi)
    x = 0.4 * np.sin(2 * np.pi * k * t)
    return np.stack([x * np.cos(ang), x * np.sin(ang)], -1)


class StreamBuilder:
    """Builds one stream: a sequence of events (gestures, confusers, special motions) on idle."""

    def __init__(self, rng, vrng=None):
        self.rng = rng
        self.vrng = vrng  # varied streams: orientation and speed (its own generator: the others' draws stay as they were)
        self.plane = []    # (n_hi, 2) drawing-plane positions in metres (before the hand model)
        self.extra_rot = []  # (n_hi, 3) extra orientation angles (yaw, pitch, roll) for flicks etc.
        self.extra_acc = []  # (n_hi, 3) extra world acceleration (m/s^2), e.g. shakes
        self.events = []   # (label, start_hi, end_hi)
        self.n = 0

    def _append(self, plane, rot=None, acc=None):
        n = len(plane)
        self.plane.append(plane)
        self.extra_rot.append(np.zeros((n, 3)) if rot is None else rot)
        self.extra_acc.append(np.zeros((n, 3)) if acc is None else acc)
        self.n += n

    def idle(self, seconds):
        n = max(1, int(seconds * HI))
        last = self.plane[-1][-1] if self.plane else np.zeros(2)
        drift = np.stack([smooth_noise(self.rng, n, HI * 1.5, 0.01), smooth_noise(self.rng, n, HI * 1.5, 0.01)], -1)
        drift -= drift[0]
        # the hand drifts back towards its rest position
        target = self.rng.normal(0, 0.04, 2)
        back = min_jerk(np.linspace(0, 1, n) * self.rng.uniform(1.0, 2.5))[:, None]
        self._append(last + (target - last) * back + drift)

    def gesture(self, label):
        rng = self.rng
        dur = rng.uniform(0.9, 2.2) if label != 2 else rng.uniform(0.8, 1.8)
        if self.vrng is not None:
            dur = float(np.clip(dur * np.exp(self.vrng.uniform(np.log(0.6), np.log(1.7))), 0.5, 3.2))
        n = int(dur * HI)
        size = rng.uniform(0.2, 0.5)
        p = shape_path(rng, label, n) * size
        last = self.plane[-1][-1] if self.plane else np.zeros(2)
        start = self.n
        self._append(last + p - p[0])
        self.events.append((label, start, self.n))

    def confuser(self):
        rng = self.rng
        kind = rng.integers(0, 4)
        last = self.plane[-1][-1] if self.plane else np.zeros(2)
        if kind <= 1:  # a deliberate non-gesture stroke
            n = int(rng.uniform(0.6, 2.6) * HI)
            p = confuser_path(rng, n) * rng.uniform(0.12, 0.55)
            self._append(last + p - p[0])
        elif kind == 2:  # shake: fast oscillation along a random axis
            n = int(rng.uniform(0.4, 1.5) * HI)
            f = rng.uniform(3, 7)
            amp = rng.uniform(3, 15)  # m/s^2
            ax = rng.normal(size=3)
            ax /= np.linalg.norm(ax)
            t = np.arange(n) / HI
            env = np.sin(np.pi * t / t[-1]) ** 2
            acc = (amp * env * np.sin(2 * np.pi * f * t))[:, None] * ax
            self._append(np.repeat(last[None], n, 0), acc=acc)
        else:  # flick / wrist turn / tilt: an orientation change, held a while, and back
            n = int(rng.uniform(0.5, 3.0) * HI)
            ang = rng.normal(0, 0.6, 3)
            t = np.linspace(0, 1, n)
            hold = rng.uniform(0.0, 0.6)
            up = (1 - hold) / 2
            prof = np.where(t < up, min_jerk(t / up), np.where(t > 1 - up, min_jerk((1 - t) / up), 1.0))
            self._append(np.repeat(last[None], n, 0), rot=prof[:, None] * ang)

    def render(self, rate=RATE):
        """Returns (acc (n, 3) in g at `rate` Hz (a divisor of 100), events in samples of that
        rate as (label, start, end))."""
        rng = self.rng
        plane = np.concatenate(self.plane)
        xrot = np.concatenate(self.extra_rot)
        xacc = np.concatenate(self.extra_acc)
        n = len(plane)
        # hand model
        alpha = rng.uniform(0.15, 1.0)       # how much of the drawing is translation
        beta = rng.uniform(0.5, 1.0)         # how much is rotation (pointing)
        lever = rng.uniform(0.5, 0.8)       # metres from the wrist/elbow pivot to the drawn point
        u, v = plane[:, 0], plane[:, 1]
        pos = np.stack([np.zeros(n), -u, v], -1) * alpha
        # acceleration by second differences (m/s^2), then a light smoothing
        acc = np.zeros_like(pos)
        acc[1:-1] = (pos[2:] - 2 * pos[1:-1] + pos[:-2]) * HI * HI
        k = np.ones(5) / 5
        acc = np.stack([np.convolve(acc[:, i], k, mode="same") for i in range(3)], -1)
        acc += xacc
        # small random translation jitter
        acc += np.stack([smooth_noise(rng, n, HI / 3, 0.15) for _ in range(3)], -1)
        yaw = -beta * u / lever + xrot[:, 0]
        pitch = beta * v / lever + xrot[:, 1]
        roll = xrot[:, 2] + smooth_noise(rng, n, HI * 2, 0.05)
        # slow drift of the holding orientation
        yaw = yaw + smooth_noise(rng, n, HI * 3, 0.06)
        pitch = pitch + smooth_noise(rng, n, HI * 3, 0.06)
        r_motion = rot_z(yaw) @ rot_y(-pitch) @ rot_x(roll)
        base = rot_z(np.array(rng.normal(0, 0.25))) @ rot_y(np.array(rng.uniform(-0.6, 0.6))) @ \
            rot_x(np.array(rng.uniform(-0.8, 0.8)))
        if self.vrng is not None:
            base = random_rotation(self.vrng)
        r = r_motion @ base
        f_world = acc + np.array([0.0, 0.0, G])
        f_dev = np.einsum("nji,nj->ni", r, f_world) / G
        # tremor (8-12 Hz), sensor noise, bias and gain
        t = np.arange(n) / HI
        trem_f = rng.uniform(8, 12)
        f_dev += rng.uniform(0.0, 0.02) * np.sin(2 * np.pi * trem_f * t + rng.uniform(0, 6.3))[:, None] * \
            rng.normal(size=3)
        f_dev = f_dev * rng.uniform(0.95, 1.05, 3) + rng.normal(0, 0.03, 3)
        f_dev += rng.normal(0, rng.uniform(0.003, 0.02), f_dev.shape)
        # box filter + decimate to the sample rate
        dec = HI // rate
        m = n // dec
        out = f_dev[: m * dec].reshape(m, dec, 3).mean(1)
        out += rng.normal(0, 0.004, out.shape)
        events = [(lab, s // dec, (e + dec - 1) // dec) for lab, s, e in self.events]
        return out.astype(np.float32), events


def random_rotation(rng):
    """A uniformly random 3-D rotation (a random unit quaternion)."""
    q = rng.normal(size=4)
    w, x, y, z = q / np.linalg.norm(q)
    return np.array([[1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
                     [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
                     [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)]])


def make_stream(seed, seconds, p_gesture=0.6, gap=(0.8, 4.0), labels=(0, 1, 2), lead=(0.5, 3.0), varied=False):
    """A stream of about `seconds`, returning (acc25 (n,3) float32 in g, events [(label, s, e)]).
    It starts with `lead` (a range, in seconds) of holding still. varied: any device orientation
    and a wider range of speeds (see the module's doc)."""
    rng = np.random.default_rng(seed)
    b = StreamBuilder(rng, np.random.default_rng([seed, 7]) if varied else None)
    b.idle(rng.uniform(*lead))
    while b.n < seconds * HI:
        if rng.random() < p_gesture:
            b.gesture(int(rng.choice(labels)))
        else:
            b.confuser()
        b.idle(rng.uniform(*gap))
    return b.render()


TAIL = 62  # samples the firmware adds after a recording ends (APP_TAIL_MS 2500 / 40 ms)


def short_stream(seed, label=None):
    """A short recording: 0.6-1.6 s of stillness, one gesture (label 0-2; None: random, a quarter
    of them a non-gesture instead), 0.6-1.6 s of stillness; any orientation, varied speed."""
    rng = np.random.default_rng(seed)
    b = StreamBuilder(rng, np.random.default_rng([seed, 7]))
    b.idle(rng.uniform(0.6, 1.6))
    if label is None:
        label = int(rng.integers(0, 4))
    if label == NONE:
        b.confuser()
    else:
        b.gesture(label)
    b.idle(rng.uniform(0.6, 1.6))
    return b.render()


def pad_like_device(acc, events):
    """What the firmware's ring sees: the first sample fills the window before the recording and
    the last one is held for TAIL samples after it."""
    acc = np.concatenate([np.repeat(acc[:1], WINDOW - 1, 0), acc, np.repeat(acc[-1:], TAIL, 0)])
    return acc, [(lab, s + WINDOW - 1, e + WINDOW - 1) for lab, s, e in events]


def make_windows_varied(seed0, n_streams, n_short, seconds=40, hop=2):
    """Windows of n_streams varied streams (padded like the device) and n_short short recordings
    (padded, every hop-th window)."""
    xs, ys = [], []
    for i in range(n_streams):
        acc, events = pad_like_device(*make_stream(seed0 + i, seconds, varied=True))
        x, y = stream_windows(acc, events, hop)
        xs.append(x)
        ys.append(y)
    for i in range(n_short):
        acc, events = pad_like_device(*short_stream(seed0 + 500_000 + i))
        x, y = stream_windows(acc, events, hop)
        xs.append(x)
        ys.append(y)
    return np.concatenate(xs), np.concatenate(ys)


def window_label(w0, events, window=WINDOW):
    """Label of the window [w0, w0+window): 0..2 gesture, 3 none, -1 ambiguous."""
    w1 = w0 + window
    label = NONE
    for lab, s, e in events:
        if e <= w0 or s >= w1:
            continue  # no overlap
        since_end = w1 - e
        length = e - s
        if s >= w0 and 0 <= since_end <= POS_MAX_END:
            if label != NONE:
                return -1
            label = lab
        elif s >= w0 and POS_MAX_END < since_end < NONE_MIN_END:
            return -1
        elif since_end < 0 and (-since_end) / length < MIN_REMAINING:
            return -1  # almost finished
    return label


def stream_windows(acc, events, hop=2):
    """All labelled windows of a stream: (x (k, WINDOW, 3), y (k,))."""
    xs, ys = [], []
    for w0 in range(0, len(acc) - WINDOW + 1, hop):
        lab = window_label(w0, events)
        if lab < 0:
            continue
        xs.append(acc[w0:w0 + WINDOW])
        ys.append(lab)
    if not xs:
        return np.zeros((0, WINDOW, 3), np.float32), np.zeros((0,), np.int64)
    return np.stack(xs), np.array(ys)


def make_windows(seed0, n_streams, seconds=40, hop=2):
    xs, ys = [], []
    for i in range(n_streams):
        acc, events = make_stream(seed0 + i, seconds)
        x, y = stream_windows(acc, events, hop)
        xs.append(x)
        ys.append(y)
    if not xs:
        return np.zeros((0, WINDOW, 3), np.float32), np.zeros((0,), np.int64)
    return np.concatenate(xs), np.concatenate(ys)


def write_csv(path, acc, t0_ms=0, rate=RATE):
    with open(path, "w") as f:
        f.write("t_ms,ax,ay,az\n")
        for i, (ax, ay, az) in enumerate(acc):
            f.write(f"{t0_ms + round(i * 1000 / rate)},{ax:.3f},{ay:.3f},{az:.3f}\n")


def events_json(events, rate=RATE, t0_ms=0):
    return [{"label": LABELS[lab], "startMs": t0_ms + round(s * 1000 / rate), "endMs": t0_ms + round(e * 1000 / rate)}
            for lab, s, e in events]


if __name__ == "__main__":
    x, y = make_windows(0, 4)
    print(x.shape, np.bincount(y, minlength=4))
    acc, ev = make_stream(1, 30)
    print(acc.shape, ev, acc.mean(0), acc.std(0))
