"""The scheduler: from a planning problem (docs/planning-problem.md) to a grid.

problem.py loads and checks the problem, rules.py says what a valid grid is
(and what a room or host clash is), metrics.py measures a grid, solve.py
searches for the best one, explain.py says why a grid is as it is
(``python -m planner solve`` runs them from a file). What they find is data: messages.py holds the
messages (a key, ids as parameters), wording.py puts them in the reader's
language with names; adapter.py turns the event into a problem and back.
"""
