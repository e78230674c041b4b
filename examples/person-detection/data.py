"""Synthetic person / no-person scenes, rendered with numpy (deterministic per seed).

render(seed, person) -> (rgb (h, w, 3) uint8, info): a scene of random size and aspect ratio.
  person=True:  1-3 people (head, hair, neck, torso or dress, arms and legs as capsules with a
                random pose: standing, walking, arms raised, sitting; front or side view; varied
                scale from small full figures to head-and-shoulders close-ups; clothing and skin
                intensities and textures), mostly inside the centre square the device crops,
                sometimes partly hidden behind furniture (at least 55% of the main figure stays
                visible)
  person=False: the same kinds of backgrounds and clutter with nobody in them
Scenes: indoor walls and floors or outdoor sky and ground, furniture-like boxes (tables, chairs,
shelves, sofas, screens, doors, windows, frames), trees, poles and lamps, cars, plants, balls,
random shapes, stacked blobs and capsule clusters (hard negatives), textures (stripes, checks,
noise, gradients). Then lighting (gain, gamma, a light direction, vignetting), blur and noise,
and a colour tint so the device's grayscale conversion matters.

to_bmp(rgb, rng) encodes it as the device would receive it: 24-bit, or 8-bit with a gray, tinted
or posterized palette; bottom-up or top-down.
"""
import numpy as np

import bmp as bmpmod

# ---------------------------------------------------------------------------------------------
# drawing primitives: signed-distance coverage, evaluated only inside the shape's bounding box


class Canvas:
    def __init__(self, h, w):
        self.h, self.w = h, w
        self.img = np.zeros((h, w), np.float32)
        self.person = np.zeros((h, w), np.float32)  # person coverage (for the label)

    def _box(self, x0, y0, x1, y1):
        xa, ya = max(0, int(np.floor(x0)) - 1), max(0, int(np.floor(y0)) - 1)
        xb, yb = min(self.w, int(np.ceil(x1)) + 2), min(self.h, int(np.ceil(y1)) + 2)
        if xa >= xb or ya >= yb:
            return None
        ys, xs = np.mgrid[ya:yb, xa:xb].astype(np.float32)
        return (ya, yb, xa, xb), xs + 0.5, ys + 0.5

    def paint(self, bbox, dist_fn, color, is_person=False, alpha=1.0):
        """dist_fn(X, Y) -> signed distance in pixels (negative inside); color: scalar or fn(X, Y)."""
        b = self._box(*bbox)
        if b is None:
            return
        (ya, yb, xa, xb), X, Y = b
        cov = np.clip(0.5 - dist_fn(X, Y), 0.0, 1.0) * alpha
        if not cov.any():
            return
        col = color(X, Y) if callable(color) else color
        sl = self.img[ya:yb, xa:xb]
        sl += (col - sl) * cov
        p = self.person[ya:yb, xa:xb]
        if is_person:
            p += (1.0 - p) * cov
        else:
            p *= 1.0 - cov

    def fill(self, color):
        ys, xs = np.mgrid[0:self.h, 0:self.w].astype(np.float32)
        self.img[:] = color(xs + 0.5, ys + 0.5) if callable(color) else color


def ellipse(cv, cx, cy, rx, ry, ang, color, **kw):
    rx, ry = max(rx, 0.5), max(ry, 0.5)
    r = max(rx, ry)
    c, s = np.cos(ang), np.sin(ang)

    def d(X, Y):
        u = (X - cx) * c + (Y - cy) * s
        v = -(X - cx) * s + (Y - cy) * c
        k = np.sqrt((u / rx) ** 2 + (v / ry) ** 2)
        return (k - 1.0) * min(rx, ry)
    cv.paint((cx - r, cy - r, cx + r, cy + r), d, color, **kw)


def capsule(cv, x1, y1, x2, y2, r1, r2, color, **kw):
    r1, r2 = max(r1, 0.5), max(r2, 0.5)
    r = max(r1, r2)
    dx, dy = x2 - x1, y2 - y1
    ll = dx * dx + dy * dy + 1e-6

    def d(X, Y):
        t = np.clip(((X - x1) * dx + (Y - y1) * dy) / ll, 0.0, 1.0)
        px, py = x1 + t * dx, y1 + t * dy
        return np.sqrt((X - px) ** 2 + (Y - py) ** 2) - (r1 + t * (r2 - r1))
    cv.paint((min(x1, x2) - r, min(y1, y2) - r, max(x1, x2) + r, max(y1, y2) + r), d, color, **kw)


def box(cv, cx, cy, w, h, ang, color, radius=0.0, **kw):
    hw, hh = max(w / 2, 0.5), max(h / 2, 0.5)
    radius = min(radius, hw, hh)
    c, s = np.cos(ang), np.sin(ang)
    ext = abs(hw * c) + abs(hh * s), abs(hw * s) + abs(hh * c)

    def d(X, Y):
        u = np.abs((X - cx) * c + (Y - cy) * s) - (hw - radius)
        v = np.abs(-(X - cx) * s + (Y - cy) * c) - (hh - radius)
        out = np.sqrt(np.maximum(u, 0) ** 2 + np.maximum(v, 0) ** 2)
        return out + np.minimum(np.maximum(u, v), 0) - radius
    cv.paint((cx - ext[0], cy - ext[1], cx + ext[0], cy + ext[1]), d, color, **kw)


