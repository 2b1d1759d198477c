"""Extractive composers, one module per answer mode, over a shared sentence selection."""
