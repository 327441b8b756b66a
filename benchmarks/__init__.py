"""Accuracy and speed harness of resumeparser (`python -m benchmarks.accuracy`, `python -m benchmarks.speed`)."""
