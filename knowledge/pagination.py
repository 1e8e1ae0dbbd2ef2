"""Pages of a listing whose total is counted once per content version."""

import hashlib

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from knowledge.content_cache import remember


class RememberedCountPaginator(Paginator):
    """Counting a listing reads every matching document, where its page reads a
    dozen: the total is remembered until content changes, keyed on the counted
    SQL and its parameters, which tell every filter and audience apart."""

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:
            return 0
        digest = hashlib.sha256(f"{queryset.db}\n{sql}\n{params!r}".encode())
        return remember(f"listing-count:{digest.hexdigest()}", queryset.count)
