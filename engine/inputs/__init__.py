"""Reading any user file safely: YAML with line numbers, schema validation with did-you-mean."""
