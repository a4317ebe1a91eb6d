"""A 64-bit perceptual hash of a photo, for finding the same picture twice (data_checks.py).

pHash as ImageHash computes it (``imagehash.phash``: grey 32×32 Lanczos thumbnail, 2-D DCT-II,
the 8×8 lowest frequencies compared with their median), bit for bit on the shared image sets
(benchmarks/perceptual_hash.py, RESULTS.md), in a few lines of NumPy: ImageHash needs SciPy
and PyWavelets, about 145 MB installed, for this one function.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

HASH_SIZE = 8  # 8×8 = 64 bits
THUMBNAIL = 32  # ImageHash's highfreq_factor 4 × HASH_SIZE


def _dct_matrix() -> np.ndarray:
    """The first HASH_SIZE rows of the DCT-II matrix (SciPy's unnormalised scale: 2·cos)."""
    k = np.arange(HASH_SIZE)[:, None]
    n = np.arange(THUMBNAIL)[None, :]
    return 2.0 * np.cos(np.pi * k * (2 * n + 1) / (2 * THUMBNAIL))


_DCT = _dct_matrix()


def phash(image: Image.Image) -> int:
    """The hash as an int: bit 63 is the lowest frequency, as ``int(str(imagehash.phash(im)), 16)``."""
    grey = image.convert("L").resize((THUMBNAIL, THUMBNAIL), Image.Resampling.LANCZOS)
    # Rounded: a symmetric picture has coefficients that are exactly 0 and tie with the median;
    # unrounded, float noise (1e-13) would decide their bits. ImageHash leaves that to SciPy's FFT.
    low = np.round(_DCT @ np.asarray(grey, dtype=np.float64) @ _DCT.T, 6)
    bits = (low > np.median(low)).ravel()
    return int.from_bytes(np.packbits(bits).tobytes(), "big")
