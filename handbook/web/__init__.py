"""The site on the web: its address, sitemap, link previews, structured data, privacy and accessibility,
and the site-wide pages written only when they change."""
