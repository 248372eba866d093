"""The public face of the event, served without a Streamlit script run.

``server`` is a small Starlette app in its own process (``python -m planner
public``): the published schedule, its feeds and the venue screens, rendered
once per change of what they show, never per visitor.
"""
