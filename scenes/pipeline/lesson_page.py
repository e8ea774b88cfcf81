"""`batchviz page`: the lesson as one static web page, in every language asked for.

OUT/<id>/page/ holds index.html and what it shows, nothing fetched from elsewhere: the lesson video of each
language with its chapters (a chapter list and a chapters text track, one per scene), its subtitles as captions
(WebVTT, converted from the SRT, also written as captions_<lang>.vtt), the transcript whose cues seek the video,
the worked steps as tables of exact values (as `batchviz explain` computes them), and GIFs of chosen scenes with
their narration as alt text. The captions are added to the video from the page itself (TextTrack cues), so that
they work when index.html is opened straight from disk, where browsers refuse to load .vtt files.

Keyboard: every control is a button; captions are on by default (``captions`` False turns them off).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import srt

from mathcore.formatting import format_value
from scenes.pipeline.chapters import chapter_titles
from scenes.pipeline.lesson_render import SceneOutcome, render_lesson
from scenes.pipeline.lesson_video import video_duration
from scenes.pipeline.page_font import FONT_FAMILY, subset_woff2
from scenes.pipeline.staging import staged
from scenes.scenario.lesson import lesson_of, with_true_minus
from scenes.scenario.lesson_plan import scene_names
from scenes.services.subtitle_text import from_srt

PAGE_FOLDER = "page"
PAGE_FONT = "lesson.woff2"  # in page/fonts/


@dataclass(frozen=True)
class PageLanguage:
    language: str
    video: Path  # in the page folder
    cues: list[dict]  # {"start", "end", "text"}
    chapters: list[dict]  # {"start", "end", "title"}


def vtt_text(text: str) -> str:
    """Cue text for WebVTT: "&", "<" and ">" as character references (so "-->" and markup read back as written),
    no blank line (which would end the cue)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\n\s*\n", "\n", text).strip("\n") or " "


def json_in_html(value) -> str:
    """JSON for a <script type="application/json"> element: "<", ">", "&" and the line separators U+2028/U+2029
    escaped, so that no text ("</script>", "<!--") can end or change the element."""
    text = json.dumps(value, ensure_ascii=False)
    for char in ("<", ">", "&", "\u2028", "\u2029"):
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def srt_to_vtt(srt_text: str) -> str:
    """WebVTT for the same cues (WebVTT writes a full stop where SRT writes a comma before milliseconds)."""
    out = ["WEBVTT", ""]
    for cue in srt.parse(srt_text):
        stamp = lambda t: f"{int(t.total_seconds() // 3600):02d}:{int(t.total_seconds() % 3600 // 60):02d}:" \
                          f"{t.total_seconds() % 60:06.3f}"
        out += [f"{stamp(cue.start)} --> {stamp(cue.end)}", vtt_text(from_srt(cue.content)), ""]
    return "\n".join(out)


def _cues(srt_path: Optional[Path]) -> list[dict]:
    if srt_path is None or not srt_path.exists():
        return []
    return [{"start": round(c.start.total_seconds(), 3), "end": round(c.end.total_seconds(), 3), "text": from_srt(c.content)}
            for c in srt.parse(srt_path.read_text(encoding="utf-8"))]


