"""Training sessions: scenarios with automatic checks and per-trainee sandboxes.

Core code: never imports Textual (the progress panel lives in screens/training.py).
"""
