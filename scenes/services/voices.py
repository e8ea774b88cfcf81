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
import signal
import stat
import struct
import subprocess
import tempfile
import threading
import time
import wave
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import av

ESPEAK_VOICES = {"zh": "cmn", "en": "en-us"}
# eSpeak's -s speed at pace 1, per language. Its unit is English words per minute; for Mandarin it is only a
# dial. Measured with scripts/espeak_pace.py (espeak-ng 1.51, voice cmn, plain-prose cues of the zh locale):
# -s 165 says 2.35 Chinese characters a second (a cue took 2.7 times its reading time), -s 280 says 4.0, -s 320
# says 4.5, -s 360 says 4.9. Natural Mandarin speech is about 4-5 characters a second, so cmn speaks at 320 (a
# cue with a formula takes longer, as it does for a person). English at 170 words a minute, a usual narration pace
# (165 said 2.85 words a second and made the voiced 10-minute cut run 600.5 s).
ESPEAK_RATES = {"zh": 320, "en": 170}
ZH_SPEECH_CHARS_PER_SECOND = (4.0, 5.0)  # the band of natural Mandarin speech the zh rate aims inside
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


MAX_CUE_SECONDS = 300  # one beat's cue at the slowest pace is about a minute; five is no voice the lesson wants
MAX_AUDIO_BYTES = 64 * 2**20  # 300 s at 48 kHz, 16-bit stereo is 55 MB
_CHUNK = 1 << 16


def _kind_of(path: Path) -> str | None:
    """None for a regular file, else what it is ("missing", "a folder", "not a regular file")."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return "missing"
    if stat.S_ISDIR(mode):
        return "a folder"
    return None if stat.S_ISREG(mode) else "not a regular file (a pipe, device or socket)"


def parse_voice(text: str) -> Voice:
    if text in ("none", "espeak"):
        return Voice(text)
    if text.startswith("command:") and text[len("command:"):].strip():
        return Voice("command", text[len("command:"):].strip())
    if text.startswith("recorded:") and text[len("recorded:"):].strip():
        folder = Path(text[len("recorded:"):].strip())
        kind = _kind_of(folder)
        if kind == "missing":
            raise VoiceError(f"no folder {str(folder)!r} for recorded:; record the cues of `batchviz script` "
                             "into one folder, one file per cue id")
        if kind != "a folder":
            raise VoiceError(f"recorded:{str(folder)!r} is {'a file' if kind is None else kind}, not a folder; "
                             "name the folder that holds the recordings")
        return Voice("recorded", str(folder.resolve()))
    raise VoiceError(f"unknown voice {text!r}; use none, espeak, command:'your-tts {{out}}' or recorded:DIR")


def recording(voice: Voice, cue_id: str, text: str) -> Path:
    """The author's recording of cue ``cue_id``: DIR/<cue id> with one of RECORDING_SUFFIXES."""
    for suffix in RECORDING_SUFFIXES:
        path = Path(voice.command) / f"{cue_id}{suffix}"
        kind = _kind_of(path)
        if kind == "missing":
            continue
        if kind is not None:
            raise VoiceError(f"the recording {path} is {kind}; save cue {cue_id} ({text[:40]!r}) as an ordinary "
                             "audio file")
        try:
            if audio_seconds(path) > 0:
                return path
        except VoiceError:
            raise
        except Exception:  # noqa: BLE001 - any decoder error: the file is named, not the library's trace
            pass
        raise VoiceError(f"the recording {path} cannot be read as audio; record cue {cue_id} ({text[:40]!r}) "
                         "again as WAV")
    raise VoiceError(f"no recording {Path(voice.command) / (cue_id + '.wav')} for cue {cue_id} ({text[:40]!r}); "
                     "record it (`batchviz script` lists every cue)")


def recordings_digest(voice: Voice, cue_prefix: str) -> str:
    """A digest of the contents of the recordings of one scene's cues (DIR/<cue_prefix>.<k>.<suffix>), for its
    cache key: re-recording a cue re-renders its scene, and only its scene. "" for other voices."""
    if voice.engine != "recorded":
        return ""
    digest = hashlib.sha256()
    try:
        names = sorted(e.name for e in os.scandir(voice.command) if e.name.startswith(cue_prefix + "."))
    except OSError:
        return ""
    for name in names:
        path = Path(voice.command) / name
        if not name.endswith(RECORDING_SUFFIXES) or _kind_of(path) is not None:
            digest.update(f"{name}\0other\0".encode())  # the render will name it
            continue
        info = os.stat(path)
        digest.update(f"{name}\0{_file_digest(str(path), info.st_size, info.st_mtime_ns, info.st_ino)}\0".encode())
    return digest.hexdigest()


