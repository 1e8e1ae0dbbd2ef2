"""Read "CoE Convention on Action against Trafficking in Human Beings", the name
the site's own content gave CETS No. 197 before citations existed, as CETS
No. 197 in imported files."""

import re

from django.db import migrations

CODE = "cets-197"
ALIAS = "CoE Convention on Action against Trafficking in Human Beings"


def name_key(name: str) -> str:
    """As ``standards.models.name_key`` compares names."""
    return " ".join(re.findall(r"\w+", name.casefold()))


def add_alias(apps, schema_editor):
    Standard = apps.get_model("standards", "Standard")
    standard = Standard.objects.filter(code=CODE).first()
    if standard is None:
        return
    for other in Standard.objects.all():
        names = [other.code, other.short_name, other.title, *other.aliases.splitlines()]
        if name_key(ALIAS) in {name_key(name) for name in names}:
            return  # already read as a standard: CETS 197, or one a reviewer chose
    standard.aliases = "\n".join(filter(None, [standard.aliases.strip(), ALIAS]))
    standard.save(update_fields=["aliases"])


class Migration(migrations.Migration):
    dependencies = [("standards", "0004_amendments")]

    operations = [migrations.RunPython(add_alias, migrations.RunPython.noop)]
