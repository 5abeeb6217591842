"""Quantize your own image: the library behind ``kmeans-quantize``.

- ``quantizer``: ``quantize()``, k-means on a pixel sample, then every pixel
  to its nearest palette colour, in chunks.
- ``image_files``: read any image Pillow can open as 8-bit RGB or RGBA, and
  write an indexed PNG atomically.
- ``cli``: the command ``python -m tutorial_code.quantize``.

Shown on the page docs/colours/own_image.md. Importing the package imports
none of them: the command answers ``--help`` and bad input at once, before
it imports scikit-learn and Numba.
"""
