"""extract/ingest package."""
