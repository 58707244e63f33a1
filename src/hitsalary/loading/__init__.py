"""Loading the reference data: the YAML and CSV files, their schema, the cache, freshness.

It builds the core's `ReferenceData` (and the area tables it reads on demand); it never imports
the output or command-line layers, Typer or Rich."""
