"""Voices for narrated renders: none, eSpeak NG (offline, Debian's espeak-ng), or any command that turns text
into a WAV (Piper, Kokoro, ... with a model the user has). Synthesized cues are cached by engine, voice, language,
pace and text, so an unchanged cue is never synthesized twice.

    --voice none                 subtitles only; beats last the reading time
    --voice espeak               espeak-ng, voices en-us and cmn
    --voice 'command:CMD'        CMD reads the text on stdin and writes a WAV to {out} (or to its stdout);
                                 {lang} is zh or en
    --voice recorded:DIR         the author's own recordings: DIR/<cue id>.wav (or .mp3, .m4a, .ogg, .flac), one
                                 per cue id that `batchviz script` lists
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

ESPEAK_VOICES = {"zh": "cmn", "en": "en-us"}
ESPEAK_WORDS_PER_MINUTE = 165  # eSpeak's own measure of speed, at pace 1
SYNTH_TIMEOUT = 120  # seconds for one cue


class VoiceError(Exception):
    """A voice could not speak a cue: the message says which and what to do (one line)."""


RECORDING_SUFFIXES = (".wav", ".mp3", ".m4a", ".ogg", ".flac")


@dataclass(frozen=True)
class Voice:
    engine: str  # none | espeak | command | recorded
    command: str = ""  # the command, or the recordings' folder

    @property
    def speaks(self) -> bool:
        return self.engine != "none"


def parse_voice(text: str) -> Voice:
    if text in ("none", "espeak"):
        return Voice(text)
    if text.startswith("command:") and text[len("command:"):].strip():
        return Voice("command", text[len("command:"):].strip())
    if text.startswith("recorded:") and text[len("recorded:"):].strip():
        folder = Path(text[len("recorded:"):].strip())
        if not folder.is_dir():
            raise VoiceError(f"no folder {str(folder)!r} for recorded:; record the cues of `batchviz script` "
                             "into one folder, one file per cue id")
        return Voice("recorded", str(folder.resolve()))
    raise VoiceError(f"unknown voice {text!r}; use none, espeak, command:'your-tts {{out}}' or recorded:DIR")


def recording(voice: Voice, cue_id: str, text: str) -> Path:
    """The author's recording of cue ``cue_id``: DIR/<cue id> with one of RECORDING_SUFFIXES."""
    for suffix in RECORDING_SUFFIXES:
        path = Path(voice.command) / f"{cue_id}{suffix}"
        if path.is_file():
            try:
                if audio_seconds(path) > 0:
                    return path
            except Exception:  # any decoder error: the file is named, not the library's trace
                pass
            raise VoiceError(f"the recording {path} cannot be read as audio; record cue {cue_id} ({text[:40]!r}) "
                             "again as WAV")
    raise VoiceError(f"no recording {Path(voice.command) / (cue_id + '.wav')} for cue {cue_id} ({text[:40]!r}); "
                     "record it (`batchviz script` lists every cue)")


def audio_seconds(path: Path) -> float:
    """Length of an audio file: WAV by its header, other formats by decoding with PyAV."""
    if path.suffix == ".wav":
        return wav_seconds(path)
    import av

    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        return sum(frame.samples for frame in container.decode(stream)) / stream.rate


def cache_dir() -> Path:
    return Path(os.environ.get("BATCHVIZ_VOICE_CACHE") or Path.home() / ".cache" / "batchviz" / "voice")


def wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def synthesize(voice: Voice, text: str, language: str, pace: float = 1.0) -> Path:
    """The cue spoken as a WAV file (from the cache when this cue was spoken before)."""
    key = hashlib.sha256(repr((voice.engine, voice.command, language, float(pace), text)).encode()).hexdigest()
    out = cache_dir() / f"{key}.wav"
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        if voice.engine == "espeak":
            if shutil.which("espeak-ng") is None:
                raise VoiceError("--voice espeak needs espeak-ng; install it (scripts/setup does, or: "
                                 "apt-get install espeak-ng)")
            speed = str(round(ESPEAK_WORDS_PER_MINUTE * float(pace)))
            run = subprocess.run(["espeak-ng", "-v", ESPEAK_VOICES[language], "-s", speed, "-w", str(staging),
                                  "--stdin"], input=text.encode(), capture_output=True, timeout=SYNTH_TIMEOUT)
        else:
            command = voice.command.replace("{lang}", language)
            to_stdout = "{out}" not in command
            command = command.replace("{out}", shlex.quote(str(staging)))
            run = subprocess.run(command, shell=True, input=text.encode(), capture_output=True, timeout=SYNTH_TIMEOUT)
            if to_stdout and run.returncode == 0:
                staging.write_bytes(run.stdout)
        if run.returncode != 0:
            why = run.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
            raise VoiceError(f"the {voice.engine} voice failed on the cue {text[:40]!r}: {why[0][:200]}; "
                             "check the voice command")
        try:
            wav_seconds(staging)
        except (wave.Error, EOFError, OSError):
            raise VoiceError(f"the {voice.engine} voice did not write a WAV file for the cue {text[:40]!r}; "
                             "it must write a WAV to {out} or to its standard output") from None
        os.replace(staging, out)
    except subprocess.TimeoutExpired:
        raise VoiceError(f"the {voice.engine} voice took over {SYNTH_TIMEOUT} s on the cue {text[:40]!r}") from None
    finally:
        staging.unlink(missing_ok=True)
    return out
