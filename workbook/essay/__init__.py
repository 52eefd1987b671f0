"""The essay's text: its paragraphs and sentences, where a quote stands in it, claims picked
from its sentences, and the sentences that read most like claims.

Below it only the core."""
