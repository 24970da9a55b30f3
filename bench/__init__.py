"""``make bench`` (``python -m bench``): start-up, memory, search and pattern-switch timings.

Each measurement runs in fresh subprocesses (``python -m bench.probe KIND``)
so one measurement never warms another; the parent repeats them and reports
medians next to the targets from issue 3.
"""
