"""Browser tests: what a reader sees in Chromium."""
