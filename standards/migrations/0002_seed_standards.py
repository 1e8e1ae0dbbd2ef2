"""The standards practitioners in Serbia and the EU work to, with the articles
practice guides and policy briefs cite most. Titles and addresses are the
official ones; where an instrument gives its articles no headings (the UN
instruments, GRETA's reports), the title describes the article's subject.
Summaries are the site's own. Administrators extend the list in the admin.
"""

from django.db import migrations

EUR_LEX = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:"
COE_TREATY = (
    "https://www.coe.int/en/web/conventions/full-list?module=treaty-detail&treatynum="
)


def article(number, title, summary=""):
    return (str(number), f"Article {number}", title, summary)


STANDARDS = [
    {
        "code": "eu-2011-36",
        "short_name": "Directive 2011/36/EU",
        "title": "Directive 2011/36/EU of the European Parliament and of the Council "
        "of 5 April 2011 on preventing and combating trafficking in human beings "
        "and protecting its victims, and replacing Council Framework Decision "
        "2002/629/JHA",
        "kind": "eu-law",
        "issuing_body": "European Parliament and Council of the European Union",
        "year": 2011,
        "official_url": EUR_LEX + "32011L0036",
        "articles": [
            article(
                2,
                "Offences concerning trafficking in human beings",
                "Defines trafficking and the forms of exploitation it covers; a "
                "child's consent is never relevant.",
            ),
            article(
                8,
                "Non-prosecution or non-application of penalties to the victim",
                "Victims need not be punished for crimes they were compelled to "
                "commit as a direct consequence of being trafficked.",
            ),
            article(
                11,
                "Assistance and support for victims of trafficking in human beings",
                "Assistance starts as soon as there are reasonable grounds to "
                "believe a person is a victim, and does not depend on their "
                "willingness to cooperate in criminal proceedings.",
            ),
            article(
                12,
                "Protection of victims of trafficking in human beings in criminal "
                "investigation and proceedings",
            ),
            article(
                13,
                "General provisions on assistance, support and protection measures "
                "for child victims of trafficking in human beings",
                "The child's best interests come first; a person whose age is "
                "uncertain is presumed to be a child and receives help at once.",
            ),
            article(
                14,
                "Assistance and support to child victims",
                "Support for the child's physical and psycho-social recovery, "
                "based on an individual assessment, with access to education.",
            ),
            article(
                15,
                "Protection of child victims of trafficking in human beings in "
                "criminal investigations and proceedings",
                "A representative for the child, interviews without delay in "
                "suitable premises by trained professionals, as few as possible, "
                "and video-recorded where possible.",
            ),
            article(
                16,
                "Assistance, support and protection for unaccompanied child victims "
                "of trafficking in human beings",
                "A durable solution for each unaccompanied child, and a guardian "
                "where national law requires one.",
            ),
            article(17, "Compensation to victims"),
            article(
                18,
                "Prevention",
                "Discouraging demand, awareness campaigns and regular training for "
                "officials likely to come into contact with victims.",
            ),
            article(19, "National rapporteurs or equivalent mechanisms"),
        ],
    },
    {
        "code": "eu-2024-1712",
        "short_name": "Directive (EU) 2024/1712",
        "title": "Directive (EU) 2024/1712 of the European Parliament and of the "
        "Council of 13 June 2024 amending Directive 2011/36/EU on preventing and "
        "combating trafficking in human beings and protecting its victims",
        "kind": "eu-law",
        "issuing_body": "European Parliament and Council of the European Union",
        "year": 2024,
        "official_url": EUR_LEX + "32024L1712",
        "articles": [
            article(
                1,
                "Amendments to Directive 2011/36/EU",
                "Adds forced marriage, illegal adoption and the exploitation of "
                "surrogacy to the forms of exploitation, covers offences committed "
                "online, and asks for national referral mechanisms for victims.",
            ),
            article(2, "Transposition"),
        ],
    },
    {
        "code": "cets-197",
        "short_name": "CETS No. 197",
        "title": "Council of Europe Convention on Action against Trafficking in "
        "Human Beings",
        "kind": "coe-convention",
        "issuing_body": "Council of Europe",
        "year": 2005,
        "official_url": COE_TREATY + "197",
        "articles": [
            article(4, "Definitions"),
            article(
                5,
                "Prevention of trafficking in human beings",
                "Research, information and education campaigns, and a protective "
                "environment for children to reduce their vulnerability.",
            ),
            article(
                10,
                "Identification of the victims",
                "Trained and qualified staff identify victims; a person presumed to "
                "be a child is treated as one, and an unaccompanied child gets a "
                "legal guardian.",
            ),
            article(11, "Protection of private life"),
            article(
                12,
                "Assistance to victims",
                "Safe accommodation, psychological and material help, emergency "
                "medical care, counselling, and access to education for children.",
            ),
            article(13, "Recovery and reflection period"),
            article(
                16,
                "Repatriation and return of victims",
                "A child is not returned unless a risk and security assessment "
                "shows that return is in the child's best interests.",
            ),
            article(26, "Non-punishment provision"),
            article(
                28,
                "Protection of victims, witnesses and collaborators with the "
                "judicial authorities",
                "Effective protection from retaliation or intimidation, with "
                "special measures for child victims.",
            ),
            article(30, "Court proceedings"),
        ],
    },
    {
        "code": "greta-serbia",
        "short_name": "GRETA on Serbia",
        "title": "Recommendations of the Group of Experts on Action against "
        "Trafficking in Human Beings (GRETA) to Serbia, from its evaluation "
        "reports on the implementation of CETS No. 197",
        "kind": "monitoring",
        "issuing_body": "GRETA, Council of Europe",
        "year": None,
        "official_url": "https://www.coe.int/en/web/anti-human-trafficking/serbia",
        "articles": [
            (
                "child-vulnerability",
                "Recommendation on prevention",
                "Reduce children's vulnerability to trafficking",
                "Prevention aimed at children at risk, including children on the "
                "move and children in street situations.",
            ),
            (
                "child-identification",
                "Recommendation on identification",
                "Improve the identification of child victims",
                "Proactive identification of child victims by trained professionals, "
                "with procedures that take account of children's needs.",
            ),
            (
                "child-assistance",
                "Recommendation on assistance",
                "Improve assistance to child victims",
                "Specialised accommodation and services for child victims.",
            ),
            (
                "unaccompanied-children",
                "Recommendation on unaccompanied children",
                "Care arrangements and guardians for unaccompanied and separated "
                "children",
                "Safe and appropriate accommodation for unaccompanied and separated "
                "children, and the timely appointment of guardians.",
            ),
        ],
    },
    {
        "code": "uncrc",
        "short_name": "UNCRC",
        "title": "Convention on the Rights of the Child",
        "kind": "un-instrument",
        "issuing_body": "United Nations General Assembly",
        "year": 1989,
        "official_url": "https://www.ohchr.org/en/instruments-mechanisms/"
        "instruments/convention-rights-child",
        "articles": [
            article(
                3,
                "Best interests of the child",
                "In all actions concerning children, the child's best interests "
                "are a primary consideration.",
            ),
            article(
                12,
                "Respect for the views of the child",
                "A child capable of forming views may express them freely and be "
                "heard in proceedings affecting them.",
            ),
            article(19, "Protection from all forms of violence"),
            article(
                20,
                "Children deprived of a family environment",
                "Special protection and alternative care, such as foster "
                "placement, for children who cannot stay with their family.",
            ),
            article(34, "Protection from sexual exploitation and sexual abuse"),
            article(35, "Prevention of abduction, sale and trafficking of children"),
            article(
                39,
                "Recovery and reintegration of child victims",
                "Physical and psychological recovery and social reintegration in "
                "an environment that fosters the child's health, self-respect and "
                "dignity.",
            ),
        ],
    },
    {
        "code": "uncrc-opsc",
        "short_name": "OPSC",
        "title": "Optional Protocol to the Convention on the Rights of the Child on "
        "the sale of children, child prostitution and child pornography",
        "kind": "un-instrument",
        "issuing_body": "United Nations General Assembly",
        "year": 2000,
        "official_url": "https://www.ohchr.org/en/instruments-mechanisms/"
        "instruments/optional-protocol-convention-rights-child-sale-children-child",
        "articles": [
            article(2, "Definitions of the sale of children, child prostitution "
                    "and child pornography"),
            article(3, "Offences to be covered by criminal law"),
            article(
                8,
                "Protection of child victims in the criminal justice process",
                "Procedures adapted to child victims, support services, privacy, "
                "and the child's best interests as the primary consideration.",
            ),
            article(
                9,
                "Prevention, recovery and compensation",
                "Prevention and awareness, assistance for full recovery and "
                "reintegration, and access to compensation.",
            ),
        ],
    },
    {
        "code": "cets-201",
        "short_name": "Lanzarote Convention (CETS No. 201)",
        "title": "Council of Europe Convention on the Protection of Children "
        "against Sexual Exploitation and Sexual Abuse",
        "kind": "coe-convention",
        "issuing_body": "Council of Europe",
        "year": 2007,
        "official_url": COE_TREATY + "201",
        "articles": [
            article(
                5,
                "Recruitment, training and awareness raising of persons working in "
                "contact with children",
            ),
            article(6, "Education for children"),
            article(14, "Assistance to victims"),
            article(23, "Solicitation of children for sexual purposes"),
            article(31, "General measures of protection"),
            article(
                35,
                "Interviews with the child",
                "Interviews without delay, in suitable premises, by trained "
                "professionals, as few as possible and, where possible, by the "
                "same persons.",
            ),
        ],
    },
    {
        "code": "un-alternative-care",
        "short_name": "UN Guidelines for the Alternative Care of Children",
        "title": "Guidelines for the Alternative Care of Children "
        "(General Assembly resolution A/RES/64/142)",
        "kind": "guidelines",
        "issuing_body": "United Nations General Assembly",
        "year": 2009,
        "official_url": "https://undocs.org/A/RES/64/142",
        "articles": [
            (
                "general-principles",
                "General principles",
                "General principles and perspectives",
                "The necessity and suitability principles: a child is removed from "
                "the family only when necessary, into care that suits the child.",
            ),
            (
                "preventing-need",
                "Preventing the need for care",
                "Preventing the need for alternative care",
            ),
            (
                "determining-care",
                "Determining the form of care",
                "Determination of the most appropriate form of care",
                "Decisions on care are made case by case, with the child, after a "
                "thorough assessment, and reviewed regularly.",
            ),
            (
                "provision-of-care",
                "Provision of care",
                "Provision of alternative care",
                "Family-based care, including foster care, as the preferred form of "
                "alternative care, with residential care limited.",
            ),
            (
                "outside-country",
                "Children abroad",
                "Care for children outside their country of habitual residence",
            ),
        ],
    },
    {
        "code": "barnahus",
        "short_name": "Barnahus Quality Standards",
        "title": "Barnahus Quality Standards: Guidance for Multidisciplinary and "
        "Interagency Response to Child Victims and Witnesses of Violence",
        "kind": "quality-standards",
        "issuing_body": "PROMISE project, Council of the Baltic Sea States",
        "year": 2017,
        "official_url": "https://childrenatrisk.cbss.org/publications/"
        "the-promise-barnahus-quality-standards/",
        "articles": [
            (str(number), f"Standard {number}", title, "")
            for number, title in [
                (1, "Best interests of the child"),
                (2, "Multidisciplinary and interagency collaboration"),
                (3, "Inclusive target group"),
                (4, "Child-friendly environment"),
                (5, "Interagency case management"),
                (6, "Forensic interview"),
                (7, "Medical examination"),
                (8, "Therapeutic services"),
                (9, "Capacity building"),
                (10, "Prevention"),
            ]
        ],
    },
    {
        "code": "rs-criminal-code",
        "short_name": "Krivični zakonik (Serbia)",
        "title": "Criminal Code of the Republic of Serbia (Krivični zakonik, "
        "Službeni glasnik RS, br. 85/2005, with later amendments)",
        "kind": "national-law",
        "issuing_body": "National Assembly of the Republic of Serbia",
        "year": 2005,
        "official_url": "https://www.paragraf.rs/propisi/krivicni_zakonik.html",
        "articles": [
            (
                "388",
                "Član 388",
                "Trgovina ljudima (Trafficking in human beings)",
                "The offence of trafficking in human beings; against a minor it is "
                "committed even without force, threat or deception, and carries a "
                "higher minimum sentence. Knowingly using a victim's services is "
                "also punishable.",
            ),
            (
                "389",
                "Član 389",
                "Trgovina maloletnim licima radi usvojenja "
                "(Trafficking in minors for adoption)",
            ),
        ],
    },
]


def seed(apps, schema_editor):
    Standard = apps.get_model("standards", "Standard")
    StandardArticle = apps.get_model("standards", "StandardArticle")
    for position, data in enumerate(STANDARDS):
        fields = {key: value for key, value in data.items() if key != "articles"}
        standard, created = Standard.objects.get_or_create(
            code=data["code"], defaults={**fields, "sort_order": position}
        )
        if not created:
            continue
        StandardArticle.objects.bulk_create(
            StandardArticle(
                standard=standard,
                key=key,
                label=label,
                title=title,
                summary=summary,
                sort_order=order,
            )
            for order, (key, label, title, summary) in enumerate(
                (*entry, "")[:4] for entry in data["articles"]
            )
        )


def unseed(apps, schema_editor):
    Standard = apps.get_model("standards", "Standard")
    Standard.objects.filter(code__in=[data["code"] for data in STANDARDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("standards", "0001_standards_and_citations")]

    operations = [migrations.RunPython(seed, unseed)]
