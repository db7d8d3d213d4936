"""The public pages: claims with their verdict and drawn provenance, and sources' track records."""