def polygon(cv, pts, color, **kw):
    """A convex polygon (points in either order around it)."""
    pts = np.asarray(pts, np.float32)
    edges = []
    for i in range(len(pts)):
        a, b = pts[i], pts[(i + 1) % len(pts)]
        e = b - a
        edges.append((a, np.array([e[1], -e[0]]) / (np.hypot(*e) + 1e-6)))
    # make every normal point outwards: the centroid must be on the inner side
    cxy = pts.mean(0)
    edges = [(a, n if (cxy - a) @ n <= 0 else -n) for a, n in edges]

    def d(X, Y):
        out = None
        for a, n in edges:
            v = (X - a[0]) * n[0] + (Y - a[1]) * n[1]
            out = v if out is None else np.maximum(out, v)
        return out
    x0, y0 = pts.min(0)
    x1, y1 = pts.max(0)
    cv.paint((x0, y0, x1, y1), d, color, **kw)


# ---------------------------------------------------------------------------------------------
# textures: functions of pixel coordinates


def texture(rng, base, scale_px):
    """A random surface: flat, gradient, stripes, checks or smooth noise around `base`."""
    kind = rng.choice(["flat", "flat", "grad", "stripes", "checks", "noise"])
    amp = rng.uniform(0.03, 0.25)
    if kind == "flat":
        return float(base)
    if kind == "grad":
        ang = rng.uniform(0, 2 * np.pi)
        c, s = np.cos(ang), np.sin(ang)
        k = amp / max(scale_px, 1.0)
        return lambda X, Y: base + k * ((X * c + Y * s) - 0.0) - k * (X * c + Y * s).mean()
    if kind == "stripes":
        ang = rng.uniform(0, np.pi)
        period = rng.uniform(2.5, max(3.0, scale_px / 3))
        c, s = np.cos(ang), np.sin(ang)
        sharp = rng.random() < 0.5
        def f(X, Y):
            w = np.sin(2 * np.pi * (X * c + Y * s) / period)
            return base + amp * (np.sign(w) if sharp else w)
        return f
    if kind == "checks":
        period = rng.uniform(3, max(4.0, scale_px / 3))
        return lambda X, Y: base + amp * (((np.floor(X / period) + np.floor(Y / period)) % 2) * 2 - 1)
    # smooth noise: a small random grid, bilinear upsampled
    g = rng.normal(0, amp, (8, 8)).astype(np.float32)
    cell = rng.uniform(2.0, max(3.0, scale_px / 2))
    def f(X, Y):
        u, v = (X / cell) % 7, (Y / cell) % 7
        i, j = u.astype(int), v.astype(int)
        fu, fv = u - i, v - j
        return base + (g[j, i] * (1 - fu) * (1 - fv) + g[j, i + 1] * fu * (1 - fv) +
                       g[j + 1, i] * (1 - fu) * fv + g[j + 1, i + 1] * fu * fv)
    return f


def tone(rng, lo=0.05, hi=0.95):
    return float(rng.uniform(lo, hi))


# ---------------------------------------------------------------------------------------------
# people


