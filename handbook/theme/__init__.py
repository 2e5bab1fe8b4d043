"""Every adaptation of pydata-sphinx-theme and sphinx-book-theme internals, together: the sidebar,
the trimmed stylesheet and icons, the template cache, and the names the pages use."""

# The extension name pydata-sphinx-theme is set up under (sphinx-book-theme sets it up): with
# another theme, the modules here leave the pages alone; with it, what they adapt must be there.
PYDATA_THEME = "pydata_sphinx_theme"
