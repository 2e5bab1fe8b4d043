"""Every adaptation of pydata-sphinx-theme and sphinx-book-theme internals, together: the sidebar,
the trimmed stylesheet and icons, the template cache, and the names the pages use."""