def draw_person(cv, rng, fx, fy, height, facing=None, avoid=None):
    """A figure whose feet are at (fx, fy) (standing height `height` px). Draws into the person
    mask. Returns the figure's bounding box (x0, y0, x1, y1)."""
    H = height
    side = rng.random() < 0.25 if facing is None else facing
    sitting = rng.random() < 0.15
    flip = -1.0 if rng.random() < 0.5 else 1.0
    if avoid is None:
        t = lambda lo=0.05, hi=0.95: tone(rng, lo, hi)  # noqa: E731
    else:  # tones at least 0.25 away from the given background tones
        def t(lo=0.05, hi=0.95):
            for _ in range(100):
                v = tone(rng, 0.02, 0.98)
                if all(abs(v - a) >= 0.25 for a in avoid):
                    return v
            return v
    skin = t(0.15, 0.9)
    shirt = texture(rng, t(), H * 0.3) if rng.random() < 0.35 else t()
    pants = t() if rng.random() < 0.8 else shirt
    shoes = t(0.02, 0.6)
    hair = t(0.02, 0.8)
    sleeves = rng.random() < 0.6
    dress = (not sitting) and rng.random() < 0.15
    build = rng.uniform(0.85, 1.2)
    limb = rng.uniform(0.032, 0.048) * H * build

    sh_w = (0.11 if side else rng.uniform(0.10, 0.135)) * H * build   # half shoulder width
    hip_w = sh_w * rng.uniform(0.7, 0.95)
    drop = 0.0
    if sitting:
        drop = 0.22 * H
    # vertical landmarks measured from the feet (y grows downwards in the image)
    y_hip = fy - 0.50 * H + drop
    y_sh = fy - 0.80 * H + drop
    y_head = fy - 0.91 * H + drop
    head_r = rng.uniform(0.055, 0.07) * H
    lean = rng.normal(0, 0.04) * H
    x_sh, x_hip = fx + lean, fx
    bbox = [fx, fy, fx, fy]

    def extend(x, y, r):
        bbox[0] = min(bbox[0], x - r)
        bbox[1] = min(bbox[1], y - r)
        bbox[2] = max(bbox[2], x + r)
        bbox[3] = max(bbox[3], y + r)

    def leg(sign, front):
        hx = x_hip + sign * hip_w * (0.25 if side else 0.6)
        if sitting:
            a_thigh = flip * np.radians(rng.uniform(70, 95))
            a_shin = np.radians(rng.uniform(-10, 15))
        else:
            swing = rng.uniform(-28, 28) if rng.random() < 0.6 else rng.uniform(-6, 6)
            a_thigh = np.radians(swing * (1 if front else -1) + (0 if side else sign * rng.uniform(0, 10)))
            a_shin = a_thigh - flip * np.radians(rng.uniform(0, 35))
        kx, ky = hx + np.sin(a_thigh) * 0.25 * H, y_hip + np.cos(a_thigh) * 0.25 * H
        ax, ay = kx + np.sin(a_shin) * 0.25 * H, ky + np.cos(a_shin) * 0.25 * H
        capsule(cv, hx, y_hip, kx, ky, limb * 1.45, limb * 1.15, pants, is_person=True)
        capsule(cv, kx, ky, ax, ay, limb * 1.15, limb * 0.9, pants, is_person=True)
        ellipse(cv, ax + flip * limb * 0.8, ay + limb * 0.3, limb * 1.5, limb * 0.75, 0.0, shoes, is_person=True)
        extend(ax, ay, limb * 2)

    def arm(sign, front):
        sx = x_sh + sign * sh_w * (0.3 if side else 0.92)
        sy = y_sh + limb * 0.6
        r = rng.random()
        if r < 0.55:
            a_up = np.radians(rng.uniform(-20, 25)) * (1 if side else sign)
        elif r < 0.8:
            a_up = np.radians(rng.uniform(25, 100)) * (flip if side else sign)
        else:
            a_up = np.radians(rng.uniform(100, 175)) * (flip if side else sign)
        a_lo = a_up + np.radians(rng.uniform(0, 110)) * (flip if side else -sign) * (1 if rng.random() < 0.7 else -1)
        ex, ey = sx + np.sin(a_up) * 0.17 * H, sy + np.cos(a_up) * 0.17 * H
        hx, hy = ex + np.sin(a_lo) * 0.15 * H, ey + np.cos(a_lo) * 0.15 * H
        upper = shirt if sleeves else skin
        capsule(cv, sx, sy, ex, ey, limb * 1.1, limb * 0.95, upper, is_person=True)
        capsule(cv, ex, ey, hx, hy, limb * 0.95, limb * 0.75, shirt if (sleeves and rng.random() < 0.5) else skin, is_person=True)
        ellipse(cv, hx, hy, limb * 0.9, limb * 1.1, a_lo, skin, is_person=True)
        extend(hx, hy, limb * 1.5)

    back_sign = -flip if side else 1.0
    # back limbs first (side view: the far arm/leg)
    arm(back_sign if side else -1.0, False)
    if not dress:
        leg(back_sign if side else -1.0, False)
        leg(-back_sign if side else 1.0, True)
    else:
        # legs below a dress
        for sgn in (-1.0, 1.0):
            lx = x_hip + sgn * hip_w * 0.4
            capsule(cv, lx, y_hip + 0.2 * H, lx + rng.normal(0, 0.02) * H, fy, limb * 0.9, limb * 0.75, skin if rng.random() < 0.5 else pants, is_person=True)
            ellipse(cv, lx + flip * limb * 0.6, fy, limb * 1.3, limb * 0.6, 0.0, shoes, is_person=True)
        hem = fy - rng.uniform(0.15, 0.35) * H
        polygon(cv, [(x_sh - sh_w * 0.8, y_sh), (x_sh + sh_w * 0.8, y_sh), (x_hip + hip_w * 1.6, hem), (x_hip - hip_w * 1.6, hem)], shirt, is_person=True)
    # torso
    polygon(cv, [(x_sh - sh_w, y_sh), (x_sh + sh_w, y_sh), (x_hip + hip_w, y_hip + limb), (x_hip - hip_w, y_hip + limb)], shirt, is_person=True)
    capsule(cv, x_sh - sh_w * 0.85, y_sh + limb * 0.5, x_sh + sh_w * 0.85, y_sh + limb * 0.5, limb * 1.1, limb * 1.1, shirt, is_person=True)
    if rng.random() < 0.3 and not dress:  # belt / waist line
        box(cv, x_hip, y_hip, hip_w * 2.1, limb * 0.5, 0.0, pants, is_person=True)
    # neck and head
    hx, hy = x_sh + lean * 0.3 + (flip * head_r * 0.15 if side else 0), y_head
    capsule(cv, x_sh, y_sh, hx, hy + head_r * 0.6, limb * 0.8, limb * 0.8, skin, is_person=True)
    ellipse(cv, hx, hy, head_r * rng.uniform(0.8, 0.92), head_r, rng.normal(0, 0.08), skin, is_person=True)
    hs = rng.random()
    if hs < 0.7:  # hair on top (and the back in side view)
        ellipse(cv, hx - (flip * head_r * 0.25 if side else 0), hy - head_r * 0.35, head_r * 0.95, head_r * rng.uniform(0.55, 0.8), 0.0, hair, is_person=True)
    elif hs < 0.82:  # a hat
        box(cv, hx, hy - head_r * 0.85, head_r * 2.6, head_r * 0.25, 0.0, hair, is_person=True)
        box(cv, hx, hy - head_r * 1.2, head_r * 1.6, head_r * 0.8, 0.0, hair, radius=head_r * 0.2, is_person=True)
    if not side and rng.random() < 0.5 and head_r > 4:  # eyes
        for sgn in (-1, 1):
            ellipse(cv, hx + sgn * head_r * 0.32, hy - head_r * 0.05, head_r * 0.1, head_r * 0.07, 0.0, skin * 0.4, is_person=True)
    # the other arm in front
    arm(-back_sign if side else 1.0, True)
    if rng.random() < 0.15:  # a bag
        bx = x_hip + flip * sh_w * 1.4
        box(cv, bx, y_hip + 0.05 * H, 0.12 * H, 0.14 * H, rng.normal(0, 0.2), tone(rng), radius=2, is_person=True)
    extend(hx, hy - head_r * 1.5, head_r)
    return bbox


