"""The interchange record format, below the apps that use it.

A document type declares its record next to its models (``practices/interchange.py``
and so on: a :class:`records.types.RecordType` that its ``DocumentType`` names by
dotted path), from the field readers of :mod:`records.readers`. The machinery that
reads, checks, writes and exports whole files is ``interchange``, above the type
apps; it loops over the registry and names no type.
"""
