"""The offline PDFs: the manifest and download links (Sphinx side), the print documents, and the
``python -m handbook.printing.commands`` commands (``make pdf``, ``make handouts``, ``make quicksheets``)."""
