"""MkDocs with its page rendering remembered between builds (issue 14).

``python -m site_builder.mkdocs_cache CACHE_DIR build --strict --quiet -f CONFIG`` runs MkDocs's
own command line, unchanged, except that two steps of every page are remembered in ``CACHE_DIR``
(the project's private ``.openness/cache/generator/``):

* **Markdown to HTML:** keyed by the page's Markdown and metadata, its path, every file's path and
  address (links resolve against them), the whole generated config, and the code and versions
  (:func:`base_key`).
* **the finished page:** keyed by that HTML, the page's table of contents, title and metadata,
  and the whole navigation: every page's title, address and metadata, in order.

So a one-word edit renders one page again, and a changed title renders every page again.
Everything else runs as usual: every page is read, the plugins see every page (the search index
is built whole), and the theme's own pages (404, sitemap) are written again. Entries are saved
only when MkDocs finished without a warning (the build runs ``--strict``), so a remembered page
is one that rendered cleanly from exactly the same inputs.

The cache is used only with MkDocs 1.6 and the search plugin; with any other plugin MkDocs runs
plainly. The plain ``mkdocs build`` of the same config gives the same files, byte for byte
(``tests/test_generator_cache.py``). The generated config names nothing of this module, so any
generator that reads mkdocs.yml still builds the staged folder.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from redaction.memo import FileMemo, digest

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
KNOWN_PLUGINS = frozenset({"search", "material/search"})
#: Front matter the stage writes that the theme shows only on the page itself (``page.meta.…`` in
#: ``theme/main.html``; a test holds the templates to that): a page's redaction stamp changes with
#: its text, and would otherwise make every page's navigation key change with any edit.
PAGE_ONLY_META = frozenset({"openness_redaction", "openness_jsonld"})
#: Every page is built every time, so an entry no build has used in this many is gone for good
#: (two: an edit undone finds its page still there).
KEEP_RUNS = 2
DISTRIBUTIONS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pygments", "nh3", "jieba")


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return ""


def base_key(config_file: Path) -> str:
    """What every entry depends on: the generated config (but for the staging and output folders,
    which are new every build), this package's theme overrides, sanitiser and this module, and
    the versions of the libraries that render."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    config.pop("docs_dir", None)
    config.pop("site_dir", None)
    code = [HERE / "sanitise.py", Path(__file__), *sorted(p for p in (HERE / "theme").rglob("*") if p.is_file())]
    return digest(
        json.dumps(config, sort_keys=True, default=repr),
        [_version(d) for d in DISTRIBUTIONS],
        [[p.relative_to(HERE).as_posix(), digest(p.read_bytes())] for p in code],
    )


def _meta(meta: dict[str, Any]) -> str:
    return json.dumps(meta, sort_keys=True, default=repr)


def _nav_meta(meta: dict[str, Any] | None) -> str:
    return _meta({k: v for k, v in (meta or {}).items() if k not in PAGE_ONLY_META})


def _toc(items: Any) -> list[dict[str, Any]]:
    return [{"level": a.level, "id": a.id, "name": a.title, "children": _toc(a.children)} for a in items]


def _nav_item(item: Any) -> list[Any]:
    file = getattr(item, "file", None)
    return [
        type(item).__name__,
        item.title,
        getattr(item, "url", None),
        file.src_uri if file is not None else None,
        _nav_meta(getattr(item, "meta", None)),
        [_nav_item(c) for c in (item.children or [])],
    ]


def _search_index(config: Any) -> Any:
    """Material's search index, when Material's search plugin is the only plugin and enabled."""
    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:  # another theme's search: its plugin sees every page as usual
        return None

    plugins = list(config.plugins.values())
    if len(plugins) == 1 and isinstance(plugins[0], SearchPlugin) and plugins[0].config.enabled:
        return plugins[0].search_index
    return None