# ---------------------------------------------------------------------------------------------
# things that are not people


def furniture(cv, rng, x, y, s):
    """An object standing on the floor at (x, y) of size ~s px."""
    col = tone(rng)
    tex = texture(rng, col, s)
    k = rng.integers(0, 13)
    if k == 0:  # table
        w, h = s * rng.uniform(0.8, 1.6), s * rng.uniform(0.4, 0.7)
        box(cv, x, y - h, w, s * 0.06, 0.0, tex)
        for dx in (-0.45, 0.45):
            capsule(cv, x + dx * w, y - h, x + dx * w, y, s * 0.03, s * 0.03, col * 0.8)
    elif k == 1:  # chair
        w = s * rng.uniform(0.35, 0.5)
        box(cv, x, y - s * 0.45, w, s * 0.05, 0.0, tex)
        bx = x - w / 2 if rng.random() < 0.5 else x + w / 2
        capsule(cv, bx, y - s * 0.45, bx, y - s * 0.95, s * 0.025, s * 0.025, col)
        box(cv, bx, y - s * 0.8, s * 0.05, s * 0.3, 0.0, tex)
        for dx in (-0.45, 0.45):
            capsule(cv, x + dx * w, y - s * 0.45, x + dx * w, y, s * 0.02, s * 0.02, col)
    elif k == 2:  # shelf / cabinet / fridge
        w, h = s * rng.uniform(0.4, 1.0), s * rng.uniform(0.8, 1.8)
        box(cv, x, y - h / 2, w, h, 0.0, tex)
        for i in range(int(rng.integers(1, 6))):
            box(cv, x, y - h * (i + 1) / 6, w * 0.92, max(1.0, s * 0.02), 0.0, col * rng.uniform(0.5, 1.2))
            if rng.random() < 0.5:  # things on the shelf
                box(cv, x + rng.uniform(-0.3, 0.3) * w, y - h * (i + 1) / 6 - s * 0.05, s * 0.08, s * 0.1, 0.0, tone(rng))
    elif k == 3:  # sofa
        w, h = s * rng.uniform(1.2, 2.0), s * rng.uniform(0.5, 0.8)
        box(cv, x, y - h * 0.35, w, h * 0.7, 0.0, tex, radius=s * 0.08)
        box(cv, x, y - h * 0.8, w * 0.9, h * 0.5, 0.0, col * 0.9, radius=s * 0.08)
        for dx in (-0.5, 0.5):
            box(cv, x + dx * w, y - h * 0.5, s * 0.15, h * 0.7, 0.0, col * 1.1, radius=s * 0.06)
    elif k == 4:  # screen on a stand
        w = s * rng.uniform(0.6, 1.2)
        box(cv, x, y - s * 0.9, w, w * 0.6, 0.0, tone(rng, 0.0, 0.3))
        box(cv, x, y - s * 0.9, w * 0.92, w * 0.5, 0.0, texture(rng, tone(rng), s))
        capsule(cv, x, y - s * 0.6, x, y, s * 0.03, s * 0.03, col)
    elif k == 5:  # tree
        trunk = s * rng.uniform(0.04, 0.1)
        th = s * rng.uniform(0.6, 1.4)
        capsule(cv, x, y, x + rng.normal(0, 0.05) * s, y - th, trunk, trunk * 0.7, tone(rng, 0.1, 0.5))
        if rng.random() < 0.5:
            for _ in range(int(rng.integers(2, 6))):
                ellipse(cv, x + rng.normal(0, 0.25) * s, y - th - rng.uniform(0, 0.4) * s, s * rng.uniform(0.2, 0.5), s * rng.uniform(0.2, 0.45), 0.0, texture(rng, tone(rng, 0.1, 0.7), s))
        else:
            w = s * rng.uniform(0.4, 0.8)
            polygon(cv, [(x - w, y - th * 0.5), (x + w, y - th * 0.5), (x, y - th * 1.6)], texture(rng, tone(rng, 0.1, 0.6), s))
    elif k == 6:  # pole / street lamp / sign
        h = s * rng.uniform(1.0, 2.5)
        capsule(cv, x, y, x, y - h, s * 0.025, s * 0.02, col)
        r = rng.random()
        if r < 0.4:
            ellipse(cv, x, y - h, s * 0.1, s * 0.08, 0.0, tone(rng, 0.6, 1.0))
        elif r < 0.7:
            box(cv, x, y - h, s * 0.35, s * 0.25, 0.0, texture(rng, tone(rng), s))
        else:
            capsule(cv, x, y - h, x + s * 0.3, y - h - s * 0.05, s * 0.02, s * 0.02, col)
    elif k == 7:  # lamp with shade
        h = s * rng.uniform(0.8, 1.6)
        capsule(cv, x, y, x, y - h, s * 0.02, s * 0.02, col)
        polygon(cv, [(x - s * 0.12, y - h), (x + s * 0.12, y - h), (x + s * 0.2, y - h + s * 0.25), (x - s * 0.2, y - h + s * 0.25)], tone(rng, 0.4, 1.0))
        ellipse(cv, x, y, s * 0.12, s * 0.03, 0.0, col)
    elif k == 8:  # car
        w = s * rng.uniform(1.5, 2.5)
        box(cv, x, y - s * 0.35, w, s * 0.35, 0.0, tex, radius=s * 0.1)
        box(cv, x - w * 0.05, y - s * 0.62, w * 0.55, s * 0.3, 0.0, col * 0.9, radius=s * 0.1)
        box(cv, x - w * 0.05, y - s * 0.62, w * 0.45, s * 0.2, 0.0, tone(rng, 0.1, 0.6))
        for dx in (-0.32, 0.32):
            ellipse(cv, x + dx * w, y - s * 0.15, s * 0.15, s * 0.15, 0.0, tone(rng, 0.0, 0.25))
    elif k == 9:  # plant in a pot
        box(cv, x, y - s * 0.12, s * 0.25, s * 0.24, 0.0, tone(rng))
        for _ in range(int(rng.integers(3, 9))):
            a = rng.uniform(-1.2, 1.2)
            ln = s * rng.uniform(0.2, 0.6)
            capsule(cv, x, y - s * 0.24, x + np.sin(a) * ln, y - s * 0.24 - np.cos(a) * ln, s * 0.015, s * 0.04, tone(rng, 0.1, 0.6))
    elif k == 10:  # snowman / stacked blobs (hard negative)
        r0 = s * rng.uniform(0.15, 0.3)
        yy = y
        for i in range(int(rng.integers(2, 4))):
            ellipse(cv, x + rng.normal(0, 0.03) * s, yy - r0, r0 * rng.uniform(0.8, 1.2), r0, 0.0, tone(rng))
            yy -= r0 * 1.8
            r0 *= rng.uniform(0.55, 0.8)
    elif k == 11:  # coat rack / capsule cluster (hard negative)
        h = s * rng.uniform(0.8, 1.6)
        capsule(cv, x, y, x, y - h, s * 0.03, s * 0.03, col)
        for _ in range(int(rng.integers(2, 6))):
            yy = y - h * rng.uniform(0.3, 1.0)
            a = rng.uniform(-2.5, 2.5)
            capsule(cv, x, yy, x + np.sin(a) * s * 0.3, yy - np.cos(a) * s * 0.3, s * 0.03, s * 0.02, tone(rng))
        if rng.random() < 0.5:
            ellipse(cv, x, y - h - s * 0.08, s * 0.08, s * 0.08, 0.0, tone(rng))
    else:  # bottle / vase / fire hydrant
        w = s * rng.uniform(0.12, 0.3)
        h = s * rng.uniform(0.3, 0.8)
        box(cv, x, y - h / 2, w, h, 0.0, tex, radius=w * 0.3)
        ellipse(cv, x, y - h, w * 0.45, w * 0.45, 0.0, tone(rng))


