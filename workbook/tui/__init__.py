"""The Textual app: the only part of the workbook that imports Textual."""
