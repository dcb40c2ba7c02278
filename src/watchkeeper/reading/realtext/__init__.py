"""Measuring reading on real third-party text: the eval-dev sets' loaders and one scorer per set.

``sets`` finds ``../shared/data/eval-dev`` and loads its three English sets; ``quotes``, ``timex`` and
``incidents`` score a reading against their gold as the sets' READMEs define it. ``bench/realtext.py`` prints
the tables and ``tests/reading/test_realtext.py`` holds floors on them.
"""
