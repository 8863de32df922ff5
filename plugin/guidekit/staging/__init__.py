"""Build the guide with Zensical: generate the pages beforehand (generate.py), finish the
written HTML afterwards (postbuild.py). No MkDocs or Zensical import (portable core)."""
