"""The knowledge base: catalogues, price terms and procedures, indexed for the assistant."""
