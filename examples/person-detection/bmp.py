"""BMP writing and a numpy reference of the device's pre-processing (for tests of src/pd_image.c).

  bmp_bytes(rgb or indices, ...)   an uncompressed 8-bit (palette) or 24-bit BMP, bottom-up or
                                   top-down, 40-byte (or 12-byte OS/2) info header
  reference_preprocess(gray)       what pd_preprocess_bmp computes, in numpy
  reference_preprocess_mode(rgb, channels, stretch)   the same for pd_preprocess_bmp_mode
"""
import struct

import numpy as np

SIZE = 96


def bmp_bytes(pixels, bits=24, palette=None, top_down=False, core=False):
    """pixels: (h, w, 3) uint8 RGB for 24-bit, (h, w) uint8 palette indices for 8-bit with
    palette (n, 3) uint8 RGB."""
    pixels = np.asarray(pixels, np.uint8)
    h, w = pixels.shape[:2]
    if bits == 24:
        rows = pixels[:, :, ::-1].reshape(h, w * 3)  # BGR
        pal = b""
    elif bits == 8:
        rows = pixels
        palette = np.asarray(palette, np.uint8)
        if core:
            pal = palette[:, ::-1].tobytes()
        else:
            pal = np.concatenate([palette[:, ::-1], np.zeros((len(palette), 1), np.uint8)], 1).tobytes()
    else:
        raise ValueError(bits)
    stride = ((w * bits + 31) // 32) * 4
    body = np.zeros((h, stride), np.uint8)
    body[:, : rows.shape[1]] = rows
    if not top_down:
        body = body[::-1]
    if core:
        if top_down:
            raise ValueError("OS/2 headers cannot be top-down")
        dib = struct.pack("<IHHHH", 12, w, h, 1, bits)
    else:
        n_colors = len(palette) if bits == 8 else 0
        dib = struct.pack("<IiiHHIIiiII", 40, w, -h if top_down else h, 1, bits, 0, stride * h, 2835, 2835, n_colors, 0)
    offset = 14 + len(dib) + len(pal)
    head = struct.pack("<2sIHHI", b"BM", offset + stride * h, 0, 0, offset)
    return head + dib + pal + body.tobytes()


def luma(rgb):
    rgb = np.asarray(rgb, np.uint32)
    return ((77 * rgb[..., 0] + 150 * rgb[..., 1] + 29 * rgb[..., 2] + 128) >> 8).astype(np.uint8)


def _cover(side):
    """(SIZE, side) 0/1 matrix: source index s covers outputs [a_s, max(b_s, a_s + 1))."""
    m = np.zeros((SIZE, side), np.int64)
    for s in range(side):
        a = s * SIZE // side
        b = max((s + 1) * SIZE // side, a + 1)
        m[a:min(b, SIZE), s] = 1
    return m


def reference_preprocess(gray):
    """gray (h, w) uint8 -> (96, 96) uint8 like the C decoder: centre square crop, box average
    when shrinking, nearest when enlarging, rounded to nearest."""
    h, w = gray.shape
    side = min(h, w)
    y0, x0 = (h - side) // 2, (w - side) // 2
    crop = gray[y0:y0 + side, x0:x0 + side].astype(np.int64)
    m = _cover(side)
    s = m @ crop @ m.T
    cnt = m.sum(1)[:, None] * m.sum(1)[None, :]
    return ((s + cnt // 2) // cnt).astype(np.uint8)


def _resize(img, y0, x0, ch, cw):
    """Box/nearest resize of img[y0:y0+ch, x0:x0+cw] (h, w) or (h, w, c) to 96x96, like the C."""
    crop = img[y0:y0 + ch, x0:x0 + cw].astype(np.int64)
    my, mx = _cover(ch), _cover(cw)
    cnt = my.sum(1)[:, None] * mx.sum(1)[None, :]
    if crop.ndim == 2:
        s = my @ crop @ mx.T
        return ((s + cnt // 2) // cnt).astype(np.uint8)
    s = np.einsum("ay,yxc,bx->abc", my, crop, mx)
    return ((s + cnt[..., None] // 2) // cnt[..., None]).astype(np.uint8)


def reference_preprocess_mode(rgb, channels, stretch):
    """rgb (h, w, 3) uint8 -> (96, 96) gray or (96, 96, 3) RGB, centre square crop or the whole
    image stretched, like pd_preprocess_bmp_mode."""
    h, w = rgb.shape[:2]
    img = luma(rgb) if channels == 1 else rgb
    if stretch:
        return _resize(img, 0, 0, h, w)
    side = min(h, w)
    return _resize(img, (h - side) // 2, (w - side) // 2, side, side)
