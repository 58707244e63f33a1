"""Output: Rich tables and the chart, JSON documents and the batch writers.

It turns core results into text; it may use the core and loading, never the command line or Typer."""
