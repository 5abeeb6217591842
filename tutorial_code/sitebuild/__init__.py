"""How the site is built from the lessons: run them, keep what they make.

Not lesson code: readers never see this package. ``mkdocs_hooks`` runs each
lesson module (``run_lesson``) when the code changed, and ``markdown_ext``
puts the numbers, printed output and figures it made into the pages.
"""
