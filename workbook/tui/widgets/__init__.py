"""The app's widgets: the claim list, the claim in view, a side's column, the key bar, the
filter, how lines render, and the one place that reaches into Textual's private names.

A widget imports no screen or dialog: it tells what happened with a message."""
