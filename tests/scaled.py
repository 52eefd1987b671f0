"""Workbooks shaped like the seed, of any size: for the crash tests and the benchmark."""

from __future__ import annotations

from workbook.core.model import Workbook
from workbook.storage.places import seed_path
from workbook.storage.store import load


def scaled(claims: int, seed: Workbook | None = None) -> Workbook:
    """The seed's claims repeated, under new ids and in sections of their own, to `claims`.
    It names the seed's essay: put the essay beside it to have its quotes checked."""
    seed = seed or load(seed_path())
    originals = list(seed.claims.items())
    grown = {}
    cards = {}
    for number in range(claims):
        claim_id, claim = originals[number % len(originals)]
        round_ = number // len(originals)
        section = f"{claim.section} ({round_ + 1})" if round_ else claim.section
        data = claim.model_dump()
        data["section"] = section
        # Each copy cuts its own cards, as a workbook grown by hand would.
        for point in data["points"].values():
            point["cards"] = [f"{card_id}-{round_ + 1}" for card_id in point["cards"]]
            for card_id in point["cards"]:
                cards[card_id] = seed.cards[card_id.rsplit("-", 1)[0]].model_dump()
        grown[f"{claim_id}-{round_ + 1}"] = data
    whole = seed.model_dump()
    whole["cards"] = cards
    whole["claims"] = grown
    return Workbook.model_validate(whole)