def _worked_steps_html(scenario, language: str) -> str:
    """A table per step scene, in ``language``: every sample's forward pass with the columns the video shows, the
    relation between those columns and the gradient, then the update; exact values, true minus signs."""
    lesson, digits = lesson_of(scenario), scenario.style.digits
    shown = lambda v: with_true_minus(format_value(v, digits))
    f = lambda v: html.escape(shown(v))

    def relation(name: str, value) -> str:  # "w = 0.3", "w ≈ 0.1786": never "= ≈"
        text = shown(value)
        return html.escape(f"{name} ≈ {text[1:]}" if text.startswith("≈") else f"{name} = {text}")

    t = lambda key, **kw: html.escape(lesson.text(key, language, **kw))
    parts = [f"<h2>{t('page_worked')}</h2>"]
    for entry in scenario.lesson:
        if entry.scene != "step":
            continue
        s = lesson.walkthrough(entry.run).step(entry.step)
        rows = "".join(
            f"<tr><td>{f(s.x[k])}</td><td>{f(s.y[k])}</td><td>{f(s.predictions[k])}</td><td>{f(s.residuals[k])}</td>"
            f"<td>{f(s.loss_terms[k])}</td><td>{f(s.residual_x[k])}</td></tr>"
            for k in range(len(s.x)))
        spec = scenario.runs[entry.run]
        run_name = (spec.label.get(language) if spec.label else None) or lesson.text(
            "batch_size_label", language, size=spec.batch_size)
        caption = t("chapter_step", run=run_name, step=s.index)
        update = "".join(f"<li>{item}</li>" for item in (
            relation("L", s.loss), relation("∂L/∂w", s.dw), relation("∂L/∂b", s.db), relation("η", s.lr),
            relation("w", s.w_after), relation("b", s.b_after)))
        parts.append(
            f"<table><caption>{caption}</caption><thead><tr><th scope='col'>x</th><th scope='col'>y</th>"
            f"<th scope='col'>ŷ</th><th scope='col'>ŷ − y</th><th scope='col'>{t('page_loss_term_' + scenario.loss)}</th>"
            f"<th scope='col'>(ŷ − y)x</th></tr></thead><tbody>{rows}</tbody></table>"
            f"<p class='relation'>{t('page_relation_' + scenario.loss)}</p>"
            f"<ul class='update' aria-label='{t('page_update')}'>{update}</ul>")
    return "\n".join(parts)


PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
@font-face {{ font-family: "{font_family}"; src: url("{font_file}") format("woff2"); font-display: block; }}
body {{ font-family: "{font_family}", "Noto Sans CJK SC", "Noto Sans", sans-serif; max-width: 60rem; margin: 1.5rem auto;
       padding: 0 1rem; color: #1b1d23; background: #fff; line-height: 1.5; }}
video {{ width: 100%; background: #111318; }}
button {{ font: inherit; cursor: pointer; border: 1px solid #445; background: #f2f3f7; border-radius: 0.3rem;
         padding: 0.15rem 0.5rem; margin: 0.1rem; color: #1b1d23; }}
button[aria-pressed="true"], button.current {{ background: #1f4e99; color: #fff; }}
button:focus-visible {{ outline: 3px solid #e8a200; outline-offset: 2px; }}
ol.transcript button {{ text-align: left; border: none; background: none; padding: 0.1rem; }}
ol.transcript button.current {{ background: #dde6f7; color: #1b1d23; }}
table {{ border-collapse: collapse; margin: 0.8rem 0; }}
th, td {{ border: 1px solid #bbc; padding: 0.2rem 0.5rem; text-align: right; }}
caption {{ text-align: left; font-weight: bold; }}
figure {{ margin: 1rem 0; }} img {{ max-width: 100%; }}
ul.update {{ list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1.5rem; }}
</style>
</head>
<body>
<h1 id="title">{title}</h1>
<div role="group" aria-label="{language_label}" id="languages">{language_buttons}</div>
<p><label><input type="checkbox" id="captions" {captions_checked}> <span id="captions-label"></span></label></p>
<video id="lesson" controls preload="metadata" playsinline></video>
<h2 id="chapters-heading"></h2>
<ol id="chapters"></ol>
<h2 id="transcript-heading"></h2>
<ol class="transcript" id="transcript"></ol>
{worked}
{figures}
<script id="lesson-data" type="application/json">{data}</script>
<script>
(function () {{
  const data = JSON.parse(document.getElementById("lesson-data").textContent);
  const video = document.getElementById("lesson");
  const captionsBox = document.getElementById("captions");
  let current = null, tracks = {{}};
  // cue text is WebVTT markup: the author's "&", "<", ">" (and so "-->") are written as character references
  function vttText(s) {{ return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }}
  function addTrack(lang, kind, label, items, textOf) {{
    const track = video.addTextTrack(kind, label, lang);
    items.forEach(function (c) {{ track.addCue(new VTTCue(c.start, c.end, vttText(textOf(c)))); }});
    return track;
  }}
  function seek(t) {{ video.currentTime = t; const p = video.play(); if (p) {{ p.catch(function () {{}}); }} }}
  function list(id, items, textOf) {{
    const ol = document.getElementById(id);
    ol.textContent = "";
    items.forEach(function (c, k) {{
      const li = document.createElement("li"), b = document.createElement("button");
      b.type = "button"; b.textContent = textOf(c); b.dataset.start = c.start; b.dataset.index = k;
      b.addEventListener("click", function () {{ seek(c.start); }});
      li.appendChild(b); ol.appendChild(li);
    }});
  }}
  function showCaptions() {{
    Object.keys(tracks).forEach(function (lang) {{
      tracks[lang].captions.mode = (lang === current && captionsBox.checked) ? "showing" : "disabled";
      tracks[lang].chapters.mode = lang === current ? "hidden" : "disabled";
    }});
  }}
  function setLanguage(lang) {{
    const d = data.languages[lang];
    current = lang;
    document.documentElement.lang = lang;
    document.getElementById("title").textContent = d.ui.title; document.title = d.ui.title;
    document.getElementById("captions-label").textContent = d.ui.captions;
    document.getElementById("chapters-heading").textContent = d.ui.chapters;
    document.getElementById("transcript-heading").textContent = d.ui.transcript;
    document.querySelectorAll("section.worked").forEach(function (sec) {{ sec.hidden = sec.lang !== lang; }});
    video.src = d.video;
    if (!tracks[lang]) {{
      tracks[lang] = {{ captions: addTrack(lang, "captions", d.ui.language, d.cues, function (c) {{ return c.text; }}),
                       chapters: addTrack(lang, "chapters", d.ui.language, d.chapters, function (c) {{ return c.title; }}) }};
    }}
    showCaptions();
    list("chapters", d.chapters, function (c) {{ return c.title; }});
    list("transcript", d.cues, function (c) {{ return c.text; }});
    document.querySelectorAll("#languages button").forEach(function (b) {{
      b.setAttribute("aria-pressed", b.dataset.lang === lang ? "true" : "false");
    }});
  }}
  video.addEventListener("timeupdate", function () {{
    document.querySelectorAll("#transcript button").forEach(function (b) {{
      const c = data.languages[current].cues[+b.dataset.index];
      b.classList.toggle("current", video.currentTime >= c.start && video.currentTime < c.end);
    }});
  }});
  captionsBox.addEventListener("change", showCaptions);
  document.querySelectorAll("#languages button").forEach(function (b) {{
    b.addEventListener("click", function () {{ setLanguage(b.dataset.lang); }});
  }});
  window.lessonPage = {{ setLanguage: setLanguage, data: data, current: function () {{ return current; }} }};
  setLanguage(data.first);
}})();
</script>
</body>
</html>
"""


def write_page(scenario, out_dir: Path, languages: list[dict], *, captions: bool = True,
               figures: Optional[list[tuple[Path, str]]] = None) -> Path:
    """index.html for the rendered ``languages`` (each {"language", "video", "subtitles", "scenes": [(name,
    seconds)]}) and ``figures`` ((gif, alt text)); media are copied into the page folder."""
    lesson = lesson_of(scenario)
    folder = out_dir / PAGE_FOLDER
    (folder / "media").mkdir(parents=True, exist_ok=True)
    (folder / "fonts").mkdir(exist_ok=True)
    first = languages[0]["language"]
    data = {"first": first, "languages": {}}
    for item in languages:
        lang = item["language"]
        video = folder / "media" / item["video"].name
        shutil.copyfile(item["video"], video)
        if item["subtitles"] is not None:
            (folder / f"captions_{lang}.vtt").write_text(
                srt_to_vtt(item["subtitles"].read_text(encoding="utf-8")), encoding="utf-8")
        titles = item.get("chapters") or chapter_titles(scenario, lang)
        chapters, t = [], 0.0
        for title, (_, seconds) in zip(titles, item["scenes"]):
            chapters.append({"start": round(t, 3), "end": round(t + seconds, 3), "title": title})
            t += seconds
        text = lambda key, lang=lang: lesson.text(key, lang)
        data["languages"][lang] = {
            "video": f"media/{video.name}", "cues": _cues(item["subtitles"]), "chapters": chapters,
            "ui": {"title": scenario.title.get(lang) or scenario.title.get(scenario.language), "captions":
                   text("page_captions"), "chapters": text("page_chapters"), "transcript": text("page_transcript"),
                   "language": text("page_language_name")}}
    buttons = "".join(f"<button type='button' data-lang='{html.escape(i['language'])}' aria-pressed='false'>"
                      f"{html.escape(lesson.text('page_language_name', i['language']))}</button>" for i in languages)
    figure_html = ""
    for gif, alt in figures or []:
        target = folder / "media" / gif.name
        shutil.copyfile(gif, target)
        figure_html += (f"<figure><img src='media/{html.escape(gif.name)}' alt='{html.escape(alt)}'>"
                        f"<figcaption>{html.escape(alt)}</figcaption></figure>\n")
    worked = "\n".join(
        f"<section class='worked' lang='{html.escape(i['language'])}'{'' if i['language'] == first else ' hidden'}>"
        f"{_worked_steps_html(scenario, i['language'])}</section>" for i in languages)
    fields = dict(
        lang=html.escape(first), title=html.escape(data["languages"][first]["ui"]["title"]),
        language_label=html.escape(lesson.text("page_languages", first)), language_buttons=buttons,
        captions_checked="checked" if captions else "", worked=worked, figures=figure_html,
        data=json_in_html(data), font_family=FONT_FAMILY, font_file=f"fonts/{PAGE_FONT}")
    page = PAGE_TEMPLATE.format(**fields)
    # the font holds every character the page can show (the data is shown by the script: its text counts too)
    subset_woff2(page + json.dumps(data, ensure_ascii=False), folder / "fonts" / PAGE_FONT)
    index = folder / "index.html"
    with staged(index) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return index


def render_page(scenario, out_dir: Path, languages: list[str], *, quality: str, size=None, voice: str = "none",
                jobs: Optional[int] = None, gif_scenes: tuple[str, ...] = (), captions: bool = True,
                on_scene: Callable[[SceneOutcome], None] | None = None,
                on_language: Callable[[str], None] | None = None) -> Path:
    """The page as an output of the lesson loop: the lesson as MP4 in each language (every scene already rendered
    with the same settings is reused), GIFs of ``gif_scenes`` (default: the first step scene) from the same silent
    scene renders, then index.html. ``on_language`` hears of each language before it renders."""
    rendered = []
    for lang in languages:
        if on_language:
            on_language(lang)
        result = render_lesson(scenario, out_dir, quality=quality, language=lang, jobs=jobs, voice=voice, size=size,
                               on_scene=on_scene)
        rendered.append({"language": lang, "video": result.video, "subtitles": result.subtitles,
                         "scenes": [(o.rendered.name, float(video_duration(o.rendered.video))) for o in result.scenes]})
    names = scene_names(scenario)
    chosen = list(gif_scenes) or [next((n for n, e in zip(names, scenario.lesson) if e.scene == "step"), names[0])]
    # the GIFs come from the silent scenes of the same quality (rendered above unless the page is voiced)
    gifs = render_lesson(scenario, out_dir, quality=quality, language=languages[0], fmt="gif", scenes=chosen,
                         burn=True, jobs=jobs, size=size, on_scene=on_scene)
    figures = []
    for o in gifs.scenes:
        cues = srt.parse(o.rendered.subtitles.read_text(encoding="utf-8")) if o.rendered.subtitles else []
        said = " ".join(from_srt(c.content).replace("\n", " ") for c in cues)
        figures.append((o.rendered.video, said or o.rendered.name))
    return write_page(scenario, out_dir, rendered, captions=captions, figures=figures)
