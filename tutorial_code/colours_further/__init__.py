"""Going further with colours: k-means among real colour quantizers.

One module per lesson page, named like its page in docs/colours_further/.
"""
