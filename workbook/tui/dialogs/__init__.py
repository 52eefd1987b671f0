"""The app's modal dialogs: forms, questions, the card picker. They may use widgets, and
answer the screen that opened them through `dismiss`."""
