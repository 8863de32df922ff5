"""Options of the ``guidekit`` plugin, as set under ``plugins: - guidekit:`` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class AutolinkConfig(Config):
    """Links the first mention of an entity per section in hand-written pages."""

    enabled = c.Type(bool, default=True)
    """Turn auto-linking on or off."""
    include = c.ListOfItems(c.Type(str), default=["*"])
    """Glob patterns (against the page's source path) of pages to auto-link."""
    exclude = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns of pages never auto-linked."""
    generated_pages = c.Type(bool, default=False)
    """Also auto-link inside generated pages (their data already links explicitly)."""


class PagesConfig(Config):
    """Folders of the widget pages. Every entity always gets a page (a site without entities
    simply has no collections); set a folder to ``""`` to give that kind no pages."""

    checklists = c.Optional(c.Type(str))
    """Folder of checklist pages (default ``checklists``); set to ``""`` to turn them off."""
    calculators = c.Optional(c.Type(str))
    """Folder of calculator pages (default ``calculators``)."""
    matrices = c.Optional(c.Type(str))
    """Folder of comparison-matrix pages (default ``matrices``)."""
    decisions = c.Optional(c.Type(str))
    """Folder of decision-wizard pages (default ``decisions``)."""
    worksheets = c.Optional(c.Type(str))
    """Folder of worksheet pages (default ``worksheets``)."""
    flashcards = c.Optional(c.Type(str))
    """Folder of flashcard deck pages (default ``flashcards``); their index page studies
    every deck at once."""
    drills = c.Optional(c.Type(str))
    """Folder of estimation drill pages (default ``drills``)."""
    tags = c.Type(str, default="tags")
    """Folder of the tags page (every tag with its entities; tag chips link there);
    ``""`` for none."""
    glossary = c.Type(str, default="glossary")
    """Folder of the glossary page (every entity as a short entry with an anchor, from its
    summary; entity pages link their entry); ``""`` for none."""


class ProgressConfig(Config):
    """Reading progress: "Mark as done" controls on pages and their sections, marks in the
    navigation, and the ``progress`` embed that lists the pages with the reader's progress."""

    enabled = c.Type(bool, default=False)
    """Add the controls and the navigation marks (the ``progress`` embed works either way)."""
    sections = c.Type(bool, default=True)
    """Also a control at the end of every level-2 section of a page."""
    include = c.ListOfItems(c.Type(str), default=["*"])
    """Glob patterns (against the page's source path) of the pages a reader can mark done."""
    exclude = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns of pages without a control, left out of the counts."""
    nav_selector = c.Type(
        str, default="nav a[href], .navbar-nav a[href], .bs-sidebar a[href], .wy-menu a[href]")
    """CSS selector of the navigation links to mark when their page or section is done
    (Material's, the built-in themes')."""


class PrintConfig(Config):
    """A print edition: one page holding every page in navigation order, behind a table of
    contents, for printing or ``python -m guidekit.pdf``."""

    enabled = c.Type(bool, default=False)
    """Generate the print page."""
    page = c.Type(str, default="print.md")
    """Source path of the generated print page (its URL follows ``use_directory_urls``)."""
    title = c.Optional(c.Type(str))
    """Title of the print edition; defaults to the site name."""
    include = c.ListOfItems(c.Type(str), default=["*"])
    """Glob patterns (against source paths) of the pages the print edition holds."""
    exclude = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns of pages left out of the print edition."""


class ExportConfig(Config):
    """Files every build writes beside the pages, for other sites and for language models."""

    guide_json = c.Type(bool, default=True)
    """Write ``guide.json`` (the site's data with each item's URL, links both ways) and its
    JSON Schema ``guide.schema.json``, so other guidekit sites can import it."""
    llms_txt = c.Type(bool, default=True)
    """Write ``llms.txt`` (every page, linked, by navigation section) and ``llms-full.txt``
    (every page's text), following the llmstxt.org convention."""


class ImportConfig(Config):
    """Another guidekit site's ``guide.json``, whose entities this site links as
    ``[[prefix:id]]`` (and by name, auto-linked)."""

    prefix = c.Type(str)
    """The prefix of references to that guide's entities: ``sdg`` for ``[[sdg:kafka]]``."""
    path = c.Optional(c.Type(str))
    """A ``guide.json`` file, relative to mkdocs.yml."""
    url = c.Optional(c.Type(str))
    """A ``guide.json`` URL, fetched once and kept under ``.cache/guidekit/`` for offline
    builds (delete the file to fetch it again)."""
    base_url = c.Optional(c.Type(str))
    """Where that guide is published, when its ``guide.json`` has no ``site.url`` (its links
    are then relative to this)."""
    autolink = c.Type(bool, default=True)
    """Also link that guide's entity names in this site's prose (after this site's own)."""


class GuidekitConfig(Config):
    """Configuration of the guidekit plugin."""

    enabled = c.Type(bool, default=True)
    """Set to false to build the site without guidekit: no generated pages, no assets, and
    ```guidekit fences are left as plain code blocks."""

    # Data
    data_dir = c.Type(str, default="data")
    """Folder of the YAML data, relative to mkdocs.yml."""
    kinds = c.ListOfItems(c.Type(str), default=[])
    """Kinds of data item the site adds to guidekit's own: each a module with a ``KIND`` record,
    by dotted name or as a folder path relative to mkdocs.yml (see "Write a new kind")."""
    cache = c.Type(bool, default=True)
    """Keep the parsed data files, the HTML of the data's Markdown text, the generated pages
    and each page's text for llms-full.txt in ``.cache/guidekit/data/`` beside mkdocs.yml, so
    a build skips parsing, converting and writing what did not change since the last one. An
    entry is used only for the exact input it was made from; deleting the folder is always
    safe."""

    # Pages
    pages = c.SubConfig(PagesConfig)
    """Generated pages and their folders."""
    nav = c.Type(bool, default=True)
    """Put generated pages into the navigation (sections per collection and per widget kind)."""
    nav_by_category = c.ListOfItems(c.Type(str), default=[])
    """Collections (by id) whose navigation section nests its entities in one sub-section per
    category, in the order of the overview page: for collections too long to read as one
    flat list of links."""
    nav_titles = c.Type(dict, default={})
    """Navigation titles of the widget sections, by kind (checklists, calculators, matrices,
    decisions, worksheets, flashcards, drills, and any kind a site adds, by its plural)."""

    # Cross-links
    autolink = c.SubConfig(AutolinkConfig)
    """Auto-linking of entity names in Markdown pages."""
    detached = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns (against source paths) of pages that stand apart from the site's content,
    such as a manual of the site's tooling: never auto-linked, never named in "Discussed in"
    or as the place an item appears, left out of reading progress and the print edition."""

    # Browser
    storage_namespace = c.Optional(c.Type(str))
    """Prefix of the browser storage keys; defaults to the site name, so two sites on one host
    keep their ticks apart."""
    assets = c.Type(bool, default=True)
    """Add guidekit's JS and CSS to every page (turn off only to ship your own)."""
    mermaid_js = c.Optional(c.Type(str))
    """Path, relative to docs_dir, of a local mermaid.min.js. When set, opening a diagram's or
    decision's "Flowchart" loads it (only then) and draws the flowchart as SVG with linked
    nodes. Without it the Mermaid source is shown as text beside the HTML diagram. Never a CDN."""
    language = c.Optional(c.Type(str))
    """Language of the strings widgets and generated pages show (``en``, ``fr``...); defaults
    to the theme's ``language``, and to English for a language guidekit does not ship."""
    strings = c.Type(dict, default={})
    """The site's own wording for single UI strings, by key (e.g. ``checklist.cleared``);
    see the ``i18n/en`` folder of the package for every key."""
    search_rows = c.Type(bool, default=True)
    """Add each matrix row to the search index under '<row> — <table>'."""
    csp = c.Type(bool, default=True)
    """Write ``_headers`` into the built site (the format of Netlify and Cloudflare Pages) with
    a strict Content-Security-Policy for every page: scripts only from the site itself plus
    the hashes of the theme's own inline scripts, read from the built HTML. A ``_headers`` of
    the site's own is kept, and the policy added unless it sets one itself."""

    # Other sites and tools
    export = c.SubConfig(ExportConfig)
    """guide.json and llms.txt, written by every build."""
    imports = c.ListOfItems(c.SubConfig(ImportConfig), default=[])
    """Other guides whose entities this site links: a list of ``{prefix, path}`` or
    ``{prefix, url}``."""

    # Reading and printing
    progress = c.SubConfig(ProgressConfig)
    """Reading progress: controls, navigation marks, export and import."""
    print = c.SubConfig(PrintConfig)
    """The print edition (one page for printing or PDF)."""
