"""Practice for the round: debate formats, the timer, the speech builder and drills.

Above exports (a speech reads like the brief); below the app."""
