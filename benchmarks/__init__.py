"""Benchmarks: ``make bench`` (``python -m benchmarks``).

- ``authoring``: a clean build, a warm rebuild, and the time from saving a
  prose edit to ``mkdocs serve`` serving the changed page.
- ``quantizers``: our quantizer against its rivals on a 12-megapixel photo.
- ``machine``: what the numbers were measured on.

The machine is shared and noisy: every timing is run several times, and the
tables give the minimum and the median.
"""
