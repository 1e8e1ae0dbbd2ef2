"""Date formats where Django's own do not fit the site (``FORMAT_MODULE_PATH``):
only what differs is set here, the rest comes from Django's locale.

Every date a person reads is written with ``DATE_FORMAT`` (the ``date`` filter
with no format, or a report column), so pages, reports and the dashboard agree.
"""
