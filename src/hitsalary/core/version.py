"""The package's version (read by the build backend, shown by `hitsalary --version`)."""

__version__ = "0.1.0"
