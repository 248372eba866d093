"""Pure rules: models in, values out; no SQL, HTML or Streamlit (see shared/DESIGN.md)."""
