"""The rule base: rules, conditions, vocabulary, parameters, both evaluators, trace, lint, tests, coverage."""
