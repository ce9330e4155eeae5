"""qa: offline multilingual semantic search and extractive question answering."""

__version__ = "0.1.0"
