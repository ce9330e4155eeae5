"""Questions translated whole between Spanish and English by Apertium, so that BM25 also searches a
question's words in the language of the passages it is about.

FreeDict (qa.bilingual) translates a word at a time, from 4,502 Spanish headwords: "¿Con qué partido
colabora el MST para lograr sus objetivos?" gets no "work", "achieve" or "goal", and "partido" pools
with "parte" and "partir". Apertium, a rule-based translator, analyses each word's form, picks its
sense in context and translates the sentence: "With which party collaborates the MST to attain his
aims?". Its words join FreeDict's in the BM25 query (docs/EVALUATION.md, round 36); not the
answer step's word in common, where "coffee" from "café con leche" answered a question on calories.

Apertium's English-Spanish data is Debian's apertium-eng-spa (GPL-2.0-or-later), run where it is
installed, never copied into qa. A direction's pipeline ("spa-eng": morphological analysis, tagger,
transfer, generation) is started once and kept running, null-flushed: a question written with a NUL
after it comes back translated, followed by a NUL, in 1–3 ms (starting the pipeline takes about
0.1 s; qa.engine translates while the model embeds). Without Apertium, retrieval works as before,
with FreeDict's words alone.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import selectors
import shlex
import shutil
import subprocess
import threading
import weakref
from collections.abc import Sequence
from pathlib import Path

from qa.lexical import query_tokens, tokens
from qa.settings import Settings, set_by_hand, unusable_resource

log = logging.getLogger(__name__)

DEBIAN_PACKAGE = "apertium-eng-spa"
# question language -> (Apertium direction, language of its translations)
DIRECTIONS = {"es": ("spa-eng", "en"), "en": ("eng-spa", "es")}

# Characters Apertium's stream format reserves; its own text deformatter escapes them the same way.
_RESERVED = re.compile(r"([\\^$/<>@\[\]{}*#~])")
# A first translation loads the pipeline's dictionaries; later ones take about a millisecond.
_REPLY_SECONDS = 10.0
# Characters of a question sent: a question is written whole before its reply is read, and a text
# longer than the pipes between the ten programs can hold would block them all (about 400,000
# characters did). Questions are at most QA_MAX_QUESTION_CHARS (2,000 by default).
_MAX_CHARS = 20_000


def pipeline_commands(mode_text: str) -> list[list[str]]:
    """The commands of an Apertium mode file ("lt-proc '…automorf.bin' | apertium-tagger -g $2 …"),
    each null-flushed (-z), generating without marks on unknown words ($1 -> -n, as `apertium -u`
    does) and with the tagger's optional argument ($2) left out."""
    line = next((line for line in mode_text.splitlines() if line.strip()), "")
    commands = []
    for part in line.split("|"):
        words = [word for word in shlex.split(part.replace("$1", "-n").replace("$2", "")) if word]
        if not words:
            raise ValueError(f"an empty command in {line!r}")
        commands.append([words[0], "-z", *words[1:]])
    return commands


def stream_text(text: str) -> bytes:
    """``text`` as one null-flushed unit of Apertium's stream format: reserved characters escaped,
    NULs and line breaks read as spaces, and a blank before the NUL, without which the bilingual
    lookup (lt-proc -b) waits for the character after a word's end before it answers."""
    flat = " ".join(text[:_MAX_CHARS].replace("\0", " ").split())
    # a lone surrogate (a library caller's string) would stop the pipeline for good
    return _RESERVED.sub(r"\\\1", flat).encode("utf-8", errors="replace") + b"\n\0"


def plain_text(output: bytes) -> str:
    """A translation as Apertium writes it, without its escapes and the line break it was given."""
    return re.sub(r"\\(.)", r"\1", output.decode("utf-8", errors="replace")).strip()


def translation_lang(question_lang: str) -> str | None:
    """The language a question in ``question_lang`` is translated into, None if none is."""
    found = DIRECTIONS.get(question_lang)
    return found[1] if found is not None else None


def translation_terms(question: str, translation: str, lang: str) -> list[str]:
    """The BM25 terms of a question's translation (``lang``: the translation's language) that are
    not among the question's own (qa.lexical.query_tokens), in order, once each."""
    own = set(query_tokens(question))
    return [term for term in dict.fromkeys(tokens(translation, lang)) if term not in own]


