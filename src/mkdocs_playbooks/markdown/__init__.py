"""Python-Markdown extensions for the dialects our pages are written in (Experience League's).
May import ``core`` only; imports Markdown (and pymdown-extensions), never MkDocs."""
