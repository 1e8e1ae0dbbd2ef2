"""Which practice guides were adapted from which.

A guide's lineage is the chain of originals above it and the tree of adaptations
below it. The whole adaptation graph is read in one query (it has one edge per
adapted guide), the chain and the tree are walked in memory, and the guides on
them are fetched in one more query, so the cost does not grow with the depth.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps

from knowledge.selectors import visible_documents

GUIDE = "practices.PracticeGuidePage"


@dataclass
class LineageNode:
    guide: object
    adaptations: list["LineageNode"] = field(default_factory=list)


@dataclass
class Lineage:
    # Oldest original first, ending with the guide's own original.
    ancestors: list
    adaptations: list[LineageNode]

    def __bool__(self) -> bool:
        return bool(self.ancestors or self.adaptations)


def adaptation_edges() -> dict[int, int]:
    """``{adapted guide id: original guide id}`` for every adapted guide."""
    return dict(
        apps.get_model(GUIDE)
        .objects.filter(adapted_from__isnull=False)
        .values_list("pk", "adapted_from_id")
    )


def original_ids(pk: int, edges: dict[int, int]) -> list[int]:
    """The originals above ``pk``, nearest first; stops where a cycle would repeat."""
    chain, seen = [], {pk}
    while (pk := edges.get(pk)) is not None and pk not in seen:
        chain.append(pk)
        seen.add(pk)
    return chain


def lineage(guide, *, user) -> Lineage:
    """The guide's originals and adaptations that ``user`` may open.

    A guide the reader may not open is left out together with everything
    beyond it (its originals, or its own adaptations), so neither its title nor
    its place in the lineage shows.
    """
    edges = adaptation_edges()
    originals = original_ids(guide.pk, edges)
    children = defaultdict(list)
    for adapted, original in edges.items():
        children[original].append(adapted)
    below, stack = set(), [guide.pk]
    while stack:
        for child in children[stack.pop()]:
            if child not in below and child != guide.pk:
                below.add(child)
                stack.append(child)
    visible = {
        document.pk: document
        for document in visible_documents(user=user, model=GUIDE)
        .filter(pk__in=[*originals, *below])
        .select_related("partner")
    }
    ancestors = []
    for pk in originals:
        if pk not in visible:
            break
        ancestors.append(visible[pk])

    def tree(pk: int, path: frozenset) -> list[LineageNode]:
        kept = sorted(
            (visible[child] for child in children[pk] if child in visible),
            key=lambda document: (document.date, document.pk),
        )
        return [
            LineageNode(document, tree(document.pk, path | {document.pk}))
            for document in kept
            if document.pk not in path
        ]

    return Lineage(ancestors[::-1], tree(guide.pk, frozenset({guide.pk})))
