"""A page's conclusions, stated as checks that fail the build.

A lesson states each conclusion its page draws from the numbers ("Elkan was
slower in every setting", "majority vote never scored lower") as a claim,
after the sections a reader sees::

    claim("elkan_slower", elkan_slower_everywhere,
          "Elkan's fits were slower than Lloyd's in every setting")

A claim that does not hold raises ``ClaimError``, naming it, so a build
whose numbers no longer support the page fails instead of serving a false
sentence. The page marks the sentence that rests on it with
``{{ claim <chapter>.<lesson>:<name> }}``, which shows nothing but fails
the build if the lesson made no such claim.
"""

checked: dict[str, str] = {}  # name: statement, for the claims that held


class ClaimError(AssertionError):
    """A conclusion that the page draws no longer follows from its numbers."""


def claim(name: str, holds: bool, statement: str) -> None:
    """Record that ``statement`` holds, or raise ``ClaimError``."""
    if name in checked:
        raise ValueError(f"the claim {name!r} is made twice")
    if not bool(holds):
        raise ClaimError(
            f"the claim {name!r} no longer holds: {statement!r}. "
            "Change the page's conclusion (and this claim) to what the "
            "numbers now say."
        )
    checked[name] = statement
