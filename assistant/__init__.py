"""Assistant AICT: grounded, cited answers about l'action internationale des collectivités territoriales."""

__version__ = "0.1.0"
