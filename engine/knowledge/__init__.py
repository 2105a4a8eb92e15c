"""The knowledge base: municipalities, borders, population, fiscal indices, codes."""
