"""The app's screens: the main screen (prep/), the essay view, practice, conflicts and
loading. A screen may use dialogs and widgets; none imports the app."""
