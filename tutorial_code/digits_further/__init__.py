"""Going further with the digits: questions readers ask after the Digits half.

One module per lesson page, named like its page in docs/digits_further/.
"""
