"""Citations of a standard as a whole, and the other names of standards that
imports recognise (seeded for the standards of 0002)."""

import django.db.models.deletion
from django.db import migrations, models

ALIASES = {
    "eu-2011-36": [
        "EU Directive 2011/36/EU",
        "Directive 2011/36",
        "EU Anti-Trafficking Directive",
        "Anti-Trafficking Directive",
    ],
    "eu-2024-1712": ["EU Directive 2024/1712", "Directive 2024/1712"],
    "cets-197": [
        "CoE Convention on Action against Trafficking",
        "Council of Europe Convention on Action against Trafficking",
        "Council of Europe Convention on Action against Trafficking in Human Beings",
        "Warsaw Convention",
        "CETS 197",
    ],
    "greta-serbia": ["GRETA report on Serbia", "GRETA Serbia"],
    "uncrc": [
        "UN Convention on the Rights of the Child",
        "Convention on the Rights of the Child",
        "CRC",
    ],
    "uncrc-opsc": [
        "Optional Protocol on the Sale of Children",
        "Optional Protocol to the CRC on the sale of children, child prostitution "
        "and child pornography",
    ],
    "cets-201": [
        "Lanzarote Convention",
        "CETS 201",
        "CoE Convention on the Protection of Children against Sexual Exploitation "
        "and Sexual Abuse",
    ],
    "un-alternative-care": [
        "UN Alternative Care Guidelines",
        "Guidelines for the Alternative Care of Children",
    ],
    "barnahus": ["PROMISE Barnahus Quality Standards", "Barnahus standards"],
    "rs-criminal-code": ["Criminal Code of Serbia", "Krivični zakonik"],
}


def fill(apps, schema_editor):
    Standard = apps.get_model("standards", "Standard")
    StandardCitation = apps.get_model("standards", "StandardCitation")
    for citation in StandardCitation.objects.select_related("article"):
        citation.standard_id = citation.article.standard_id
        citation.save(update_fields=["standard"])
    for standard in Standard.objects.filter(code__in=ALIASES, aliases=""):
        standard.aliases = "\n".join(ALIASES[standard.code])
        standard.save(update_fields=["aliases"])


class Migration(migrations.Migration):
    dependencies = [("standards", "0002_seed_standards")]

    operations = [
        migrations.AddField(
            model_name="standard",
            name="aliases",
            field=models.TextField(
                blank=True,
                help_text="Other names documents and imported files use for it, one "
                "per line (e.g. Lanzarote Convention). An import reads each of them, "
                "the code, the short name and the title as a citation of the whole "
                "standard.",
            ),
        ),
        migrations.AddField(
            model_name="standardcitation",
            name="standard",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="citations",
                to="standards.standard",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="standardcitation",
            name="standard",
            field=models.ForeignKey(
                blank=True,
                help_text="Choose the standard to cite it as a whole, or an article.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="citations",
                to="standards.standard",
            ),
        ),
        migrations.AlterField(
            model_name="standardcitation",
            name="article",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="citations",
                to="standards.standardarticle",
            ),
        ),
        migrations.AlterModelOptions(
            name="standardcitation",
            options={
                "ordering": ["sort_order"],
                "abstract": False,
                "verbose_name": "cited standard or article",
            },
        ),
    ]
