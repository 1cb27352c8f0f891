"""audiofeature: a Chinese news article in, an accessible audio edition out."""

__version__ = "0.1.0"