def wall_things(cv, rng, x, y, s):
    k = rng.integers(0, 5)
    if k == 0:  # window with panes
        w, h = s * rng.uniform(0.6, 1.4), s * rng.uniform(0.6, 1.4)
        box(cv, x, y, w, h, 0.0, tone(rng, 0.5, 1.0))
        box(cv, x, y, w * 0.9, h * 0.9, 0.0, texture(rng, tone(rng, 0.4, 1.0), s))
        box(cv, x, y, max(1.0, s * 0.03), h * 0.9, 0.0, tone(rng, 0.3, 0.9))
        box(cv, x, y, w * 0.9, max(1.0, s * 0.03), 0.0, tone(rng, 0.3, 0.9))
    elif k == 1:  # picture frame
        w, h = s * rng.uniform(0.3, 0.9), s * rng.uniform(0.3, 0.9)
        box(cv, x, y, w, h, 0.0, tone(rng))
        box(cv, x, y, w * 0.85, h * 0.85, 0.0, texture(rng, tone(rng), s))
    elif k == 2:  # door
        w, h = s * rng.uniform(0.5, 0.8), s * rng.uniform(1.4, 2.0)
        box(cv, x, y + h * 0.3, w, h, 0.0, texture(rng, tone(rng), s))
        ellipse(cv, x + w * 0.35, y + h * 0.3, s * 0.03, s * 0.03, 0.0, tone(rng))
    elif k == 3:  # clock / ball / sign
        ellipse(cv, x, y, s * 0.2, s * 0.2, 0.0, tone(rng))
        capsule(cv, x, y, x + rng.normal(0, 1) * s * 0.12, y + rng.normal(0, 1) * s * 0.12, 1.0, 1.0, tone(rng))
    else:  # text-like rows
        for i in range(int(rng.integers(1, 5))):
            box(cv, x, y + i * s * 0.12, s * rng.uniform(0.3, 1.0), max(1.0, s * 0.05), 0.0, tone(rng))


