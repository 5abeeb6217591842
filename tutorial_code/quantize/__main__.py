"""``python -m tutorial_code.quantize INPUT OUTPUT --colors 16``."""

from tutorial_code.quantize.cli import main

raise SystemExit(main())
