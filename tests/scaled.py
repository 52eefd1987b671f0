"""Workbooks shaped like the seed, of any size: for the crash tests and the benchmark."""

from __future__ import annotations

from workbook.model import Workbook
from workbook.seed import seed_path
from workbook.store import load


def scaled(claims: int, seed: Workbook | None = None) -> Workbook:
    """The seed's claims repeated, under new ids and in sections of their own, to `claims`.
    It names the seed's essay: put the essay beside it to have its quotes checked."""
    seed = seed or load(seed_path())
    originals = list(seed.claims.items())
    grown = {}
    for number in range(claims):
        claim_id, claim = originals[number % len(originals)]
        round_ = number // len(originals)
        section = f"{claim.section} ({round_ + 1})" if round_ else claim.section
        grown[f"{claim_id}-{round_ + 1}"] = claim.model_copy(update={"section": section})
    data = seed.model_dump()
    data["claims"] = {cid: c.model_dump() for cid, c in grown.items()}
    return Workbook.model_validate(data)
