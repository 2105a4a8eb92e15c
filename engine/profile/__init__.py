"""A profile: its schema, loading it, and the facts the rules see."""