@lru_cache(maxsize=4096)
def _file_digest(path: str, size: int, mtime_ns: int, inode: int) -> str:
    """SHA-256 of a recording's bytes (at most MAX_AUDIO_BYTES are read: a larger one is refused by the render),
    remembered while its size, time and inode stay the same."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            left = MAX_AUDIO_BYTES + 1
            while left > 0 and (chunk := f.read(min(_CHUNK * 16, left))):
                digest.update(chunk)
                left -= len(chunk)
    except OSError:
        return "unreadable"
    return digest.hexdigest()


def _too_long(path: Path, seconds: float) -> VoiceError:
    return VoiceError(f"the audio {path} lasts {seconds:.0f} s, over the {MAX_CUE_SECONDS} s limit for one cue; "
                      "a cue is a sentence or two: record or synthesize it shorter")


def _check_size(path: Path) -> int:
    """The byte count of a regular audio file of at most MAX_AUDIO_BYTES, or VoiceError (before any decoding)."""
    kind = _kind_of(path)
    if kind is not None:
        raise VoiceError(f"the audio {path} is {'missing' if kind == 'missing' else kind}; it must be an ordinary "
                         "audio file")
    size = os.stat(path).st_size
    if size > MAX_AUDIO_BYTES:
        raise VoiceError(f"the audio {path} is {size / 2**20:.0f} MB, over the {MAX_AUDIO_BYTES // 2**20} MB limit "
                         f"for one cue (at most {MAX_CUE_SECONDS} s); record or synthesize it shorter")
    return size


def audio_seconds(path: Path) -> float:
    """Length of an audio file: WAV by its header, other formats by PyAV, each checked against MAX_CUE_SECONDS
    and MAX_AUDIO_BYTES before it is decoded."""
    if path.suffix == ".wav":
        return wav_seconds(path)
    _check_size(path)

    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        if not stream.rate:
            raise VoiceError(f"the audio {path} has no sample rate; record it again")
        declared = float(stream.duration * stream.time_base) if stream.duration and stream.time_base else 0.0
        if declared > MAX_CUE_SECONDS:
            raise _too_long(path, declared)
        samples = 0
        for frame in container.decode(stream):  # one frame at a time, stopping at the limit
            samples += frame.samples
            if samples > MAX_CUE_SECONDS * stream.rate:
                raise _too_long(path, samples / stream.rate)
        return samples / stream.rate


def cache_dir() -> Path:
    return Path(os.environ.get("BATCHVIZ_VOICE_CACHE") or Path.home() / ".cache" / "batchviz" / "voice")


def wav_seconds(path: Path) -> float:
    """Length of a WAV file from its header, checked before anything decodes it: a regular file of at most
    MAX_AUDIO_BYTES, a frame rate above 0, at most MAX_CUE_SECONDS, and no more frames than the file holds."""
    size = _check_size(path)
    try:
        with wave.open(str(path)) as w:
            rate, frames = w.getframerate(), w.getnframes()
            frame_bytes = w.getsampwidth() * w.getnchannels()
    except (wave.Error, EOFError, OSError, ValueError, struct.error):
        raise VoiceError(f"the audio {path} is not a WAV file that can be read; write it again as WAV") from None
    if rate <= 0 or frame_bytes <= 0:
        raise VoiceError(f"the WAV file {path} says its frame rate is {rate}; write it again with a real rate "
                         "(e.g. 22050)")
    seconds = frames / rate
    if seconds > MAX_CUE_SECONDS:
        raise _too_long(path, seconds)
    if frames * frame_bytes > size:
        raise VoiceError(f"the WAV file {path} claims {seconds:.1f} s but holds only {size} bytes; write it again")
    return seconds


def _kill_group(process: subprocess.Popen) -> None:
    """End the voice command and everything it started (a shell's child would stay behind otherwise)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def _copy_bounded(source, target: Path, over: list) -> None:
    """Copy a command's stdout to ``target``, at most MAX_AUDIO_BYTES: past that, flag it and stop reading (the
    command is killed; a voice writing gigabytes never reaches memory or the disk)."""
    written = 0
    with open(target, "wb") as sink:
        while chunk := source.read(_CHUNK):
            written += len(chunk)
            if written > MAX_AUDIO_BYTES:
                over.append(written)
                return
            sink.write(chunk)


def _run_voice(argv, *, shell: bool, text: str, stdout_to: Path | None, watch: Path, what: str) -> str:
    """Run a voice command in its own process group with ``text`` on stdin; its stdout goes to ``stdout_to``
    (bounded), its stderr to a temporary file of which the end is read. Killed, group and all, past SYNTH_TIMEOUT
    or when its output grows over MAX_AUDIO_BYTES. Returns the last line of its stderr when it fails, "" when it
    succeeds."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as given:
        given.write(text.encode())
        given.seek(0)
        process = subprocess.Popen(argv, shell=shell, stdin=given,
                                   stdout=subprocess.PIPE if stdout_to is not None else subprocess.DEVNULL,
                                   stderr=err, start_new_session=True)
        over: list = []
        copier = None
        if stdout_to is not None:
            copier = threading.Thread(target=_copy_bounded, args=(process.stdout, stdout_to, over), daemon=True)
            copier.start()
        deadline = time.monotonic() + SYNTH_TIMEOUT
        try:
            while True:
                try:
                    code = process.wait(timeout=0.05)
                    break
                except subprocess.TimeoutExpired:
                    pass
                try:
                    grown = os.stat(watch).st_size if stdout_to is None and os.path.lexists(watch) else 0
                except OSError:
                    grown = 0
                if over or grown > MAX_AUDIO_BYTES:
                    raise VoiceError(f"the {what} voice wrote over {MAX_AUDIO_BYTES // 2**20} MB for the cue "
                                     f"{text[:40]!r} (at most {MAX_CUE_SECONDS} s of audio); it was stopped: check "
                                     "the voice command")
                if time.monotonic() > deadline:
                    raise VoiceError(f"the {what} voice took over {SYNTH_TIMEOUT} s on the cue {text[:40]!r}; it "
                                     "was stopped: check the voice command")
        finally:
            _kill_group(process)  # on success too: whatever it left running in its group ends with it
            if copier is not None:
                copier.join()
                process.stdout.close()
        if over:
            raise VoiceError(f"the {what} voice wrote over {MAX_AUDIO_BYTES // 2**20} MB for the cue {text[:40]!r} "
                             f"(at most {MAX_CUE_SECONDS} s of audio); it was stopped: check the voice command")
        if code == 0:
            return ""
        err.seek(max(0, err.seek(0, os.SEEK_END) - 4096))
        lines = err.read().decode(errors="replace").strip().splitlines()
        return (lines[-1] if lines else "no message")[:200]


def espeak_argv(language: str, pace: float, out: Path) -> list[str]:
    """The espeak-ng command that speaks stdin in ``language`` at ``pace`` into the WAV file ``out``."""
    speed = str(round(ESPEAK_RATES[language] * float(pace)))
    return ["espeak-ng", "-v", ESPEAK_VOICES[language], "-s", speed, "-w", str(out), "--stdin"]


def cue_key(voice: Voice, text: str, language: str, pace: float) -> str:
    """The cache name of a synthesized cue. For eSpeak it covers the voice and rate used: a cue spoken at an older
    rate is never taken from the cache after the rate changes."""
    settings = (ESPEAK_VOICES[language], ESPEAK_RATES[language]) if voice.engine == "espeak" else ()
    return hashlib.sha256(repr((voice.engine, voice.command, language, float(pace), text, settings)).encode()
                          ).hexdigest()


def synthesize(voice: Voice, text: str, language: str, pace: float = 1.0) -> Path:
    """The cue spoken as a WAV file (from the cache when this cue was spoken before). A cue over MAX_CUE_SECONDS
    or MAX_AUDIO_BYTES is refused and never kept in the cache."""
    key = cue_key(voice, text, language, pace)
    out = cache_dir() / f"{key}.wav"
    if out.exists():
        try:
            wav_seconds(out)
            return out
        except VoiceError:  # left by an older version without limits, or damaged: made again (and refused)
            out.unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        if voice.engine == "espeak":
            if shutil.which("espeak-ng") is None:
                raise VoiceError("--voice espeak needs espeak-ng; install it (scripts/setup does, or: "
                                 "apt-get install espeak-ng)")
            failed = _run_voice(espeak_argv(language, pace, staging), shell=False, text=text, stdout_to=None,
                                watch=staging, what="espeak")
        else:
            command = voice.command.replace("{lang}", language)
            to_stdout = "{out}" not in command
            command = command.replace("{out}", shlex.quote(str(staging)))
            failed = _run_voice(command, shell=True, text=text, stdout_to=staging if to_stdout else None,
                                watch=staging, what=voice.engine)
        if failed:
            raise VoiceError(f"the {voice.engine} voice failed on the cue {text[:40]!r}: {failed}; "
                             "check the voice command")
        if not staging.exists():
            raise VoiceError(f"the {voice.engine} voice did not write a WAV file for the cue {text[:40]!r}; "
                             "it must write a WAV to {out} or to its standard output")
        try:
            wav_seconds(staging)
        except VoiceError as exc:
            if "not a WAV" in str(exc):
                raise VoiceError(f"the {voice.engine} voice did not write a WAV file for the cue {text[:40]!r}; "
                                 "it must write a WAV to {out} or to its standard output") from None
            raise VoiceError(f"the {voice.engine} voice, cue {text[:40]!r}: {exc}") from None
        os.replace(staging, out)
    finally:
        staging.unlink(missing_ok=True)
    return out