class PageCache:
    """The two remembered steps, as replacements for MkDocs's ``_populate_page`` and ``_build_page``."""

    def __init__(self, folder: Path, config_file: Path) -> None:
        self.folder = folder
        self.rendered = FileMemo(folder / "rendered", KEEP_RUNS)
        self.pages = FileMemo(folder / "pages", KEEP_RUNS)
        self.base = base_key(config_file)
        self.files_key: str | None = None
        self.nav_key: str | None = None

    def populate(self, original: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(original)
        def _populate_page(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
            if dirty:
                return original(page, config, files, dirty)
            if self.files_key is None:
                every = sorted((f.src_uri, f.dest_uri, f.url, f.inclusion.name) for f in files)
                debug = logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() <= logging.DEBUG
                self.files_key = digest(self.base, every, debug)  # MkDocs notes links only when not debugging
            render = page.render

            def cached_render(config: Any, files: Any) -> None:
                key = digest(self.files_key, page.file.src_uri, page.markdown, _meta(page.meta))
                hit = self.rendered.get(key)
                if not (isinstance(hit, dict) and self._restore(page, hit, files)):
                    render(config, files)
                    self.rendered.put(key, self._snapshot(page))

            page.render = cached_render  # this page only; the method is back when it is done
            try:
                original(page, config, files, dirty)
            finally:
                del page.render

        return _populate_page

    @staticmethod
    def _snapshot(page: Any) -> dict[str, Any]:
        links = page.links_to_anchors
        return {
            "content": page.content,
            "toc": _toc(page.toc),
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
        }

    @staticmethod
    def _restore(page: Any, hit: dict[str, Any], files: Any) -> bool:
        """Put a remembered rendering on the page; False (the page untouched) for a damaged entry."""
        from mkdocs.structure.toc import get_toc

        content, title, anchors, links = hit.get("content"), hit.get("title"), hit.get("anchors"), hit.get("links")
        if not (
            isinstance(content, str)
            and (title is None or isinstance(title, str))
            and isinstance(anchors, list)
            and all(isinstance(a, str) for a in anchors)
            and (links is None or isinstance(links, dict))
        ):
            return False
        try:
            toc = get_toc(hit["toc"])
            linked = None if links is None else {files.get_file_from_path(src): dict(v) for src, v in links.items()}
        except (KeyError, TypeError, ValueError, AttributeError):
            return False
        if linked is not None and None in linked:
            return False  # a linked file is gone (then the files' key has changed anyway)
        page.content, page.toc, page._title_from_render = content, toc, title
        page.present_anchor_ids = set(anchors)
        if linked is not None:
            page.links_to_anchors = linked
        return True

    def build(self, original: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(original)
        def _build_page(
            page: Any,
            config: Any,
            doc_files: Sequence[Any],
            nav: Any,
            env: Any,
            dirty: bool = False,
            excluded: bool = False,
        ) -> None:
            if dirty:
                return original(page, config, doc_files, nav, env, dirty, excluded)
            if self.nav_key is None:
                every = [[p.file.src_uri, p.url, p.title, _nav_meta(p.meta)] for p in (f.page for f in doc_files) if p]
                self.nav_key = digest(self.files_key or self.base, [_nav_item(i) for i in nav.items], every)
            key = digest(
                self.nav_key, page.file.src_uri, page.content, _toc(page.toc), page.title, _meta(page.meta), excluded
            )
            hit = self.pages.get(key)
            index = _search_index(config)
            if not (isinstance(hit, dict) and isinstance(hit.get("html"), str)):
                before = len(index.entries) if index is not None else 0
                original(page, config, doc_files, nav, env, dirty, excluded)
                out = Path(page.file.abs_dest_path)
                if out.is_file():
                    found = index.entries[before:] if index is not None else None
                    try:
                        json.dumps(found)
                    except (TypeError, ValueError):  # not plain data: a hit lets the plugin index the page
                        found = None
                    self.pages.put(key, {"html": out.read_text(encoding="utf-8"), "search": found})
                return
            self._write_remembered(page, config, doc_files, nav, hit, index)

        return _build_page

    @staticmethod
    def _write_remembered(
        page: Any, config: Any, doc_files: Sequence[Any], nav: Any, hit: dict[str, Any], index: Any
    ) -> None:
        """As MkDocs builds a page, without the template. The search index gets the page's
        remembered entries, or the plugins see the page as usual."""
        from mkdocs import utils
        from mkdocs.commands.build import get_context

        found = hit.get("search")
        if index is not None and isinstance(found, list) and all(isinstance(e, dict) for e in found):
            index.entries.extend(dict(e) for e in found)
        else:
            config._current_page = page
            page.active = True
            try:
                context = get_context(nav, doc_files, config, page)
                config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            finally:
                page.active = False
                config._current_page = None
        utils.write_file(str(hit["html"]).encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)

    def save(self) -> None:
        """Keep this build's entries; a cache that cannot be written is left as it was."""
        counts = {name: {"remembered": m.hits, "worked out": m.misses} for name, m in self.memos().items()}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.rendered.save()
            self.pages.save()
            (self.folder / "last-build.json").write_text(json.dumps(counts, indent=1), encoding="utf-8")
        except (OSError, TypeError, ValueError):
            pass

    def memos(self) -> dict[str, FileMemo]:
        return {"Markdown to HTML": self.rendered, "finished pages": self.pages}


def install(cache: PageCache) -> None:
    """Put the cache into MkDocs's build for this process, when the build is one it understands."""
    import mkdocs
    from mkdocs.commands import build as mk_build

    if not mkdocs.__version__.startswith("1.6."):
        return
    original_build = mk_build.build

    def build(config: Any, *, serve_url: str | None = None, dirty: bool = False) -> None:
        if dirty or serve_url or set(config.plugins) - KNOWN_PLUGINS:
            return original_build(config, serve_url=serve_url, dirty=dirty)
        populate, build_page = mk_build._populate_page, mk_build._build_page
        mk_build._populate_page, mk_build._build_page = cache.populate(populate), cache.build(build_page)
        try:
            original_build(config, serve_url=serve_url, dirty=dirty)
        finally:
            mk_build._populate_page, mk_build._build_page = populate, build_page
        cache.save()  # reached only when MkDocs finished: --strict raises on any warning

    mk_build.build = build
    _compiled_templates(cache.folder / "templates")


def _compiled_templates(folder: Path) -> None:
    """Jinja's own cache of compiled templates (keyed by each template's source)."""
    import jinja2
    from mkdocs.theme import Theme

    original = Theme.get_env

    def get_env(self: Theme) -> jinja2.Environment:
        env = original(self)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return env
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        return env

    Theme.get_env = get_env  # type: ignore[method-assign]


def main(argv: list[str]) -> int:
    """``CACHE_DIR`` then MkDocs's own arguments; the config is the one after ``-f``."""
    if len(argv) < 2 or "-f" not in argv:
        print("usage: python -m site_builder.mkdocs_cache CACHE_DIR build ... -f CONFIG", file=sys.stderr)
        return 2
    config, folder = Path(argv[argv.index("-f") + 1]), Path(argv[0])
    try:  # a cache that cannot be used only costs time: MkDocs then runs plainly
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK):
            install(PageCache(folder, config))
    except (OSError, ValueError, yaml.YAMLError):
        pass
    from mkdocs.__main__ import cli

    return int(cli.main(args=argv[1:], prog_name="mkdocs", standalone_mode=True) or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
