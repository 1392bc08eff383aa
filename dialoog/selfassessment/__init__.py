"""The self-assessment ("stap 0"): statements per element, scoring, summary and radar chart."""
