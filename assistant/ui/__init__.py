"""Helpers for the Streamlit app: everything testable lives here, `app.py` only lays out widgets."""
