"""A new workbook from a document: a text file, Markdown or a saved web page, its essay written
beside it.

Beside exports and the session, which it does not import; below it storage, the essay and the
core."""
