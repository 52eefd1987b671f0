"""One open workbook file's life, with no Textual: the draft, the journal of unsaved edits,
saving, restoring a journal, and merging with a file that changed under the app.

Beside exports and importing, which it does not import; below it storage, the essay and the
core.

Three merges, each for its own case:
- `core.merge` merges two changed copies of a workbook by id, field by field; what both sides
  changed differently stays in the file as conflicts, as data (`workbook merge`, git's driver).
- `session.merge_in_place` runs that merge on the open workbook and the file that changed under
  it, and writes the result only if the file has not changed again meanwhile.
- `session.restore` puts a journal's unsaved edits back after a crash, claim by claim: a claim
  both the journal and the file changed keeps the file's version, with the journal's beside it
  as a new claim (`ID-restored`), so neither is lost and nothing is left to settle.
"""
