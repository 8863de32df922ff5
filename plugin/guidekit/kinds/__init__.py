"""One folder per kind of data item, ``kinds/<kind>/``: its model (``model.py``), check, view,
template, script and stylesheet, and its :class:`~guidekit.kinds.base.Kind` record in
``__init__.py``.

``registry.py`` lists guidekit's own kinds (``BUILTIN``) and loads the ones a site adds
(the plugin's ``kinds`` option, or the ``guidekit.kinds`` entry points). Nothing above this
package names a kind: the loader, checks, renderer, layout, navigation, macros and plugin read
the records. A kind imports only ``guidekit.data``, ``guidekit.formulas`` and the helpers
beneath them, ``base.py``, and the kinds it builds on (a drill reads its calculator's result).
"""