class Pipeline:
    """One running Apertium pipeline (the commands of a mode, null-flushed), started on first use.
    Calls are serialised: a reply is read before the next question is written. A pipeline that
    fails (a command exits, or no reply comes) is stopped and not started again; its callers get
    None and go on without translations. Its programs are stopped when it is closed or collected:
    they would otherwise wait for input as long as Python runs."""

    def __init__(self, commands: list[list[str]], name: str = "", reply_seconds: float = _REPLY_SECONDS) -> None:
        self.commands = commands
        self.name = name or (commands[0][0] if commands else "")
        self.reply_seconds = reply_seconds
        self.failure: str | None = None
        self._processes: list[subprocess.Popen[bytes]] = []
        self._lock = threading.Lock()
        weakref.finalize(self, _stop_processes, self._processes)

    def translate(self, texts: Sequence[str]) -> list[str] | None:
        """The texts translated, in order; None once the pipeline has failed."""
        with self._lock:
            if self.failure is not None:
                return None
            try:
                if not self._processes:
                    self._start()
                return [self._translate_one(text) for text in texts]
            except (OSError, TimeoutError, ValueError) as exc:
                self.failure = str(exc) or type(exc).__name__
                log.warning("Apertium's %s stopped translating questions (%s); BM25 goes on without it", self.name, exc)
                _stop_processes(self._processes)
                return None

    def close(self) -> None:
        """Stops the programs; a later translation starts them again."""
        with self._lock:
            _stop_processes(self._processes)

    def _start(self) -> None:
        previous: subprocess.Popen[bytes] | None = None
        for command in self.commands:
            process = subprocess.Popen(
                command,
                stdin=previous.stdout if previous is not None else subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            self._processes.append(process)
            if previous is not None and previous.stdout is not None:
                previous.stdout.close()  # the next command holds it now
            previous = process

    def _translate_one(self, text: str) -> str:
        first, last = self._processes[0], self._processes[-1]
        assert first.stdin is not None and last.stdout is not None
        first.stdin.write(stream_text(text))
        first.stdin.flush()
        reply = bytearray()
        descriptor = last.stdout.fileno()
        # a selector, not select.select: that one refuses descriptors from 1024 on
        with selectors.DefaultSelector() as selector:
            selector.register(descriptor, selectors.EVENT_READ)
            while b"\0" not in reply:
                if not selector.select(self.reply_seconds):
                    raise TimeoutError(f"no translation within {self.reply_seconds:g} s")
                chunk = os.read(descriptor, 65536)
                if not chunk:
                    raise OSError("the pipeline exited")
                reply += chunk
        translated, _, rest = bytes(reply).partition(b"\0")
        if rest.strip(b"\0\n "):
            raise ValueError("the pipeline answered more than it was asked")
        return plain_text(translated)


def _stop_processes(processes: list[subprocess.Popen[bytes]]) -> None:
    """Kills and reaps a pipeline's programs and closes their pipes; the list is emptied. Killed
    first: closing the input of a program that has exited would raise (a broken pipe, with bytes
    still buffered)."""
    for process in processes:
        process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
    processes.clear()


class QuestionTranslator:
    """Apertium's Spanish-English and English-Spanish pipelines (Pipeline), one per direction."""

    def __init__(self, pipelines: dict[str, Pipeline], source: str = "") -> None:
        self.pipelines = pipelines
        self.source = source  # where the pipelines' modes were read, for `qa status` and /ready

    @property
    def working(self) -> bool:
        """Whether no pipeline has failed (`qa status` and /ready report the translator only then)."""
        return all(pipeline.failure is None for pipeline in self.pipelines.values())

    def translate(self, texts: Sequence[str], langs: Sequence[str]) -> list[str | None]:
        """Each text translated from its language (``langs``) into the other one; None for a language
        with no pipeline, or when its pipeline failed."""
        found: list[str | None] = [None] * len(texts)
        for lang, pipeline in self.pipelines.items():
            numbers = [number for number, text_lang in enumerate(langs) if text_lang == lang]
            translated = pipeline.translate([texts[number] for number in numbers]) if numbers else None
            for number, translation in zip(numbers, translated or [], strict=False):
                found[number] = translation
        return found

    def close(self) -> None:
        for pipeline in self.pipelines.values():
            pipeline.close()


def load_translator(modes_dir: Path | None, required: bool = False) -> QuestionTranslator | None:
    """The pipelines of Apertium's eng-spa modes in ``modes_dir`` (Debian: /usr/share/apertium/modes),
    or None when they or the programs they run are not installed (``required``: a ConfigError naming
    QA_APERTIUM_MODES_DIR instead). The pipelines start when first used."""
    if modes_dir is None:
        return None
    pipelines = {}
    for lang, (direction, _) in DIRECTIONS.items():
        try:
            commands = pipeline_commands((modes_dir / f"{direction}.mode").read_text(encoding="utf-8"))
            missing = [command[0] for command in commands if shutil.which(command[0]) is None]
            if missing:
                raise ValueError(f"{', '.join(sorted(set(missing)))} not found")
        except (OSError, ValueError) as exc:
            _unusable(f"cannot run Apertium's {direction} in {modes_dir} ({exc})", required)
            return None
        pipelines[lang] = Pipeline(commands, direction)
    directions = ", ".join(direction for direction, _ in DIRECTIONS.values())
    translator = QuestionTranslator(pipelines, f"apertium {directions} ({modes_dir})")
    if required and None in translator.translate(["¿Dónde?", "Where?"], ["es", "en"]):
        # the programs are there, but a mode's data may not be: a setting made by hand must work
        failed = [f"{p.name}: {p.failure}" for p in translator.pipelines.values() if p.failure is not None]
        _unusable(f"Apertium's modes in {modes_dir} do not translate ({'; '.join(failed)})", required)
    return translator


def _unusable(problem: str, required: bool) -> None:
    unusable_resource(
        "QA_APERTIUM_MODES_DIR",
        problem,
        f"install the Debian package {DEBIAN_PACKAGE}",
        required,
        "no machine translation of questions",
    )


def translator_for(settings: Settings) -> QuestionTranslator | None:
    """The translator the settings ask for: QA_APERTIUM_MODES_DIR's, which must be usable when that
    folder was set by hand (a ConfigError otherwise) and may be missing from the default one."""
    return load_translator(settings.apertium_modes_dir, set_by_hand(settings, "apertium_modes_dir"))


def check_translator(settings: Settings) -> None:
    """A ConfigError now when the modes folder was set by hand and Apertium cannot run from it; the
    default folder is looked at later, when first needed."""
    if set_by_hand(settings, "apertium_modes_dir"):
        translator_for(settings)