def random_shape(cv, rng, x, y, s):
    k = rng.integers(0, 4)
    col = texture(rng, tone(rng), s) if rng.random() < 0.3 else tone(rng)
    if k == 0:
        ellipse(cv, x, y, s * rng.uniform(0.1, 0.6), s * rng.uniform(0.1, 0.6), rng.uniform(0, np.pi), col)
    elif k == 1:
        box(cv, x, y, s * rng.uniform(0.1, 1.0), s * rng.uniform(0.1, 1.0), rng.uniform(0, np.pi), col, radius=s * rng.uniform(0, 0.1))
    elif k == 2:
        a = rng.uniform(0, 2 * np.pi)
        ln = s * rng.uniform(0.2, 1.0)
        capsule(cv, x, y, x + np.cos(a) * ln, y + np.sin(a) * ln, s * rng.uniform(0.02, 0.12), s * rng.uniform(0.02, 0.12), col)
    else:
        n = int(rng.integers(3, 7))
        ang = np.sort(rng.uniform(0, 2 * np.pi, n))
        r = s * rng.uniform(0.1, 0.5)
        polygon(cv, [(x + np.cos(a) * r, y + np.sin(a) * r) for a in ang], col)


# ---------------------------------------------------------------------------------------------
# scene


def gaussian_blur(img, sigma):
    if sigma < 0.3:
        return img
    r = int(np.ceil(3 * sigma))
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k /= k.sum()
    pad = np.pad(img, ((r, r), (r, r)), mode="edge")
    tmp = sum(k[i] * pad[:, i:i + img.shape[1]] for i in range(2 * r + 1))
    return sum(k[i] * tmp[i:i + img.shape[0], :] for i in range(2 * r + 1)).astype(np.float32)


def canvas_size(rng):
    r = rng.random()
    if r < 0.3:
        side = int(rng.integers(96, 200))
        return side, side
    ar = rng.choice([4 / 3, 3 / 4, 16 / 9, 9 / 16, 3 / 2, 2 / 3, 1.25])
    short = int(rng.integers(90, 180))
    return (short, int(short * ar)) if ar >= 1 else (int(short / ar), short)  # (h, w)


def render(seed, person, size=None, clear=False):
    """(rgb uint8 (h, w, 3), info dict). The label is `person`; info has 'visible' (the main
    figure's visible fraction) and the canvas size. size=(h, w) fixes the canvas size; clear=True
    makes an unambiguous example (a plain scene; the figure 0.6-1.5 of the crop's height, at least
    90% visible, with good contrast), as used for the committed test inputs."""
    for attempt in range(50):
        rng = np.random.default_rng([seed, attempt])
        out = _render_once(rng, person, size, clear)
        if out is not None:
            return out
    raise RuntimeError(f"seed {seed}: no valid scene")


