"""How k-means works: the algorithm by hand, k-means++, failures, cost.

One module per lesson page, named like its page in docs/algorithm/.
"""
