"""The scheduler: from a planning problem (shared/planning-problem.md) to a grid.

problem.py loads and checks the problem, rules.py says what a valid grid is,
metrics.py measures a grid, solve.py searches for the best one, explain.py
says why a grid is as it is, cli.py is ``python -m planner solve``.
"""