def _render_once(rng, person, size=None, clear=False):
    h, w = canvas_size(rng)
    if size is not None:
        h, w = size
    cv = Canvas(h, w)
    side = min(h, w)
    cx0, cy0 = (w - side) / 2, (h - side) / 2   # the centre square the device keeps
    outdoor = rng.random() < 0.35
    simple = rng.random() < 0.3 or clear  # a plain scene: few things, no occluders
    horizon = h * rng.uniform(0.35, 0.85)
    if outdoor:
        sky = tone(rng, 0.4, 1.0)
        wall_base = sky
        k = rng.uniform(-0.4, 0.1) / h
        cv.fill(lambda X, Y: sky + k * Y)
    else:
        wall_base = tone(rng, 0.2, 0.95)
        cv.fill(texture(rng, wall_base, side))
    # floor / ground
    floor_base = tone(rng, 0.1, 0.8)
    floor_tex = texture(rng, floor_base, side)
    box(cv, w / 2, (horizon + h * 1.5) / 2, w * 1.2, h * 1.5 - horizon, 0.0, floor_tex)
    if not outdoor and rng.random() < 0.5:  # skirting line
        box(cv, w / 2, horizon, w * 1.2, max(1.0, side * 0.015), 0.0, tone(rng))
    if outdoor and not simple and rng.random() < 0.5:  # buildings along the horizon
        for _ in range(int(rng.integers(1, 5))):
            bw, bh = side * rng.uniform(0.2, 0.6), side * rng.uniform(0.2, 0.8)
            bx = rng.uniform(0, w)
            box(cv, bx, horizon - bh / 2, bw, bh, 0.0, texture(rng, tone(rng, 0.2, 0.9), side))
            for _ in range(int(rng.integers(0, 8))):
                box(cv, bx + rng.uniform(-0.4, 0.4) * bw, horizon - bh * rng.uniform(0.1, 0.9), side * 0.04, side * 0.05, 0.0, tone(rng))
    # things on the wall / far away
    for _ in range(int(rng.integers(0, 2 if simple else 4))):
        wall_things(cv, rng, rng.uniform(0, w), rng.uniform(0, horizon), side * rng.uniform(0.15, 0.5))
    # depth-ordered objects and people: (y of the feet, kind)
    items = [(rng.uniform(horizon, h * 1.05), "thing") for _ in range(int(rng.integers(0 if simple else 1, 3 if simple else 6)))]
    items += [(rng.uniform(0, h), "shape") for _ in range(int(rng.integers(0, 2 if simple else 5)))]
    n_people = 0
    if person:
        n_people = 1 if rng.random() < 0.7 else int(rng.integers(2, 4))
        items.append((None, "main"))
        items += [(None, "extra")] * (n_people - 1)
    # main figure placement, relative to the centre square
    scale = side * np.exp(rng.uniform(np.log(0.6), np.log(1.5)) if clear else rng.uniform(np.log(0.4), np.log(2.2)))   # standing height in px
    if scale > side * 1.05:  # close-up: the head in the upper part, feet below the picture
        head_y = cy0 + side * rng.uniform(0.12, 0.45)
        main_feet = (cx0 + side * rng.uniform(0.3, 0.7), head_y + 0.91 * scale)
    else:
        fx = cx0 + side * rng.uniform(0.2, 0.8)
        fy = cy0 + side * rng.uniform(0.9 * scale / side, 1.05) if scale < side else cy0 + side * rng.uniform(0.95, 1.05)
        main_feet = (fx, max(fy, cy0 + scale * 0.95))
    resolved = []
    for y, kind in items:
        if kind == "main":
            y = main_feet[1]
        elif kind == "extra":
            y = rng.uniform(horizon, h * 1.1)
        resolved.append((y, kind))
    resolved.sort(key=lambda t: t[0])
    main_mask = None
    main_box = None
    main_total = 0.0
    for y, kind in resolved:
        if kind == "thing":
            furniture(cv, rng, rng.uniform(-0.1, 1.1) * w, y, side * rng.uniform(0.2, 0.8) * (0.5 + y / h))
        elif kind == "shape":
            random_shape(cv, rng, rng.uniform(0, w), y, side * rng.uniform(0.1, 0.6))
        elif kind == "extra":
            s = side * rng.uniform(0.3, 1.0) * (0.4 + y / h)
            draw_person(cv, rng, rng.uniform(0, w), y, s)
        else:
            before = cv.person.copy()
            cv.person[:] = 0
            main_box = draw_person(cv, rng, main_feet[0], main_feet[1], scale,
                                   avoid=[wall_base, floor_base] if clear else None)
            main_mask = cv.person.copy()
            main_total = float(main_mask.sum())
            cv.person[:] = np.maximum(before, cv.person)
    # occluders in front (furniture or shapes), sometimes
    if not simple and rng.random() < 0.35:
        for _ in range(int(rng.integers(1, 3))):
            if rng.random() < 0.6:
                furniture(cv, rng, rng.uniform(0, w), h * rng.uniform(0.9, 1.15), side * rng.uniform(0.3, 0.9))
            else:
                random_shape(cv, rng, rng.uniform(0, w), rng.uniform(0, h), side * rng.uniform(0.2, 0.6))
    # label check for the main figure: visible inside the centre square
    info = {"h": h, "w": w, "visible": 0.0, "scale": scale / side if person else 0.0, "people": n_people,
            "outdoor": bool(outdoor)}
    crop = (slice(int(cy0), int(cy0) + side), slice(int(cx0), int(cx0) + side))
    if person:
        if main_total <= 0:
            return None
        # the visible part: main figure's own coverage, still person after the occluders
        vis_in_crop = float(np.minimum(main_mask, cv.person)[crop].sum())
        info["visible"] = vis_in_crop / main_total
        if info["visible"] < (0.9 if clear else 0.55) or vis_in_crop < 0.012 * side * side:
            return None
    # lighting
    img = cv.img
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    if rng.random() < 0.6:  # light from a direction
        a = rng.uniform(0, 2 * np.pi)
        img = img * (1 + rng.uniform(0, 0.5) * ((xs / w - 0.5) * np.cos(a) + (ys / h - 0.5) * np.sin(a)))
    if rng.random() < 0.3:  # vignetting
        r2 = ((xs / w - 0.5) ** 2 + (ys / h - 0.5) ** 2) * 2
        img = img * (1 - rng.uniform(0.1, 0.5) * r2)
    gain = np.exp(rng.normal(0, 0.35))
    img = (img - 0.5) * rng.uniform(0.5, 1.3) + 0.5 + rng.normal(0, 0.1)
    img = np.clip(img * gain, 0, 1) ** np.exp(rng.normal(0, 0.3))
    img = gaussian_blur(img, rng.uniform(0, 1.2) * side / 96 if rng.random() < 0.7 else 0.0)
    # reject washed-out scenes, and figures that no longer stand out from their surroundings
    cimg = np.clip(img, 0, 1)[crop]
    if cimg.std() < 0.05:
        return None
    if person:
        pm = np.minimum(main_mask, cv.person)[crop] > 0.5
        x0b, y0b, x1b, y1b = [int(v) for v in main_box]
        near = np.zeros_like(cv.person, bool)
        pad = int(0.1 * scale)
        near[max(0, y0b - pad):max(0, y1b + pad), max(0, x0b - pad):max(0, x1b + pad)] = True
        near = near[crop] & ~(cv.person[crop] > 0.1)
        if pm.sum() < 10 or near.sum() < 10:
            return None
        contrast = abs(cimg[pm].mean() - cimg[near].mean()) + abs(cimg[pm].std() - cimg[near].std())
        if contrast < (0.2 if clear else 0.08):
            return None
    img = img + rng.normal(0, rng.uniform(0, 0.05), img.shape)
    gray = np.clip(img, 0, 1) * 255
    # colour: per-channel gains and offsets (the device converts back to gray)
    gains = np.exp(rng.normal(0, 0.15, 3))
    rgb = gray[..., None] * gains + rng.normal(0, 6, 3)
    rgb = rgb + rng.normal(0, rng.uniform(0, 4), rgb.shape)
    rgb = np.clip(np.round(rgb), 0, 255).astype(np.uint8)
    if rng.random() < 0.5:
        rgb = rgb[:, ::-1]
    return rgb, info


