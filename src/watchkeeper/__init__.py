"""Watchkeeper: monitoring of the UN sanctions on the DPRK, as software no veto can switch off."""

__version__ = "0.1.0"
