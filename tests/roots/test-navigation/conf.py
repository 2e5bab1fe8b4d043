# Sidebar settings come from the handbook's conf.py (tests/test_navigation.py); no handbook checks here.
extensions = ["myst_parser"]
html_theme = "sphinx_book_theme"
