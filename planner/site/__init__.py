"""The event's public face as HTML and data: pure functions of a release.

Everything a visitor sees without signing in is rendered here, once per
change of what it shows: the schedule site (``pages``), the venue screens
(``screen``), the grid table the app's own pages share (``grid``) and the
board data. All user text is escaped by construction.
"""
