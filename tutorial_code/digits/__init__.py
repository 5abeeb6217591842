"""The Digits half: k-means on scikit-learn's handwritten digits.

One module per lesson page, named like its page in docs/digits/.
"""
