"""The only user of Qt: windows, widgets, dialogs, item models and undo commands."""
