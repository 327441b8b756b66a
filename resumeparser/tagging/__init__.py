"""The entry tagger: a trained sequence model that reads work and education entries from a section's lines."""
