"""Barcamp Planner: the library behind the app. It never imports streamlit."""
