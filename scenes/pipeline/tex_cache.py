"""One TeX-to-SVG cache for every render of a user: content-addressed, shared by all workers, filled in batches.

manim compiles each MathTex alone (one latex and one dvisvgm process, about 0.1 s) into the render's own tex_dir.
Here the SVG of a formula is stored under the hash of its whole LaTeX document in one folder per user
(``BATCHVIZ_TEX_DIR``, else ``$XDG_CACHE_HOME/batchviz/tex``, else ``~/.cache/batchviz/tex``), written to a
private temporary name and renamed into place, so that processes rendering at once never read half a file.
``compile_batch`` typesets many formulas as the pages of one document with one latex run and one dvisvgm call;
a batch that fails (a bad formula, a formula longer than a page) falls back to one formula at a time, which
reports errors as manim does. While formulas are ``deferring`` (a dry run that lists them, or a run that is void
if it meets one not compiled yet), a formula not in the cache is not compiled: a placeholder stands in for it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, TypeVar

import svgelements as se

from scenes.pipeline import parsed_svg_cache, text_glyphs
from scenes.pipeline.heavy import manim_tex

BEGIN, END = r"\begin{document}", r"\end{document}"


def cache_dir() -> Path:
    base = os.environ.get("BATCHVIZ_TEX_DIR")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        base = str(Path(xdg) / "batchviz" / "tex")
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True)
    return path


def document(expression: str, environment: Optional[str], tex_template) -> str:
    """The LaTeX document manim would compile for this formula."""
    if environment is not None:
        return tex_template.get_texcode_for_expression_in_env(expression, environment)
    return tex_template.get_texcode_for_expression(expression)


def svg_path(doc: str) -> Path:
    return cache_dir() / (hashlib.sha256(doc.encode("utf-8")).hexdigest()[:32] + ".svg")


def _run(command: list[str], cwd: Path) -> bool:
    return subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def _compile_pages(docs: list[str], work: Path) -> Optional[list[Path]]:
    """The SVG of each document from one multi-page compile, or None when the batch cannot be trusted."""
    preamble = docs[0][: docs[0].index(BEGIN)]
    pages = [d[d.index(BEGIN) + len(BEGIN): d.rindex(END)] for d in docs]
    if any(d[: d.index(BEGIN)] != preamble for d in docs) or any(not p.strip() for p in pages):
        return None  # another template, or an empty page that latex would drop: page numbers would not match
    source = work / "batch.tex"
    source.write_text(preamble + BEGIN + "\n\\newpage\n".join(pages) + END, encoding="utf-8")
    if not _run(["latex", "-interaction=batchmode", "-halt-on-error", "batch.tex"], work):
        return None
    if not _run(["dvisvgm", "--page=1-", "--no-fonts", "--verbosity=0", "--output=page-%p.svg", "batch.dvi"], work):
        return None
    produced = sorted(work.glob("page-*.svg"), key=lambda p: int(p.stem.split("-")[1]))
    return produced if len(produced) == len(docs) else None  # a formula ran over a page


def _compile_one(doc: str, work: Path) -> Path:
    source = work / "one.tex"
    source.write_text(doc, encoding="utf-8")
    if not _run(["latex", "-interaction=batchmode", "-halt-on-error", "one.tex"], work):
        log = (work / "one.log").read_text(encoding="utf-8", errors="replace") if (work / "one.log").exists() else ""
        error = next((line for line in log.splitlines() if line.startswith("!")), "see the LaTeX log")
        formula = " ".join(doc[doc.index(BEGIN) + len(BEGIN): doc.rindex(END)].split())
        raise ValueError(f"LaTeX could not typeset a formula ({error}): {formula[:200]}")
    if not _run(["dvisvgm", "--page=1", "--no-fonts", "--verbosity=0", "--output=one.svg", "one.dvi"], work):
        raise ValueError("dvisvgm could not convert a formula to SVG; install dvisvgm 2.4 or later")
    return work / "one.svg"


def _publish(produced: Path, target: Path) -> None:
    os.replace(produced, target)  # same folder tree: atomic, so another process sees all of it or none


def compile_batch(docs: Iterable[str]) -> int:
    """Compile the documents not yet in the cache (one latex run for all when possible); returns how many."""
    missing = list(dict.fromkeys(d for d in docs if not svg_path(d).exists()))
    if not missing:
        return 0
    with tempfile.TemporaryDirectory(dir=cache_dir(), prefix="work-") as tmp:
        work = Path(tmp)
        produced = _compile_pages(missing, work) if len(missing) > 1 else None
        if produced is not None:
            for doc, svg in zip(missing, produced):
                _publish(svg, svg_path(doc))
        else:
            for k, doc in enumerate(missing):
                one = work / f"doc-{k}"
                one.mkdir()
                _publish(_compile_one(doc, one), svg_path(doc))
    return len(missing)


used: list[Path] = []  # the SVGs served in this process since the list was last cleared (a scene's manifest)
placeholders_served = [0]  # placeholders served in this process so far (formula_memo keeps no build that used one)
T = TypeVar("T")


@dataclass
class _Deferral:
    folder: Path  # its placeholder SVGs
    missing: list[str]  # the documents they stand in for
    may_compile: int  # how many formulas not compiled yet still compile one by one


_deferrals: list[_Deferral] = []  # the active ``deferring`` contexts, innermost last


class FormulasMissing(Exception):
    """A run that met formulas not compiled yet while they were deferred: placeholders stood in, so the run is void
    (run it again once ``documents`` are compiled)."""

    def __init__(self, documents: list[str]):
        super().__init__(f"{len(documents)} formulas not compiled yet")
        self.documents = documents


@contextmanager
def deferring(compile_first: int = 0) -> Iterator[list[str]]:
    """While active, a formula not in the cache is not compiled: a placeholder stands in for it (placeholder_svg)
    and its LaTeX document is added to the yielded list; the first ``compile_first`` of them still compile one by
    one. Formulas already compiled are served as ever. A run that fails once void (run_is_void) ends the block
    quietly: it is void anyway."""
    deferral = _Deferral(Path(tempfile.mkdtemp(prefix="batchviz-placeholders-")), [], compile_first)
    _deferrals.append(deferral)
    try:
        yield deferral.missing
    except Exception:
        if not deferral.missing:
            raise
        # a run already void that failed (on a placeholder's shape, or later): it is made again once its formulas
        # compiled, and a failure of its own is raised there
    finally:
        _deferrals.remove(deferral)
        shutil.rmtree(deferral.folder, ignore_errors=True)


def run_is_void() -> bool:
    """Whether a placeholder has stood in for a formula in the innermost ``deferring``: what the run draws and says
    from then on is void (it is made again), only the formulas it meets still count."""
    return bool(_deferrals) and bool(_deferrals[-1].missing)


def with_one_batch(runs: Sequence[Callable[[bool], T]]) -> list[T]:
    """What each of ``runs`` returns, each called first with ``defer=True`` (it defers the formulas not compiled
    yet, and raises FormulasMissing if it met one); then all that they met compiles in one batch, and the void ones
    are called again with ``defer=False``. A formula first met compiles on its own in a third of a second, as a page
    of one batch in a hundredth."""
    done: dict[int, T] = {}
    missing: list[str] = []
    for k, run in enumerate(runs):
        try:
            done[k] = run(True)
        except FormulasMissing as met:
            missing += met.documents
    with suppress(Exception):  # the runs below compile what is left and say what LaTeX refused
        compile_batch(missing)
    return [done[k] if k in done else run(False) for k, run in enumerate(runs)]


def tex_to_svg_file(expression: str, environment: Optional[str] = None, tex_template=None) -> Path:
    """Drop-in for manim.utils.tex_file_writing.tex_to_svg_file, served from the shared cache."""
    doc = document(expression, environment, tex_template or manim_tex().config["tex_template"])
    path = svg_path(doc)
    if not path.exists():
        deferral = _deferrals[-1] if _deferrals else None
        if deferral is not None and deferral.may_compile <= 0:
            return _stand_in(deferral, doc)
        if deferral is not None:
            deferral.may_compile -= 1
        compile_batch([doc])
    used.append(path)
    return path


def _stand_in(deferral: _Deferral, doc: str) -> Path:
    deferral.missing.append(doc)
    placeholders_served[0] += 1
    placeholder = deferral.folder / f"{len(deferral.missing)}.svg"
    placeholder.write_text(placeholder_svg(doc), encoding="utf-8")
    return placeholder


def manifest_is_cached(manifest: Path) -> bool:
    """Whether every formula a scene used when it was last rendered (``manifest``, one SVG name a line) is still in
    the cache: then an edit of the scene needs a few formulas at most, and listing them all first costs more than
    compiling those one by one."""
    try:
        names = manifest.read_text(encoding="utf-8").split()
    except OSError:
        return False
    folder = cache_dir()
    return all((folder / name).exists() for name in names)  # an empty list: a scene that draws no formula


def write_manifest(manifest: Path) -> None:
    manifest.parent.mkdir(parents=True, exist_ok=True)
    # written whole, then renamed: a render in another process reads the old list or the new one, never half
    partial = manifest.with_name(f".{manifest.name}.{os.getpid()}")
    partial.write_text("\n".join(sorted({p.name for p in used})) + "\n", encoding="utf-8")
    os.replace(partial, manifest)


def install() -> None:
    """Make every MathTex and Tex of this process use the shared cache, and build each formula once."""
    manim = manim_tex()
    manim.tex_mobject.tex_to_svg_file = tex_to_svg_file
    manim.svg_mobject.generate_mobject = _generate_mobject_privately
    manim.keep_built_formulas(tex_to_svg_file, used, placeholders_served)


def _generate_mobject_privately(self):
    """manim's SVGMobject.generate_mobject, but the modified SVG it parses is this process's own temporary file,
    and glyphs parsed by any earlier process are loaded instead (scenes.pipeline.parsed_svg_cache).

    manim writes it as "<name>_.svg" beside the SVG and deletes it after parsing: two render processes drawing one
    cached formula at once wrote and deleted the same file, and one failed with FileNotFoundError."""
    svg_key = parsed_svg_cache.key(self, manim_version())
    cached = parsed_svg_cache.load(cache_dir(), svg_key)
    if cached is not None:
        self.add(*cached[0])
        self.id_to_vgroup_dict = cached[1]
        return self
    new_tree = self.modify_xml_tree(ET.parse(self.get_file_path()))
    manim = manim_tex()
    # a text's letters and a formula's symbols: each glyph built once per process (scenes.pipeline.text_glyphs)
    letters = text_glyphs.letters_of(self, new_tree, str(manim.config.renderer),
                                     cache_dir() / f"letters-{manim_version()}") \
        if isinstance(self, manim.texts) else None
    if letters is not None:
        mobjects, mobject_dict = letters[0], {name: manim.vgroup(*group) for name, group in letters[1].items()}
    else:
        handle, name = tempfile.mkstemp(suffix=".svg")
        try:
            with os.fdopen(handle, "wb") as out:
                new_tree.write(out)
            svg = se.SVG.parse(name)
        finally:
            os.unlink(name)
        mobjects, mobject_dict = self.get_mobjects_from(svg)
    self.add(*mobjects)
    self.id_to_vgroup_dict = mobject_dict
    self.flip(manim.right)
    parsed_svg_cache.store(cache_dir(), svg_key, mobjects, mobject_dict)
    return self


@functools.cache
def manim_version() -> str:
    return importlib.metadata.version("manim")


_RAW = re.compile(r"\\special\{dvisvgm:raw (.*?)\}")
_INK = "<path d='M0 0h1v1h-1z'/>"


def placeholder_svg(doc: str) -> str:
    """An SVG with the group structure the document's dvisvgm specials would give (MathTex splits a formula into
    its parts by those groups) and a square of ink in each part: enough to lay a scene out, not to look at."""
    body = doc[doc.index(BEGIN) + len(BEGIN): doc.rindex(END)]
    parts, last = [], 0
    for match in _RAW.finditer(body):
        if body[last:match.start()].strip():
            parts.append(_INK)
        parts.append(match.group(1))
        last = match.end()
    parts.append(_INK)
    return "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'>" + "".join(parts) + "</svg>"


def collect_documents(run) -> list[str]:
    """The LaTeX documents of the formulas ``run()`` creates that are not compiled yet, compiling none (placeholders
    stand in): a dry run that lists what one batch should compile before the real run."""
    with deferring() as missing:
        run()
    return list(dict.fromkeys(missing))
