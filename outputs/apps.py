from django.apps import AppConfig


class OutputsConfig(AppConfig):
    name = "outputs"

    def ready(self):
        from knowledge.downloads import register_download
        from outputs.views import document_bibtex, document_pdf, document_ris

        register_download("pdf", document_pdf)
        register_download("bibtex", document_bibtex)
        register_download("ris", document_ris)
