"""The Colours half: colour quantization of a photograph with k-means.

One module per lesson page, named like its page in docs/colours/.
"""
