"""The ``articles`` kind: a concept article laid out on its entity's page.

``model`` is the data format, ``check`` the cross-reference checks, ``view`` what the page
template needs (including what is derived from other data), ``article.md`` the layout.
"""