def to_bmp(rgb, rng):
    """Encodes a scene like a device would receive it: 24-bit (60%), or 8-bit with a gray,
    posterized gray or tinted palette; bottom-up or top-down."""
    top_down = bool(rng.random() < 0.4)
    if rng.random() < 0.6:
        return bmpmod.bmp_bytes(rgb, 24, top_down=top_down)
    g = bmpmod.luma(rgb)
    r = rng.random()
    if r < 0.5:  # gray palette
        pal = np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, 1)
        return bmpmod.bmp_bytes(g, 8, pal, top_down=top_down)
    if r < 0.75:  # posterized: 64 or 128 gray levels
        levels = int(rng.choice([64, 128]))
        idx = (g.astype(np.int32) * levels // 256).astype(np.uint8)
        vals = ((np.arange(levels) + 0.5) * 256 / levels).astype(np.uint8)
        pal = np.repeat(vals[:, None], 3, 1)
        return bmpmod.bmp_bytes(idx, 8, pal, top_down=top_down)
    # tinted palette: 256 colours along a tint whose luma is the gray level
    tint = np.exp(rng.normal(0, 0.12, 3))
    tint = tint / ((77 * tint[0] + 150 * tint[1] + 29 * tint[2]) / 256)
    pal = np.clip(np.round(np.arange(256)[:, None] * tint[None, :]), 0, 255).astype(np.uint8)
    return bmpmod.bmp_bytes(g, 8, pal, top_down=top_down)


def sample(seed, person):
    """(bmp bytes, label, info) for one scene, encoded deterministically."""
    rgb, info = render(seed, person)
    rng = np.random.default_rng([seed, 99])
    return to_bmp(rgb, rng), int(person), info


if __name__ == "__main__":
    import time
    t = time.time()
    for s in range(40):
        b, y, info = sample(s, s % 2 == 0)
    print(f"{(time.time() - t) / 40 * 1000:.1f} ms per scene")
