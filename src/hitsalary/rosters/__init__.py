"""The roster engine: read a roster (readers), estimate each record (estimator), hand the values to
a writer (runner). Below the command line and the Python API, which both use it; above output,
whose writers turn the values into lines."""
