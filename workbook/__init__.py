"""A terminal workbook for preparing both sides of a debate, claim by claim."""

__version__ = "0.1.0"
