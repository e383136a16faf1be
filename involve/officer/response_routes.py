"""Officer screens for reading and exporting responses (being written: see issue 3)."""
