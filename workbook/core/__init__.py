"""The core: the workbook's data in debaters' words and its pure rules (cites, marks, the card
library, coverage, filters, edits with undo, the format upgrade and the merge by id).

It imports nothing else of the workbook's, and reads and writes no file."""
