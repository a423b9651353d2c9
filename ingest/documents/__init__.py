"""Knowledge documents into the knowledge base: loaders, splitting, the incremental pipeline."""
