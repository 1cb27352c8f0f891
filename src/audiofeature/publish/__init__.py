"""Stage 5: writers, each independent, from an Edition to files in the edition's folder."""
