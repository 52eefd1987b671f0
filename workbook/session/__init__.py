"""One open workbook file's life, with no Textual: the draft, the journal of unsaved edits,
saving, restoring a journal, and merging with a file that changed under the app.

Beside exports and importing, which it does not import; below it storage, the essay and the core."""
