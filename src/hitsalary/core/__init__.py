"""The core: profile, calculation, decisions, levels and catalog rows over the reference data.

Pure: it reads no file and imports neither the loading layer, Typer nor Rich. Everything it
needs (the area tables included) comes in through `ReferenceData`."""
